"""How good are the labels: agreement, and which annotators and items to look at first, as
``annotbench inspect --report DIR`` writes them, as DataFrames.

    report = annotbench.quality.annotation_quality(df, true_labels=gt)
    report.agreement        # statistic -> value (Krippendorff's alpha, Fleiss' kappa, ...)
    report.annotators       # one row per worker, lowest spammer score first
    report.items            # one row per task, most worth re-labelling first
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import _core
from ._table import LongTable, display_names

__all__ = ["QualityReport", "annotation_quality"]


@dataclass
class QualityReport:
    agreement: pd.Series
    annotators: pd.DataFrame
    items: pd.DataFrame


def _frame(table, ids, id_column, class_of_name):
    columns = {}
    for column in table["columns"]:
        values = column["values"]
        if column["kind"] == "count":
            values = values.astype(np.int64)
        elif column["kind"] == "text":
            values = np.asarray(values, dtype=object)
        columns[column["name"]] = values
    frame = pd.DataFrame(columns)
    if id_column is not None:
        frame[id_column] = ids[np.asarray(table["row_index"], dtype=np.int64)]
    for name in ("consensus", "majority", "gold"):
        if name in frame:
            frame[name] = [class_of_name.get(text) for text in frame[name]]
    return frame


def annotation_quality(data, true_labels=None, seed=0, report_dir=None, name="DataFrame"):
    """The annotation-quality report of a long DataFrame (task, worker, label). `true_labels` (a Series
    indexed by task, for some tasks or all) only scores; `seed` draws ties and the models' starts;
    `report_dir` also writes annotators.csv, items.csv, agreement.csv and the page (report.html)."""
    table = LongTable(data)
    truth = np.full(table.num_items, -1, dtype=np.int64) if true_labels is None else table.gold_vector(true_labels)
    class_names = display_names(table.classes)
    tables = _core.annotation_quality(name, table.items, table.workers, table.labels, truth,
                                      display_names(table.tasks), display_names(table.worker_ids), class_names,
                                      seed=int(seed), report_dir="" if report_dir is None else str(report_dir))
    class_of_name = dict(zip(class_names, table.classes))
    class_of_name[""] = None
    agreement_columns = {c["name"]: c["values"] for c in tables["agreement"]["columns"]}
    agreement = pd.Series(agreement_columns["value"], index=pd.Index(agreement_columns["statistic"], name="statistic"),
                          name="value")
    annotators = _frame(tables["annotators"], table.worker_ids.to_numpy(), "annotator", {})
    items = _frame(tables["items"], table.tasks.to_numpy(), "item", class_of_name)
    return QualityReport(agreement=agreement, annotators=annotators, items=items)
