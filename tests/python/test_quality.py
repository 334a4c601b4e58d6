"""The annotation-quality report from a DataFrame: the tables `inspect --report` writes, at full
precision, with the DataFrame's own ids and labels; and agreement computed by hand."""

import numpy as np
import pandas as pd
import pytest

from annotbench import quality

from conftest import draw_crowd


def test_the_tables_are_the_csv_files_of_the_report(tmp_path):
    frame, gold = draw_crowd(seed=6)
    report = quality.annotation_quality(frame, true_labels=gold, report_dir=tmp_path)
    annotators = pd.read_csv(tmp_path / "annotators.csv", dtype={"annotator": str})
    items = pd.read_csv(tmp_path / "items.csv", dtype={"item": str})
    agreement = pd.read_csv(tmp_path / "agreement.csv").set_index("statistic")["value"]
    assert list(report.annotators.columns) == list(annotators.columns)
    assert list(report.items.columns) == list(items.columns)
    assert list(report.agreement.index) == list(agreement.index)
    assert list(report.annotators["annotator"]) == list(annotators["annotator"])
    assert list(report.items["item"]) == list(items["item"])
    for ours, written in ((report.annotators, annotators), (report.items, items)):
        for column in written.columns:
            if written[column].dtype.kind == "f":  # the CSV has six significant digits
                np.testing.assert_allclose(ours[column].to_numpy(dtype=float), written[column].to_numpy(), rtol=5e-6)
    np.testing.assert_allclose(report.agreement.to_numpy(), agreement.to_numpy(), rtol=5e-6)
    assert (tmp_path / "report.html").exists()
    # Worst annotator first: the lowest spammer score among those with enough labels.
    assert report.annotators["spammer_score"].iloc[0] == report.annotators["spammer_score"].min()


def test_ids_and_labels_come_back_as_given():
    frame = pd.DataFrame({"task": [10, 10, 10, 20, 20, 20], "worker": ["a", "b", "c"] * 2, "label": [1, 1, 2, 2, 2, 2]})
    report = quality.annotation_quality(frame, true_labels=pd.Series([1, 2], index=[10, 20]))
    assert sorted(report.items["item"]) == [10, 20]
    assert set(report.items["consensus"]) <= {1, 2} and set(report.items["gold"]) == {1, 2}
    assert sorted(report.annotators["annotator"]) == ["a", "b", "c"]


def test_agreement_by_hand():
    # Three tasks, three workers each: (x, x, y) has 1 of its 3 pairs agreeing, (x, x, x) and (y, y, y)
    # 3 of 3; percent agreement pooled over pairs: 7 / 9. Krippendorff's nominal alpha from the
    # coincidences o_ck = sum over tasks of the ordered c-k pairs / (labels of the task - 1):
    # o_xx = 2/2 + 6/2 = 4, o_xy = o_yx = 2/2 = 1, o_yy = 6/2 = 3; n_x = 5, n_y = 4, n = 9;
    # alpha = 1 - (n - 1) (o_xy + o_yx) / (n_x n_y + n_y n_x) = 1 - 8 * 2 / 40 = 0.6.
    frame = pd.DataFrame({"task": [1, 1, 1, 2, 2, 2, 3, 3, 3], "worker": ["a", "b", "c"] * 3,
                          "label": ["x", "x", "y", "x", "x", "x", "y", "y", "y"]})
    agreement = quality.annotation_quality(frame).agreement
    assert agreement["percent_agreement"] == pytest.approx(7 / 9, abs=1e-12)
    assert agreement["alpha_nominal"] == pytest.approx(0.6, abs=1e-12)
    assert agreement["items"] == 3 and agreement["labels"] == 9
