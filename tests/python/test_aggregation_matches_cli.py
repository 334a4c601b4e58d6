"""Every aggregator's fit from a DataFrame is the CLI's `aggregate` on the same rows written as a
file: the same label for every task (ties are broken by the same seeded draw, so the task, worker
and class numbering must agree too) and the same posteriors to 1e-12 (the CLI writes 17 digits)."""

import numpy as np
import pandas as pd
import pytest

from annotbench import aggregation

from conftest import draw_crowd, write_crowd_file, write_gold_file

CLASSES = {
    "MajorityVote": "mv", "Wawa": "wawa", "ZeroBasedSkill": "zbs", "DawidSkene": "ds",
    "OneCoinDawidSkene": "one-coin-ds", "GLAD": "glad", "MACE": "mace", "MMSR": "m-msr",
}


def cli_posteriors(run_cli, tmp_path, frame, method, seed, extra=()):
    answers = write_crowd_file(frame, tmp_path / "answers.csv")
    out = tmp_path / "posteriors.csv"
    result = run_cli("aggregate", "--annotations", answers, "--method", method, "--seed", seed, "--out", out,
                     "--quiet", *extra)
    assert result.returncode == 0, result.stderr
    return pd.read_csv(out, dtype={"item": str, "label": str}).set_index("item")


def assert_same_fit(fitted, cli):
    ours = fitted.probas_.reindex(cli.index)
    assert [str(c) for c in fitted.probas_.columns] == [c[2:] for c in cli.columns[1:]]
    assert (fitted.labels_.reindex(cli.index).astype(str) == cli["label"]).all()
    np.testing.assert_allclose(ours.to_numpy(), cli.iloc[:, 1:].to_numpy(), rtol=0, atol=1e-12)


@pytest.mark.parametrize("name", sorted(CLASSES))
@pytest.mark.parametrize("seed", [0, 7])
def test_fit_equals_cli(run_cli, tmp_path, name, seed):
    frame, _ = draw_crowd(seed=11)
    fitted = getattr(aggregation, name)(random_state=seed).fit(frame)
    assert_same_fit(fitted, cli_posteriors(run_cli, tmp_path, frame, CLASSES[name], seed))


def test_kos_equals_cli_on_two_classes(run_cli, tmp_path):
    frame, _ = draw_crowd(seed=5, classes=("no", "yes"))
    assert_same_fit(aggregation.KOS(random_state=3).fit(frame), cli_posteriors(run_cli, tmp_path, frame, "kos", 3))


@pytest.mark.parametrize("name,method", [("DawidSkene", "ds"), ("OneCoinDawidSkene", "one-coin-ds"), ("GLAD", "glad"),
                                         ("GoldMajorityVote", "gold-mv")])
def test_known_answers_equal_cli_gold(run_cli, tmp_path, name, method):
    frame, gold = draw_crowd(seed=3)
    known = gold.iloc[::4]  # a quarter of the tasks
    fitted = getattr(aggregation, name)().fit(frame, known)
    cli = cli_posteriors(run_cli, tmp_path, frame, method, 0, ("--gold", write_gold_file(known, tmp_path / "gold.csv")))
    assert_same_fit(fitted, cli)
    if method != "gold-mv":  # gold-mv's posteriors of gold tasks are votes, not the gold
        assert (fitted.labels_[known.index] == known).all()


def test_options_by_crowd_kit_names_reach_the_model(run_cli, tmp_path):
    frame, _ = draw_crowd(seed=2)
    fitted = aggregation.DawidSkene(n_iter=3, tol=0.0).fit(frame)
    assert fitted.iterations_ == 3
    assert_same_fit(fitted, cli_posteriors(run_cli, tmp_path, frame, "ds", 0, ("--max-iterations", 3, "--tolerance", 0)))
    mace = aggregation.MACE(n_restarts=2, n_iter=7, method="em", random_state=4).fit(frame)
    assert mace.options_["restarts"] == 2 and mace.options_["variational"] == 0
    cli = cli_posteriors(run_cli, tmp_path, frame, "mace", 4,
                         ("--max-iterations", 7, "--method-options", "restarts=2,variational=0"))
    assert_same_fit(mace, cli)


def test_integer_labels_sort_as_the_cli_sorts_them(run_cli, tmp_path):
    # 2 before 10 for numbers, in the DataFrame (ints) and in the file (text read as numbers).
    frame, _ = draw_crowd(seed=4)
    frame["label"] = frame["label"].map({"bird": 2, "cat": 10, "dog": 1, "fox": 30})
    fitted = aggregation.DawidSkene().fit(frame)
    assert list(fitted.probas_.columns) == [1, 2, 10, 30]
    assert_same_fit(fitted, cli_posteriors(run_cli, tmp_path, frame, "ds", 0))
