"""The registered data sets, read where the CLI reads them (``data_dir``, ``$ANNOTBENCH_DATA``,
``../shared/data`` beside the checkout, the set-up's ``.data/``).

    letter = annotbench.datasets.load("letter")          # features, true_labels, annotations (-1: none)
    df, gt = annotbench.datasets.load_dataset("s-rel")   # a label-only crowd set, as Crowd-Kit's load_dataset
"""

from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np
import pandas as pd

from . import _core

__all__ = ["Dataset", "load", "load_dataset", "names"]


@dataclass
class Dataset:
    """A registered data set as arrays. ``annotations`` is instances x annotators, each entry a class
    index or -1 where that annotator gave no label (no columns for a table that only simulators
    annotate); ``true_labels`` holds class indices (-1: unknown); ``class_names[k]`` names class k."""
    name: str
    source: str
    features: np.ndarray
    true_labels: np.ndarray
    annotations: np.ndarray
    class_names: List[str]
    annotator_ids: List[str]
    annotator_features: Optional[np.ndarray] = None
    predefined_part: List[str] = field(default_factory=list)  # "train" / "valid" / "test" per instance, or empty
    split_source: str = ""

    def to_frame(self):
        """The annotations as a long DataFrame (task, worker, label), one row per label given."""
        rows, columns = np.nonzero(self.annotations >= 0)
        names = np.asarray(self.class_names, dtype=object)
        return pd.DataFrame({"task": rows, "worker": np.asarray(self.annotator_ids, dtype=object)[columns],
                             "label": names[self.annotations[rows, columns]]})


def names(data_dir=""):
    """Every registered data set: name, kind (features / labels), description and whether its file was found."""
    return pd.DataFrame(_core.datasets(data_dir))


def _kind(name, data_dir):
    """The registered set's kind, "features" or "labels"; None for an unknown name (the core then says so)."""
    return {entry["name"]: entry["kind"] for entry in _core.datasets(data_dir)}.get(name)


def _feature_set(name, data_dir):
    fields = _core.load_dataset(name, data_dir)
    if fields["annotations"].size == 0:  # the core's empty matrix has no rows either
        fields["annotations"] = np.empty((len(fields["true_labels"]), 0), dtype=fields["annotations"].dtype)
    return Dataset(**fields)


def load(name, data_dir=""):
    """A registered data set with features (letter, music-genres, labelme, cifar-10n, ...) as a Dataset.
    For a label-only crowd set (s-rel, d-sentiment, ...) use load_dataset."""
    if _kind(name, data_dir) == "labels":
        raise ValueError(f"'{name}' is a label-only crowd set (no features); "
                         f"annotbench.datasets.load_dataset('{name}') returns its labels and gold")
    return _feature_set(name, data_dir)


def load_dataset(name, data_dir=""):
    """(df, ground_truth) as Crowd-Kit's load_dataset returns them: the labels as a DataFrame with
    columns task, worker, label, and the gold labels as a Series indexed by task (only tasks that
    have gold). Works for the label-only crowd sets and for data sets with real annotators."""
    if _kind(name, data_dir) == "features":
        dataset = _feature_set(name, data_dir)
        if dataset.annotations.shape[1] == 0:
            raise ValueError(f"'{name}' has no annotators of its own; simulate some with `annotbench simulate`")
        frame = dataset.to_frame()
        names_ = np.asarray(dataset.class_names, dtype=object)
        known_truth = np.flatnonzero(dataset.true_labels >= 0)
        truth = pd.Series(names_[dataset.true_labels[known_truth]], index=pd.Index(known_truth, name="task"), name="true_label")
        return frame, truth[truth.index.isin(frame["task"])]
    table = _core.load_label_only_set(name, data_dir)
    items = np.asarray(table["item_ids"], dtype=object)
    classes = np.asarray(table["class_names"], dtype=object)
    frame = pd.DataFrame({"task": items[table["items"]],
                          "worker": np.asarray(table["annotator_ids"], dtype=object)[table["annotators"]],
                          "label": classes[table["labels"]]})
    known_truth = np.flatnonzero(table["truth"] >= 0)
    truth = pd.Series(classes[table["truth"][known_truth]], index=pd.Index(items[known_truth], name="task"),
                      name="true_label")
    return frame, truth
