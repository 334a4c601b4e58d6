"""annotbench.datasets reads the registered sets where the CLI does, as arrays and as Crowd-Kit's
(df, ground_truth)."""

import numpy as np
import pytest

import annotbench
from annotbench import aggregation, datasets


def found(name):
    table = datasets.names()
    return bool(table.loc[table["name"] == name, "found"].iloc[0])


def test_iris_is_fishers_table():
    # Fisher (1936): 150 flowers, 4 measurements, 50 of each of 3 species.
    iris = datasets.load("iris")
    assert iris.features.shape == (150, 4) and iris.features.dtype == np.float32
    assert np.bincount(iris.true_labels).tolist() == [50, 50, 50]
    assert iris.annotations.shape == (150, 0)  # annotators come from a simulator
    assert len(iris.class_names) == 3


def test_an_unknown_name_lists_the_known_ones():
    with pytest.raises(ValueError, match="unknown data set 'irises'"):
        datasets.load("irises")


def test_a_label_only_set_is_pointed_to_load_dataset():
    with pytest.raises(ValueError, match=r"load_dataset\('s-rel'\)"):
        datasets.load("s-rel")


@pytest.mark.skipif(not found("d-sentiment"), reason="d-sentiment is in ../shared/data/crowd, not on this machine")
def test_d_sentiment_as_crowd_kit_loads_it_and_its_published_accuracy():
    # Zheng et al. (2017) D_PosSent: 1,000 tweets, 85 workers, 20,000 labels, gold for all;
    # Dawid-Skene .960 (Crowd-Kit's table, and the CLI's truth-inference reference run).
    df, gt = datasets.load_dataset("d-sentiment")
    assert len(df) == 20000 and df["task"].nunique() == 1000 and df["worker"].nunique() == 85
    assert len(gt) == 1000
    labels = aggregation.DawidSkene().fit_predict(df)
    assert (labels[gt.index] == gt).mean() == pytest.approx(0.960, abs=5e-4)


@pytest.mark.skipif(not found("music-genres"), reason="music-genres is in ../shared/data/crowd, not on this machine")
def test_music_genres_has_its_annotators():
    # Rodrigues et al. (2013), as ../shared/data/crowd/README.md lists it: 700 crowd-labelled and 300
    # held-out songs, 124 Marsyas features each, 10 genres, 44 AMT workers, 2,945 labels.
    music = datasets.load("music-genres")
    assert music.features.shape == (1000, 124) and len(music.class_names) == 10
    assert music.annotations.shape == (1000, 44)
    labelled = (music.annotations >= 0).any(axis=1)
    assert labelled.sum() == 700 and (music.annotations >= 0).sum() == 2945
    df, gt = datasets.load_dataset("music-genres")
    assert df["task"].nunique() == 700 and len(df) == (music.annotations >= 0).sum()
