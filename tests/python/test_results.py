"""read_results gives a results directory's rows as the report reads them; run drives the one
runner and resumes."""

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import annotbench

QUICK = "results/reference/quick/quick.jsonl"


@pytest.fixture
def source_dir():
    return Path(__file__).resolve().parents[2]


def test_one_row_per_result_row_with_metrics_as_floats(source_dir):
    lines = [json.loads(line) for line in (source_dir / QUICK).read_text().splitlines() if line.strip()]
    rows = annotbench.read_results(source_dir / QUICK)
    assert len(rows) == len(lines)
    assert rows["test_accuracy"].dtype == np.float64 and rows["valid_accuracy"].dtype == np.float64
    first = lines[0]
    assert rows.loc[0, "method"] == first["method"] and rows.loc[0, "seed"] == first["seed"]
    assert rows.loc[0, "test_accuracy"] == first["metrics"]["test_accuracy"]
    assert rows.loc[0, "simulator.kind"] == first["simulator"]["kind"]
    # A metric a row does not have is NaN; a method's hyper-parameter is a column of its own.
    annot_mix = rows[rows["method"] == "annot-mix"]
    assert annot_mix["eta"].eq(0.9).all() and annot_mix["train_annotator_performance_mae"].notna().all()
    assert rows.loc[rows["method"] == "ground-truth", "train_annotator_performance_mae"].isna().all()
    # The committed grid: every (setting, method) has its three seeds.
    assert rows.groupby(["setting", "method"]).size().eq(3).all()


def test_a_last_line_cut_by_a_killed_run_is_skipped_with_a_warning(tmp_path, source_dir):
    text = (source_dir / QUICK).read_text().splitlines()
    (tmp_path / "cut.jsonl").write_text("\n".join(text[:3]) + "\n" + text[3][:40])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rows = annotbench.read_results(tmp_path)
    assert len(rows) == 3
    assert any("cut.jsonl:4: skipping an incomplete last line" in str(w.message) for w in caught)


def test_a_corrupt_line_inside_is_an_error_naming_file_and_line(tmp_path, source_dir):
    text = (source_dir / QUICK).read_text().splitlines()
    (tmp_path / "bad.jsonl").write_text("\n".join([text[0], text[1][:40], text[2]]) + "\n")
    with pytest.raises(ValueError, match=r"bad\.jsonl:2"):
        annotbench.read_results(tmp_path)


def test_a_missing_directory_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError):
        annotbench.read_results(tmp_path / "nowhere")


TINY = {
    "name": "tiny",
    "description": "two methods on iris, one seed, two epochs: the Python run test",
    "epochs": 2, "batch_size": 64, "learning_rate": 0.01, "device": "cpu", "seeds": [0, 1],
    "split": {"test_fraction": 0.2, "valid_size": 0.1},
    "datasets": [{"dataset": "iris", "setting": "iris (uniform r=0.3)",
                  "simulator": {"kind": "uniform", "annotators": 4, "rates": [0.3], "labels_per_instance": [2], "seed": 0}}],
    "methods": ["majority-vote", "ground-truth"],
}


def test_run_writes_the_rows_the_cli_writes_and_resumes(tmp_path, run_cli):
    config = tmp_path / "tiny.json"
    config.write_text(json.dumps(TINY))
    summary = annotbench.run(config, results=tmp_path / "py", progress=False)
    assert (summary["cells"], summary["finished"], summary["failed"]) == (4, 4, 0)
    again = annotbench.run(config, results=tmp_path / "py", progress=False)
    assert (again["finished"], again["already_done"]) == (0, 4)
    assert run_cli("run", config, "--results", tmp_path / "cli", "--quiet").returncode == 0
    ours, cli = annotbench.read_results(tmp_path / "py"), annotbench.read_results(tmp_path / "cli")
    key = ["method", "seed"]
    ours, cli = ours.sort_values(key).reset_index(drop=True), cli.sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(ours[key + ["test_accuracy", "cell"]], cli[key + ["test_accuracy", "cell"]])


def test_a_bad_config_is_a_value_error_naming_it(tmp_path):
    config = tmp_path / "bad.json"
    config.write_text(json.dumps({**TINY, "epochs": "many"}))
    with pytest.raises(ValueError, match="bad.json"):
        annotbench.run(config, results=tmp_path / "r", progress=False)
    with pytest.raises(FileNotFoundError):
        annotbench.run(tmp_path / "none.json", results=tmp_path / "r", progress=False)


def test_rows_of_a_sweep_say_where_they_sit(tmp_path):
    config = {"name": "sweep", "epochs": 1, "seeds": [0, 1], "methods": ["majority-vote"],
              "datasets": [{"dataset": "iris", "simulator": {"kind": "uniform", "annotators": 4, "rates": [0.3]},
                            "sweep": {"axis": "noise_rate", "values": [0.2, 0.9]}},
                           {"dataset": "iris", "simulator": {"kind": "uniform", "annotators": 4, "rates": [0.3]}}]}
    path = tmp_path / "sweep.json"
    path.write_text(json.dumps(config))
    annotbench.run(path, results=tmp_path / "rows", progress=False)
    rows = annotbench.read_results(tmp_path / "rows").sort_values(["setting", "seed"]).reset_index(drop=True)
    assert len(rows) == 6
    swept = rows[rows["sweep"].notna()]
    assert swept["sweep"].eq("iris (uniform)").all() and swept["sweep_axis"].eq("noise_rate").all()
    assert swept["sweep_value"].tolist() == [0.2, 0.2, 0.9, 0.9]
    assert swept["setting"].tolist() == ["iris (uniform) [noise_rate=0.2]"] * 2 + ["iris (uniform) [noise_rate=0.9]"] * 2
    assert rows.loc[rows["sweep"].isna(), "sweep_value"].isna().all()  # the plain setting is in no sweep
