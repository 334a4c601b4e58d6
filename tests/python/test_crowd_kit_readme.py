"""Crowd-Kit's README "Getting Started" example (github.com/Toloka/crowd-kit, README.md), with
only its import lines changed from crowdkit to annotbench, runs as a script and gives the labels
of majority vote where every worker is reliable."""

import subprocess
import sys
import textwrap

import pandas as pd

from conftest import draw_crowd

SCRIPT = textwrap.dedent("""
    from annotbench.aggregation import DawidSkene
    from annotbench.datasets import load_dataset

    import pandas as pd

    df = pd.read_csv('results.csv')  # should contain columns: task, worker, label
    # df, ground_truth = load_dataset('relevance-2')  # or download an example dataset

    aggregated_labels = DawidSkene(n_iter=100).fit_predict(df)
    aggregated_labels.to_csv('aggregated.csv')
""")


def test_the_readme_example_runs_with_only_the_import_changed(tmp_path):
    frame, gold = draw_crowd(seed=21, workers=9, labels_per_task=(5, 5))
    frame.to_csv(tmp_path / "results.csv", index=False)
    (tmp_path / "example.py").write_text(SCRIPT)
    done = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    labels = pd.read_csv(tmp_path / "aggregated.csv", index_col=0).iloc[:, 0]
    assert len(labels) == frame["task"].nunique()
    # Nine workers of accuracy .3 to .9, five per task: Dawid-Skene recovers most of the truth.
    assert (labels == gold[labels.index]).mean() > 0.8
