"""Truth inference with Crowd-Kit's names and conventions, on annotbench's C++ aggregators.

    from annotbench.aggregation import DawidSkene      # was: from crowdkit.aggregation import ...
    labels = DawidSkene(n_iter=100).fit_predict(df)    # df: one row per label, task / worker / label

Every class takes a long DataFrame with columns ``task``, ``worker`` and ``label`` (any hashable
ids and labels), has ``fit(data)``, ``fit_predict(data)`` (a Series indexed by task) and
``fit_predict_proba(data)`` (a DataFrame of class probabilities, one column per label), and keeps
the fitted parameters as Crowd-Kit names them: ``labels_``, ``probas_``, ``skills_`` (per worker),
``errors_`` (Dawid-Skene's confusion matrices, indexed by worker and observed label, one column per
true label), ``priors_``, ``alphas_`` (GLAD), ``spamming_`` (MACE). Tasks come out sorted, labels
in sorted order, as Crowd-Kit returns them. ``iterations_``, ``converged_`` and ``options_`` say
how the fit ran.

Options take Crowd-Kit's names where the models agree; ``random_state`` seeds tie-breaking and
random starts in every class (Crowd-Kit's MajorityVote takes the first of tied labels, ours draws
one from the seed). Other annotbench options are given by their own names as keywords
(``annotbench methods`` lists them), and an option neither knows is a ValueError naming the known
ones. Where annotbench's model departs from Crowd-Kit's, the header of its C++ file in
``methods/aggregation/`` says how and why.
"""

import numpy as np
import pandas as pd

from . import _core
from ._table import LongTable

__all__ = ["MajorityVote", "Wawa", "ZeroBasedSkill", "GoldMajorityVote", "DawidSkene", "OneCoinDawidSkene",
           "GLAD", "MACE", "KOS", "MMSR", "aggregators"]


def aggregators():
    """Every registered aggregator: name, summary, default options and what it does with known answers."""
    return pd.DataFrame(_core.aggregators())


class _Aggregator:
    _method = ""        # the registered name
    _skills = "skills_"  # the attribute the per-worker number goes to, None for none

    def __init__(self, random_state=0, **options):
        self.random_state = random_state
        self._extra_options = dict(options)

    # What the subclass maps its Crowd-Kit parameters to: annotbench options, and iterations and
    # tolerance (0 / -1: the aggregator's own default).
    def _options(self):
        return {}

    def _limits(self):
        return 0, -1.0

    def _all_options(self):
        options = self._options()
        for name, value in self._extra_options.items():
            options[name] = float(value)
        return options

    def fit(self, data, true_labels=None):
        """Fits the model on `data`; `true_labels` (a Series indexed by task) are known answers where
        the model uses them (GoldMajorityVote, DawidSkene, OneCoinDawidSkene, GLAD)."""
        return self._fit(LongTable(data), true_labels, None)

    def fit_predict(self, data, true_labels=None):
        return self.fit(data, true_labels).labels_

    def fit_predict_proba(self, data, true_labels=None):
        return self.fit(data, true_labels).probas_

    def _fit(self, table, true_labels, initial_confusion):
        gold = None if true_labels is None else table.gold_vector(true_labels)
        iterations, tolerance = self._limits()
        seed = int(self.random_state or 0)
        if seed < 0:
            raise ValueError("random_state must not be negative")
        fitted = _core.fit_aggregator(self._method, self._all_options(), table.items, table.workers, table.labels,
                                      table.num_items, table.num_workers, table.num_classes, seed=seed,
                                      max_iterations=int(iterations), tolerance=float(tolerance), gold=gold,
                                      initial_confusion=initial_confusion)
        order = table.task_order()
        tasks = table.tasks[order]
        self.probas_ = pd.DataFrame(fitted["posteriors"][order], index=tasks, columns=table.classes)
        self.labels_ = pd.Series(table.classes.to_numpy()[fitted["labels"][order]], index=tasks, name="agg_label")
        self.iterations_ = fitted["iterations"]
        self.converged_ = fitted["converged"]
        self.options_ = fitted["options"]
        skill = fitted["annotator_skill"]
        if self._skills and skill is not None:
            setattr(self, self._skills, pd.Series(skill, index=table.worker_ids, name="skill"))
        confusion = fitted["annotator_confusion"]
        if confusion is not None:
            rows = pd.MultiIndex.from_product([table.worker_ids, table.classes], names=["worker", "label"])
            columns = pd.Index(table.classes, name="label")
            self.errors_ = pd.DataFrame(confusion.reshape(-1, table.num_classes), index=rows, columns=columns)
            self.priors_ = self.probas_.mean(axis=0).rename("prior")
        self._after_fit(table, fitted)
        return self

    def _after_fit(self, table, fitted):
        pass

    def __repr__(self):
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in vars(self).items() if not k.endswith('_') and not k.startswith('_'))})"


def _agreement_with(table, item_labels):
    """Each worker's share of labels equal to the task's aggregated label (Crowd-Kit's get_accuracy)."""
    agrees = (table.labels == item_labels[table.items]).astype(float)
    return np.bincount(table.workers, weights=agrees, minlength=table.num_workers) / \
        np.bincount(table.workers, minlength=table.num_workers)


class MajorityVote(_Aggregator):
    """Each task's most frequent label; skills_ is each worker's agreement with it."""
    _method = "mv"

    def __init__(self, default_skill=None, on_missing_skill="error", random_state=0, **options):
        super().__init__(random_state, **options)
        self.default_skill = default_skill
        self.on_missing_skill = on_missing_skill

    def fit(self, data, skills=None):
        if skills is not None:
            raise NotImplementedError("annotbench's MajorityVote takes no skills; a vote weighted by known skills "
                                      "is GoldMajorityVote (from known answers) or Wawa (from agreement)")
        return self._fit(LongTable(data), None, None)

    def fit_predict(self, data, skills=None):
        return self.fit(data, skills).labels_

    def fit_predict_proba(self, data, skills=None):
        return self.fit(data, skills).probas_

    def _after_fit(self, table, fitted):
        self.skills_ = pd.Series(_agreement_with(table, fitted["labels"]), index=table.worker_ids, name="skill")


class Wawa(_Aggregator):
    """Worker agreement with aggregate: a vote weighted by each worker's agreement with majority vote."""
    _method = "wawa"


class ZeroBasedSkill(_Aggregator):
    """A weighted vote whose weights move towards each worker's agreement with it."""
    _method = "zbs"

    def __init__(self, n_iter=100, lr_init=1.0, lr_steps_to_reduce=20, lr_reduce_factor=0.5, eps=1e-5,
                 random_state=0, **options):
        super().__init__(random_state, **options)
        self.n_iter, self.lr_init, self.lr_steps_to_reduce = n_iter, lr_init, lr_steps_to_reduce
        self.lr_reduce_factor, self.eps = lr_reduce_factor, eps

    def _options(self):
        return {"lr_init": self.lr_init, "lr_steps_to_reduce": self.lr_steps_to_reduce,
                "lr_reduce_factor": self.lr_reduce_factor, "eps": self.eps}

    def _limits(self):
        return self.n_iter, -1.0


class GoldMajorityVote(_Aggregator):
    """A vote weighted by each worker's accuracy on the tasks of known answer."""
    _method = "gold-mv"

    def fit(self, data, true_labels=None):
        if true_labels is None:
            raise ValueError("GoldMajorityVote needs true_labels: a Series of known answers indexed by task")
        return super().fit(data, true_labels)


class DawidSkene(_Aggregator):
    """Dawid & Skene (1979): a full confusion matrix per worker, fitted by EM from majority-vote
    posteriors. fit(data, true_labels=None, initial_error=None): known answers are clamped into every
    E-step; initial_error (indexed by worker and observed label, one column per true label, counts
    or probabilities) is the first M-step's result, as Crowd-Kit's "assign" strategy."""
    _method = "ds"

    def __init__(self, n_iter=100, tol=1e-5, initial_error_strategy=None, random_state=0, **options):
        super().__init__(random_state, **options)
        if initial_error_strategy not in (None, "assign"):
            raise NotImplementedError(f"initial_error_strategy={initial_error_strategy!r}: annotbench's DawidSkene "
                                      "starts from the given matrices as they are ('assign')")
        self.n_iter, self.tol, self.initial_error_strategy = n_iter, tol, initial_error_strategy

    def _limits(self):
        return self.n_iter, self.tol

    def fit(self, data, true_labels=None, initial_error=None):
        table = LongTable(data)
        start = None if initial_error is None else _confusion_start(table, initial_error)
        return self._fit(table, true_labels, start)

    def fit_predict(self, data, true_labels=None, initial_error=None):
        return self.fit(data, true_labels, initial_error).labels_

    def fit_predict_proba(self, data, true_labels=None, initial_error=None):
        return self.fit(data, true_labels, initial_error).probas_


def _confusion_start(table, initial_error):
    """initial_error as the core's annotators x label x true class array, each (worker, true class)
    column normalised to sum to 1."""
    if not isinstance(initial_error, pd.DataFrame) or initial_error.index.nlevels != 2:
        raise ValueError("initial_error must be a DataFrame indexed by (worker, label) with one column per true label")
    start = np.zeros((table.num_workers, table.num_classes, table.num_classes))
    workers = table.worker_ids.get_indexer(initial_error.index.get_level_values(0))
    if (workers < 0).any():
        raise ValueError(f"initial_error: worker {initial_error.index[np.flatnonzero(workers < 0)[0]][0]!r} gave no labels")
    labels = table.class_codes(initial_error.index.get_level_values(1), "initial_error")
    truths = table.class_codes(initial_error.columns, "initial_error")
    values = initial_error.to_numpy(dtype=float)
    if not np.isfinite(values).all() or (values < 0).any():
        raise ValueError("initial_error: every entry must be a finite, non-negative count or probability")
    for row, (m, y) in enumerate(zip(workers, labels)):
        start[m, y, truths] = values[row]
    given = np.zeros(table.num_workers, dtype=bool)
    given[workers] = True
    if not given.all():
        raise ValueError(f"initial_error: no rows for worker {table.worker_ids[np.flatnonzero(~given)[0]]!r}; "
                         "every worker with labels must be given")
    totals = start.sum(axis=1, keepdims=True)
    if (totals == 0).any():
        m, _, c = np.argwhere(totals == 0)[0]
        raise ValueError(f"initial_error: worker {table.worker_ids[m]!r} has nothing for true label {table.classes[c]!r}")
    return (start / totals).reshape(-1)


class OneCoinDawidSkene(_Aggregator):
    """One accuracy per worker, errors uniform over the other classes."""
    _method = "one-coin-ds"

    def __init__(self, n_iter=100, tol=1e-5, random_state=0, **options):
        super().__init__(random_state, **options)
        self.n_iter, self.tol = n_iter, tol

    def _limits(self):
        return self.n_iter, self.tol


class GLAD(_Aggregator):
    """Whitehill et al. (2009): worker ability alpha and task difficulty; alphas_ per worker."""
    _method = "glad"
    _skills = "alphas_"

    def __init__(self, n_iter=100, tol=1e-5, silent=True, labels_priors=None, alphas_priors_mean=None,
                 betas_priors_mean=None, m_step_max_iter=25, m_step_tol=1e-2, random_state=0, **options):
        super().__init__(random_state, **options)
        if labels_priors is not None:
            raise NotImplementedError("labels_priors: annotbench's GLAD has a uniform class prior")
        self.n_iter, self.tol, self.silent = n_iter, tol, silent
        self.labels_priors = labels_priors
        self.alphas_priors_mean = _one_prior_mean(alphas_priors_mean, "alphas_priors_mean")
        self.betas_priors_mean = _one_prior_mean(betas_priors_mean, "betas_priors_mean")
        self.m_step_max_iter, self.m_step_tol = m_step_max_iter, m_step_tol

    def _options(self):
        return {"m_step_iterations": self.m_step_max_iter, "m_step_tolerance": self.m_step_tol,
                "alpha_prior_mean": self.alphas_priors_mean, "beta_prior_mean": self.betas_priors_mean}

    def _limits(self):
        return self.n_iter, self.tol


def _one_prior_mean(value, name):
    if value is None:
        return 1.0
    if isinstance(value, pd.Series):
        distinct = value.unique()
        if len(distinct) != 1:
            raise NotImplementedError(f"{name}: annotbench's GLAD takes one prior mean for all, not one each")
        value = distinct[0]
    return float(value)


class MACE(_Aggregator):
    """Hovy et al. (2013): each worker knows the answer with some probability and otherwise follows a
    strategy. skills_ is that probability; spamming_ is (P(spam), P(knows)) per worker, as Crowd-Kit's.
    `smoothing` is accepted and, as in Crowd-Kit, not read (both smooth by 0.01 / classes)."""
    _method = "mace"

    def __init__(self, n_restarts=10, n_iter=50, method="vb", smoothing=0.1, default_noise=0.5, alpha=0.5, beta=0.5,
                 random_state=0, verbose=0, **options):
        super().__init__(random_state, **options)
        if method not in ("vb", "em"):
            raise ValueError(f"method must be 'vb' or 'em', got {method!r}")
        if default_noise != 0.5:
            raise NotImplementedError("default_noise: annotbench's MACE starts from uniform draws in [1, 2.5] "
                                      "(Crowd-Kit's default 0.5)")
        self.n_restarts, self.n_iter, self.method, self.smoothing = n_restarts, n_iter, method, smoothing
        self.default_noise, self.alpha, self.beta, self.verbose = default_noise, alpha, beta, verbose

    def _options(self):
        return {"restarts": self.n_restarts, "variational": 1.0 if self.method == "vb" else 0.0,
                "spam_prior": self.alpha, "know_prior": self.beta}

    def _limits(self):
        return self.n_iter, -1.0

    def _after_fit(self, table, fitted):
        knows = fitted["annotator_skill"]
        self.spamming_ = np.column_stack([1.0 - knows, knows])


class KOS(_Aggregator):
    """Karger, Oh & Shah (2014): message passing for tasks with two labels."""
    _method = "kos"
    _skills = None

    def __init__(self, n_iter=100, random_state=0, **options):
        super().__init__(random_state, **options)
        self.n_iter = n_iter

    def _limits(self):
        return self.n_iter, -1.0


class MMSR(_Aggregator):
    """Ma & Olshevsky (2020): worker skills by robust rank-one completion of their agreement."""
    _method = "m-msr"

    def __init__(self, n_iter=10000, tol=1e-10, random_state=0, **options):
        super().__init__(random_state, **options)
        self.n_iter, self.tol = n_iter, tol

    def _limits(self):
        return self.n_iter, self.tol
