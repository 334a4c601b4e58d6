"""A long crowd table (one row per label, columns task, worker, label) as the codes the C++ core
takes, with the ids to map its answers back.

Tasks and workers are numbered in order of first appearance and labels sorted, as the CLI numbers
a crowd file (`datasets/crowd_labels.h`), so that the same rows give the same fit, ties included:
numbers in numeric order; strings in numeric order when every one is a number ("2" before "10", as
the CLI reads them), else in code-point order; a mix of numbers and strings puts the numbers first.
"""

import numbers

import numpy as np
import pandas as pd

COLUMNS = ("task", "worker", "label")


def _is_number(value):
    return isinstance(value, numbers.Number) and not isinstance(value, complex)


def _parses_as_number(text):
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and text != ""


def sorted_classes(values):
    """The class order the CLI gives these distinct labels."""
    values = list(values)
    if all(_is_number(v) for v in values):
        return sorted(values)
    if all(isinstance(v, str) for v in values):
        if all(_parses_as_number(v) for v in values):
            return sorted(sorted(values), key=float)
        return sorted(values)
    return sorted(values, key=lambda v: (0, float(v), "") if _is_number(v) else (1, 0.0, str(v)))


def _missing_rows(column):
    """Positions of NaN / None / NA entries."""
    return np.flatnonzero(pd.isna(column).to_numpy())


def check_frame(data, columns=COLUMNS, what="data"):
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"{what} must be a pandas DataFrame with columns {', '.join(columns)}, "
                        f"got {type(data).__name__}")
    missing = [c for c in columns if c not in data.columns]
    if missing:
        have = ", ".join(map(str, data.columns)) or "none"
        raise ValueError(f"{what} has no column {', '.join(repr(c) for c in missing)} (its columns: {have}); "
                         f"it must hold one row per label with columns {', '.join(columns)}")
    if len(data) == 0:
        raise ValueError(f"{what} has no rows: there are no labels to aggregate")
    for column in columns:
        rows = _missing_rows(data[column])
        if len(rows):
            first = rows[0]
            raise ValueError(f"{what}: column {column!r} is missing (NaN or None) in {len(rows)} row(s), the first "
                             f"at position {first} (index {data.index[first]!r}); drop or fill them first")


def display_names(values):
    """Text for each id, unique: str(), or repr() where two ids would print alike (1 and '1')."""
    names = [str(v) for v in values]
    if len(set(names)) != len(names):
        names = [repr(v) for v in values]
    return names


class LongTable:
    """Codes of a checked long DataFrame: `items`, `workers`, `labels` (int64 arrays, one per row),
    and `tasks`, `worker_ids`, `classes` (the ids of each code)."""

    def __init__(self, data, what="data"):
        check_frame(data, what=what)
        item_codes, tasks = pd.factorize(data["task"], sort=False)
        worker_codes, workers = pd.factorize(data["worker"], sort=False)
        distinct = pd.unique(data["label"])
        classes = sorted_classes(distinct)
        self.items = item_codes.astype(np.int64)
        self.workers = worker_codes.astype(np.int64)
        code_of_class = {value: code for code, value in enumerate(classes)}
        self.labels = data["label"].map(code_of_class).to_numpy(dtype=np.int64)
        self.tasks = pd.Index(tasks, name="task")
        self.worker_ids = pd.Index(workers, name="worker")
        self.classes = pd.Index(classes, name="label", tupleize_cols=False)
        self._code_of_class = code_of_class

    @property
    def num_items(self):
        return len(self.tasks)

    @property
    def num_workers(self):
        return len(self.worker_ids)

    @property
    def num_classes(self):
        return len(self.classes)

    def task_codes(self, tasks, what):
        """Codes of the given task ids; ValueError naming the first one not among the table's tasks."""
        codes = self.tasks.get_indexer(tasks)
        unknown = np.flatnonzero(codes < 0)
        if len(unknown):
            raise ValueError(f"{what}: task {list(tasks)[unknown[0]]!r} has no labels in the data")
        return codes

    def class_codes(self, labels, what):
        codes = []
        for label in labels:
            if label not in self._code_of_class:
                raise ValueError(f"{what}: label {label!r} is not among the labels the workers gave "
                                 f"({', '.join(map(str, self.classes))})")
            codes.append(self._code_of_class[label])
        return np.asarray(codes, dtype=np.int64)

    def gold_vector(self, true_labels, what="true_labels"):
        """One entry per task, its class code or -1, from a Series indexed by task."""
        if not isinstance(true_labels, pd.Series):
            raise TypeError(f"{what} must be a pandas Series indexed by task, got {type(true_labels).__name__}")
        known = true_labels[~pd.isna(true_labels)]
        gold = np.full(self.num_items, -1, dtype=np.int64)
        gold[self.task_codes(known.index, what)] = self.class_codes(known.to_numpy(), what)
        return gold

    def task_order(self):
        """Positions that put the tasks in sorted order, as Crowd-Kit returns them (first-appearance
        order where the ids do not sort)."""
        try:
            return np.argsort(self.tasks.to_numpy(), kind="stable")
        except TypeError:
            return np.arange(self.num_items)
