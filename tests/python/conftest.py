"""Shared fixtures of the Python package's tests: the CLI binary beside the package, and a crowd
drawn with known worker accuracies."""

import json
import os
import subprocess

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="session")
def annotbench_binary():
    binary = os.environ.get("ANNOTBENCH_BINARY")
    if not binary or not os.path.exists(binary):
        pytest.fail("ANNOTBENCH_BINARY must name the annotbench CLI (ctest sets it)")
    return binary


class CliResult:
    def __init__(self, process):
        self.returncode = process.returncode
        self.stdout = process.stdout
        self.stderr = process.stderr

    def row(self):
        return json.loads(self.stdout)


@pytest.fixture(scope="session")
def run_cli(annotbench_binary):
    def run(*args, cwd=None):
        return CliResult(subprocess.run([annotbench_binary, *map(str, args)], capture_output=True, text=True, cwd=cwd))
    return run


def draw_crowd(seed, tasks=240, workers=12, classes=("bird", "cat", "dog", "fox"), labels_per_task=(2, 5)):
    """A crowd with workers of accuracy 0.3..0.9 (wrong labels uniform over the other classes),
    2..5 labels per task: even label counts make ties, which the seeded draw must break alike."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(len(classes), size=tasks)
    accuracy = np.linspace(0.3, 0.9, workers)
    rows = []
    for task in rng.permutation(tasks):
        for worker in rng.choice(workers, size=rng.integers(labels_per_task[0], labels_per_task[1] + 1), replace=False):
            label = truth[task]
            if rng.random() > accuracy[worker]:
                label = rng.choice([c for c in range(len(classes)) if c != truth[task]])
            rows.append((f"t{task:04d}", f"w{worker:02d}", classes[label]))
    frame = pd.DataFrame(rows, columns=["task", "worker", "label"])
    gold = pd.Series([classes[c] for c in truth], index=[f"t{t:04d}" for t in range(tasks)], name="true_label")
    return frame, gold


def write_crowd_file(frame, path):
    """The frame as the CLI's long file (item,annotator,label)."""
    frame.rename(columns={"task": "item", "worker": "annotator"}).to_csv(path, index=False)
    return path


def write_gold_file(gold, path):
    pd.DataFrame({"item": gold.index, "label": gold.to_numpy()}).to_csv(path, index=False)
    return path
