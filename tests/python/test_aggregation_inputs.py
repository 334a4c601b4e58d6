"""What a DataFrame may hold: any hashable ids and labels, as Crowd-Kit takes them; and what it may
not, each refused with a message that names the problem."""

import numpy as np
import pandas as pd
import pytest

from annotbench import aggregation

from conftest import draw_crowd, write_crowd_file


def renamed(frame, task=None, worker=None, label=None):
    out = frame.copy()
    for column, rename in (("task", task), ("worker", worker), ("label", label)):
        if rename is not None:
            out[column] = out[column].map(rename)
    return out


def test_the_fit_depends_on_who_said_what_not_on_the_type_of_the_ids():
    frame, _ = draw_crowd(seed=8)
    reference = aggregation.DawidSkene().fit(frame)
    task_number = {t: int(t[1:]) for t in frame["task"].unique()}
    mixed = {t: (n if n % 2 else f"task-{n}") for t, n in task_number.items()}  # ints and strings
    worker_number = {w: int(w[1:]) for w in frame["worker"].unique()}
    for tasks, workers in ((task_number, None), (mixed, None), (None, worker_number), (task_number, worker_number)):
        fitted = aggregation.DawidSkene().fit(renamed(frame, tasks, workers))
        back = {new: old for old, new in (tasks or {t: t for t in task_number}).items()}
        probas = fitted.probas_.rename(index=back).reindex(reference.probas_.index)
        np.testing.assert_array_equal(probas.to_numpy(), reference.probas_.to_numpy())
        assert list(fitted.skills_.index) == [(workers or {w: w for w in worker_number})[w] for w in reference.skills_.index]


def test_mixed_labels_are_classes_of_their_own():
    frame = pd.DataFrame({"task": [1, 1, 1, 2, 2, 2], "worker": ["a", "b", "c", "a", "b", "c"],
                          "label": [1, 1, "x", "x", "x", 1]})
    fitted = aggregation.MajorityVote().fit(frame)
    assert list(fitted.probas_.columns) == [1, "x"]  # numbers first, then strings
    np.testing.assert_allclose(fitted.probas_.to_numpy(), [[2 / 3, 1 / 3], [1 / 3, 2 / 3]], atol=1e-15)
    assert list(fitted.labels_) == [1, "x"]
    # Crowd-Kit's skills_ for majority vote: each worker's share of labels equal to the vote.
    np.testing.assert_allclose(fitted.skills_[["a", "b", "c"]].to_numpy(), [1.0, 1.0, 0.0])


def test_an_empty_frame_is_refused():
    with pytest.raises(ValueError, match="no rows"):
        aggregation.DawidSkene().fit(pd.DataFrame(columns=["task", "worker", "label"]))


def test_a_missing_column_is_named():
    with pytest.raises(ValueError, match=r"no column 'worker' \(its columns: task, annotator, label\)"):
        aggregation.MajorityVote().fit(pd.DataFrame({"task": [1], "annotator": ["a"], "label": [0]}))


def test_a_nan_label_is_named_with_its_row():
    frame = pd.DataFrame({"task": [1, 1, 2], "worker": ["a", "b", "a"], "label": [0, np.nan, 1]}, index=[10, 11, 12])
    with pytest.raises(ValueError, match=r"column 'label' is missing \(NaN or None\) in 1 row\(s\), the first at position 1 \(index 11\)"):
        aggregation.GLAD().fit(frame)
    frame = pd.DataFrame({"task": [1, None], "worker": ["a", "b"], "label": ["x", "y"]})
    with pytest.raises(ValueError, match="column 'task'"):
        aggregation.Wawa().fit(frame)


def test_not_a_frame_is_a_type_error():
    with pytest.raises(TypeError, match="pandas DataFrame"):
        aggregation.MajorityVote().fit([("t", "w", "l")])


def test_the_core_refuses_with_the_message_the_cli_prints(run_cli, tmp_path):
    frame, _ = draw_crowd(seed=1)  # four classes
    result = run_cli("aggregate", "--annotations", write_crowd_file(frame, tmp_path / "a.csv"), "--method", "kos")
    assert result.returncode != 0
    cli_message = result.stderr.strip().splitlines()[-1].removeprefix("annotbench aggregate: ")
    with pytest.raises(ValueError) as raised:
        aggregation.KOS().fit(frame)
    assert str(raised.value) == cli_message


def test_an_unknown_option_lists_the_known_ones():
    frame, _ = draw_crowd(seed=1)
    with pytest.raises(ValueError, match="aggregator 'ds': unknown option 'n_iterations'; known options: elbo_stopping"):
        aggregation.DawidSkene(n_iterations=5).fit(frame)


def test_known_answers_outside_the_data_are_named():
    frame, gold = draw_crowd(seed=1)
    with pytest.raises(ValueError, match="task 'nowhere' has no labels"):
        aggregation.DawidSkene().fit(frame, pd.Series(["cat"], index=["nowhere"]))
    with pytest.raises(ValueError, match="label 'cow' is not among the labels"):
        aggregation.DawidSkene().fit(frame, pd.Series(["cow"], index=[gold.index[0]]))
    with pytest.raises(ValueError, match="needs true_labels"):
        aggregation.GoldMajorityVote().fit(frame)


def test_initial_error_starts_dawid_skene_where_it_is_told():
    # Two workers who always swap the labels outvote one who is always right; told their histories
    # (the swap), Dawid-Skene reads them right (the CLI's --initial-confusion test, from a DataFrame).
    tasks = [f"t{i}" for i in range(20)]
    truth = ["a" if i % 2 else "b" for i in range(20)]
    swap = {"a": "b", "b": "a"}
    rows = [(t, w, swap[y] if w != "honest" else y) for t, y in zip(tasks, truth) for w in ("liar1", "liar2", "honest")]
    frame = pd.DataFrame(rows, columns=["task", "worker", "label"])
    plain = aggregation.DawidSkene().fit_predict(frame)
    assert (plain[tasks] != truth).all()
    index = pd.MultiIndex.from_tuples([(w, y) for w in ("liar1", "liar2", "honest") for y in ("a", "b")],
                                      names=["worker", "label"])
    told = pd.DataFrame([[0.1, 0.9], [0.9, 0.1], [0.1, 0.9], [0.9, 0.1], [0.9, 0.1], [0.1, 0.9]], index=index,
                        columns=["a", "b"])
    started = aggregation.DawidSkene().fit_predict(frame, initial_error=told)
    assert (started[tasks] == truth).all()
