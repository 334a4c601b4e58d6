"""Result rows as a DataFrame, and configs run through the one runner.

    rows = annotbench.read_results("results/quick")     # one row per result row
    annotbench.run("harness/configs/quick.json", results="results/quick")
"""

import json
import sys
import warnings

import numpy as np
import pandas as pd

from . import _core

__all__ = ["read_results", "run"]

_ROW_COLUMNS = ["setting", "dataset", "method", "seed", "cell", "file", "line"]
# Where rows of sweeps are read (harness/grid/sweep.h): the sweep's name, its axis and the row's value
# on it (None / NaN for rows outside sweeps).
_SWEEP_COLUMNS = ["sweep", "sweep_axis", "sweep_value"]


def _value(text):
    """A JSON value from the row as a Python one: numbers as floats, lists as tuples (hashable, for groupby)."""
    value = json.loads(text)
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, list):
        return tuple(value)
    return value


def read_results(path):
    """The result rows of a results directory (every .jsonl directly in it) or of one .jsonl file:
    one DataFrame row per result row, with setting, dataset, method, seed, cell, file and line, one
    float column per metric (NaN where a row lacks it), one column per method hyper-parameter, and
    one per field that makes the setting (``simulator.kind``, ``split.train``, ``data.checksum``, ...),
    and, where any row belongs to a sweep, ``sweep``, ``sweep_axis`` and ``sweep_value``.
    The reader is the one `annotbench report` uses: a last line cut by a killed run is skipped with a
    warning, any other bad line is a ValueError naming its file and line."""
    read = _core.read_result_rows(str(path))
    for line in read["warnings"].splitlines():
        warnings.warn(line, stacklevel=2)
    records, metric_names, option_names, identity_names = [], {}, {}, {}
    sweeps = any("sweep" in row for row in read["rows"])
    for row in read["rows"]:
        record = {name: row[name] for name in _ROW_COLUMNS}
        if sweeps:
            record.update({name: row.get(name) for name in _SWEEP_COLUMNS})
        record.update(row["metrics"])
        metric_names.update(dict.fromkeys(row["metrics"]))
        for name, text in row["hyperparameters"].items():
            record[name] = _value(text)
            option_names[name] = None
        for name, text in row["setting_identity"].items():
            if name not in _ROW_COLUMNS:
                record[name] = _value(text)
                identity_names[name] = None
        records.append(record)
    metrics = sorted(metric_names)
    options = sorted(n for n in option_names if n not in metric_names)
    identity = sorted(n for n in identity_names if n not in metric_names and n not in option_names)
    sweep_columns = list(_SWEEP_COLUMNS) if sweeps else []
    frame = pd.DataFrame.from_records(records, columns=_ROW_COLUMNS + sweep_columns + metrics + options + identity)
    if sweeps:
        frame["sweep_value"] = frame["sweep_value"].astype(float)
    frame["seed"] = frame["seed"].astype(np.int64)
    frame["line"] = frame["line"].astype(np.int64)
    for name in metrics:
        frame[name] = frame[name].astype(float)
    return frame


def run(config, results=None, jobs=1, shard=None, device=None, data_dir=None, progress=True):
    """Runs the cells of `config` that `results` (default results/<config name>) does not hold yet,
    as `annotbench run` does: resumable, a progress line per cell on stderr, bit-for-bit the same
    rows for the same seeds. `shard` is (I, N) for the I-th of N parts. Returns the run's summary;
    a failed cell is in the failure log it names, and the rows are read with read_results(results).
    The GIL is released while it runs; a KeyboardInterrupt is seen only when it returns."""
    shard_index, shard_count = (1, 1) if shard is None else shard
    summary = _core.run_config(str(config), results_dir="" if results is None else str(results), jobs=int(jobs),
                               shard_index=int(shard_index), shard_count=int(shard_count), device=device or "",
                               data_dir="" if data_dir is None else str(data_dir), progress=bool(progress))
    if progress:
        print(f"{summary['finished']} finished, {summary['already_done']} already done, {summary['failed']} failed "
              f"of {summary['cells']} cells in {summary['seconds']:.1f} s -> {summary['results_file']}", file=sys.stderr)
    if summary["stopped_by"]:
        raise RuntimeError(f"the run stopped: {summary['stopped_by']}")
    return summary
