// Meta-learned EM (spec meta-em.md §8): the closed forms against the spec's hand computations, the EM
// properties (monotone objective, gradients through the steps, the prototypical-network and
// Dawid–Skene reductions, missing labels, invariances, numerical safety). float64 throughout.

#include <torch/torch.h>
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "methods/fewshot/em_steps.h"

namespace annotbench {
namespace {

const auto kDouble = torch::TensorOptions().dtype(torch::kFloat64);

torch::Tensor tensor(std::vector<double> values, std::vector<int64_t> shape) {
  return torch::tensor(values, kDouble).reshape(shape);
}
torch::Tensor labels(std::vector<int> values, std::vector<int64_t> shape) {
  return torch::tensor(std::vector<int64_t>(values.begin(), values.end()), torch::kLong).reshape(shape);
}
double at(const torch::Tensor& t, std::vector<int64_t> index) {
  torch::Tensor value = t;
  for (const int64_t i : index) value = value[i];
  return value.item<double>();
}

// §8.1 E-step example: K = 2, M = 1, R = 2, u = 0.5, π = (½, ½), μ = (0, 2),
// A¹ = [[.8, .2], [.3, .7]], A² = [[.6, .4], [.1, .9]], y¹ = class 1, y² = class 2.
TEST(MetaEmClosedForms, EStepMatchesTheHandComputedExample) {
  EmParameters parameters;
  parameters.prototypes = tensor({0.0, 2.0}, {1, 2, 1});
  parameters.log_proportions = torch::log(tensor({0.5, 0.5}, {1, 2}));
  parameters.log_confusion = torch::log(tensor({0.8, 0.2, 0.3, 0.7, 0.6, 0.4, 0.1, 0.9}, {1, 2, 2, 2}));
  const torch::Tensor one_hot = labels_one_hot(labels({0, 1}, {1, 1, 2}), 2, kDouble);
  const torch::Tensor lambda = em_e_step(tensor({0.5}, {1, 1, 1}), one_hot, parameters);
  // λ₁/λ₂ = exp(−½·0.25 + ½·2.25) · (0.8·0.4)/(0.3·0.9) = e · 0.32/0.27
  const double ratio = std::exp(-0.5 * 0.25 + 0.5 * 2.25) * (0.8 * 0.4) / (0.3 * 0.9);
  EXPECT_NEAR(at(lambda, {0, 0, 0}), ratio / (1 + ratio), 1e-12);
  EXPECT_NEAR(at(lambda, {0, 0, 1}), 1 / (1 + ratio), 1e-12);
  EXPECT_NEAR(at(lambda, {0, 0, 0}), 0.763127, 1e-6);  // the spec's rounded value
}

// §8.1 M-step example: u = (0, 1, 3); labels (1,1), (1,2), (2,2); λ = [[.9,.1],[.6,.4],[.2,.8]];
// τ = 1, b = 1, ε = 1, c = 2.
struct MStepExample {
  torch::Tensor embeddings = tensor({0.0, 1.0, 3.0}, {1, 3, 1});
  torch::Tensor one_hot = labels_one_hot(labels({0, 0, 0, 1, 1, 1}, {1, 3, 2}), 2, kDouble);
  torch::Tensor lambda = tensor({0.9, 0.1, 0.6, 0.4, 0.2, 0.8}, {1, 3, 2});
  EmPriors priors{1.0, 1.0, 1.0, 2.0};
};

TEST(MetaEmClosedForms, MStepMatchesTheHandComputedExample) {
  const MStepExample example;
  const EmParameters p = em_m_step(example.embeddings, example.one_hot, example.lambda, example.priors);
  EXPECT_NEAR(at(p.prototypes, {0, 0, 0}), 1.2 / 2.7, 1e-12);
  EXPECT_NEAR(at(p.prototypes, {0, 1, 0}), 2.8 / 2.3, 1e-12);
  EXPECT_NEAR(std::exp(at(p.log_proportions, {0, 0})), 2.7 / 5, 1e-12);
  EXPECT_NEAR(std::exp(at(p.log_proportions, {0, 1})), 2.3 / 5, 1e-12);
  const double a1[2][2] = {{4.5 / 5.7, 1.2 / 5.7}, {1.5 / 5.3, 3.8 / 5.3}};
  const double a2[2][2] = {{3.9 / 5.7, 1.8 / 5.7}, {1.1 / 5.3, 4.2 / 5.3}};
  for (int k = 0; k < 2; ++k)
    for (int l = 0; l < 2; ++l) {
      EXPECT_NEAR(std::exp(at(p.log_confusion, {0, 0, k, l})), a1[k][l], 1e-12) << k << l;
      EXPECT_NEAR(std::exp(at(p.log_confusion, {0, 1, k, l})), a2[k][l], 1e-12) << k << l;
    }
  EXPECT_NEAR(std::exp(at(p.log_confusion, {0, 0, 0, 0})), 0.789474, 1e-6);
  const torch::Tensor mv = majority_vote_responsibilities(example.one_hot);
  const double expected_mv[3][2] = {{1, 0}, {0.5, 0.5}, {0, 1}};
  for (int n = 0; n < 3; ++n)
    for (int k = 0; k < 2; ++k) EXPECT_EQ(at(mv, {0, n, k}), expected_mv[n][k]);
}

// §8.1 prediction (Eq. 8) with that μ, π for f(x) = 1: logits log π_k − ½(1 − μ_k)².
TEST(MetaEmClosedForms, PredictionMatchesTheHandComputedExample) {
  const MStepExample example;
  const EmParameters p = em_m_step(example.embeddings, example.one_hot, example.lambda, example.priors);
  const torch::Tensor log_p = predict_log_proba(tensor({1.0}, {1, 1, 1}), p.prototypes, p.log_proportions);
  const double mu1 = 1.2 / 2.7, mu2 = 2.8 / 2.3;
  const double logit1 = std::log(0.54) - 0.5 * (1 - mu1) * (1 - mu1);
  const double logit2 = std::log(0.46) - 0.5 * (1 - mu2) * (1 - mu2);
  EXPECT_NEAR(logit1, -0.770507, 1e-6);
  EXPECT_NEAR(logit2, -0.800158, 1e-6);
  EXPECT_NEAR(std::exp(at(log_p, {0, 0, 0})), 1 / (1 + std::exp(logit2 - logit1)), 1e-12);
  EXPECT_NEAR(std::exp(at(log_p, {0, 0, 1})), 1 / (1 + std::exp(logit1 - logit2)), 1e-12);
  EXPECT_NEAR(std::exp(at(log_p, {0, 0, 0})), 0.507412, 1e-6);
}

struct RandomTask {
  torch::Tensor embeddings;  // 1 x N x M
  torch::Tensor label_ids;   // 1 x N x R, -1 missing
  torch::Tensor one_hot;
  int64_t classes = 0;
};

RandomTask random_task(std::mt19937_64& rng, int64_t classes, int64_t annotators, int64_t rows, int64_t dims,
                       double missing) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::normal_distribution<double> normal;
  RandomTask task;
  task.classes = classes;
  std::vector<double> u(rows * dims);
  std::vector<int> y(rows * annotators);
  for (int64_t n = 0; n < rows; ++n) {
    const int64_t truth = n % classes;
    for (int64_t d = 0; d < dims; ++d) u[n * dims + d] = normal(rng) + (d == truth % dims ? 2.0 : 0.0);
    for (int64_t r = 0; r < annotators; ++r) {
      const bool right = unit(rng) < 0.7;
      y[n * annotators + r] = right ? static_cast<int>(truth) : static_cast<int>(rng() % classes);
      if (unit(rng) < missing && r > 0) y[n * annotators + r] = -1;
    }
  }
  task.embeddings = tensor(u, {1, rows, dims});
  task.label_ids = labels(y, {1, rows, annotators});
  task.one_hot = labels_one_hot(task.label_ids, classes, kDouble);
  return task;
}

// §8.2.1: for fixed embeddings the log posterior of §2 never decreases between post-M-step states.
TEST(MetaEmProperties, EmNeverLowersTheLogPosterior) {
  std::mt19937_64 rng(7);
  double worst = 0.0;
  for (int trial = 0; trial < 200; ++trial) {
    const int64_t K = 2 + trial % 4, R = 1 + trial % 5;
    const RandomTask task = random_task(rng, K, R, 12, 3, 0.2);
    EmPriors priors;
    priors.b = std::vector<double>{0.0, 1.0, 10.0}[trial % 3];
    priors.tau = 0.1;
    torch::Tensor lambda = majority_vote_responsibilities(task.one_hot);
    EmParameters parameters = em_m_step(task.embeddings, task.one_hot, lambda, priors);
    double previous = em_log_posterior(task.embeddings, task.one_hot, parameters, priors).item<double>();
    for (int step = 0; step < 8; ++step) {
      lambda = em_e_step(task.embeddings, task.one_hot, parameters);
      parameters = em_m_step(task.embeddings, task.one_hot, lambda, priors);
      const double current = em_log_posterior(task.embeddings, task.one_hot, parameters, priors).item<double>();
      ASSERT_TRUE(std::isfinite(current)) << "trial " << trial;
      worst = std::min(worst, current - previous);
      previous = current;
    }
  }
  EXPECT_GE(worst, -1e-9);
}

// §8.2.2: the query NLL through J EM steps, differentiated by autograd, against central differences
// (h = 1e-6) in every coordinate of a 2-layer MLP's weights and of the raw support and query rows.
void check_gradient_through_em(int em_steps, double missing) {
  std::mt19937_64 rng(11 + em_steps);
  const int64_t K = 3, R = 3, N = 6, D = 3, H = 5, M = 4, Q = 4;
  const RandomTask task = random_task(rng, K, R, N, D, missing);
  const torch::Tensor support = task.embeddings.clone().requires_grad_(true);
  const torch::Tensor query = torch::randn({1, Q, D}, kDouble).requires_grad_(true);
  const torch::Tensor query_truth = labels({0, 1, 2, 1}, {1, Q});
  const torch::Tensor w1 = (0.5 * torch::randn({D, H}, kDouble)).requires_grad_(true);
  const torch::Tensor b1 = (0.1 * torch::randn({H}, kDouble)).requires_grad_(true);
  const torch::Tensor w2 = (0.5 * torch::randn({H, M}, kDouble)).requires_grad_(true);
  const torch::Tensor b2 = (0.1 * torch::randn({M}, kDouble)).requires_grad_(true);
  const EmPriors priors;
  const auto loss = [&]() {
    const auto f = [&](const torch::Tensor& x) { return torch::matmul(torch::tanh(torch::matmul(x, w1) + b1), w2) + b2; };
    const EmParameters fitted = fit_em(f(support), task.one_hot, em_steps, priors);
    const torch::Tensor log_p = predict_log_proba(f(query), fitted.prototypes, fitted.log_proportions);
    return -log_p.gather(-1, query_truth.unsqueeze(-1)).mean();
  };
  const std::vector<torch::Tensor> inputs = {support, query, w1, b1, w2, b2};
  const std::vector<torch::Tensor> gradients = torch::autograd::grad({loss()}, inputs);
  const double h = 1e-6;
  torch::NoGradGuard no_grad;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    torch::Tensor flat = inputs[i].view({-1});
    const torch::Tensor gradient = gradients[i].reshape({-1});
    for (int64_t j = 0; j < flat.numel(); ++j) {
      const double original = flat[j].item<double>();
      flat[j] = original + h;
      const double up = loss().item<double>();
      flat[j] = original - h;
      const double down = loss().item<double>();
      flat[j] = original;
      const double numeric = (up - down) / (2 * h);
      const double analytic = gradient[j].item<double>();
      EXPECT_NEAR(analytic, numeric, 1e-6 * std::max(1.0, std::fabs(numeric)))
          << "input " << i << " coordinate " << j << " J = " << em_steps;
    }
  }
}

TEST(MetaEmProperties, GradientThroughThreeEmStepsMatchesFiniteDifferences) { check_gradient_through_em(3, 0.0); }
TEST(MetaEmProperties, GradientWithoutEmStepsMatchesFiniteDifferences) { check_gradient_through_em(0, 0.0); }
TEST(MetaEmProperties, GradientWithMissingLabelsMatchesFiniteDifferences) { check_gradient_through_em(3, 0.4); }

// §8.2.3: one annotator with the true labels, τ → 0, π fixed uniform (b huge), J = 0: the prediction is
// softmax(−½‖f(x) − class mean‖²), a prototypical network.
TEST(MetaEmProperties, ReducesToAPrototypicalNetwork) {
  std::mt19937_64 rng(3);
  const int64_t K = 3, N = 9, M = 2, Q = 5;
  const torch::Tensor u = torch::randn({1, N, M}, kDouble);
  std::vector<int> truth;
  for (int64_t n = 0; n < N; ++n) truth.push_back(static_cast<int>(n % K));
  const torch::Tensor one_hot = labels_one_hot(labels(truth, {1, N, 1}), K, kDouble);
  const EmPriors priors{1e-12, 1e12, 1.0, 0.0};
  const EmParameters fitted = fit_em(u, one_hot, 0, priors);
  const torch::Tensor queries = torch::randn({1, Q, M}, kDouble);
  const torch::Tensor log_p = predict_log_proba(queries, fitted.prototypes, fitted.log_proportions);
  for (int64_t q = 0; q < Q; ++q) {
    std::vector<double> logits(K, 0.0);
    for (int64_t k = 0; k < K; ++k) {
      std::vector<double> mean(M, 0.0);
      for (int64_t n = k; n < N; n += K)
        for (int64_t d = 0; d < M; ++d) mean[d] += at(u, {0, n, d}) / (N / K);
      for (int64_t d = 0; d < M; ++d) logits[k] -= 0.5 * std::pow(at(queries, {0, q, d}) - mean[d], 2);
    }
    double total = 0.0;
    for (const double logit : logits) total += std::exp(logit);
    for (int64_t k = 0; k < K; ++k) EXPECT_NEAR(std::exp(at(log_p, {0, q, k})), std::exp(logits[k]) / total, 1e-10);
  }
}

// §8.2.4: with every embedding equal (u_n = 0) the Gaussian factor cancels and the EM is Dawid–Skene
// MAP-EM on the labels with the same pseudo-counts, written out here independently (loops, no tensors).
TEST(MetaEmProperties, ReducesToDawidSkeneWhenTheEmbeddingsCarryNoInformation) {
  std::mt19937_64 rng(5);
  const int64_t K = 3, R = 4, N = 10;
  RandomTask task = random_task(rng, K, R, N, 2, 0.3);
  task.embeddings = torch::zeros({1, N, 2}, kDouble);
  const EmPriors priors{0.1, 2.0, 1.0, 3.0};
  const int steps = 10;
  std::vector<std::vector<int>> y(N, std::vector<int>(R));
  for (int64_t n = 0; n < N; ++n)
    for (int64_t r = 0; r < R; ++r) y[n][r] = static_cast<int>(at(task.label_ids, {0, n, r}));
  // λ⁰: vote shares.
  std::vector<std::vector<double>> lambda(N, std::vector<double>(K, 0.0));
  for (int64_t n = 0; n < N; ++n) {
    double votes = 0.0;
    for (int64_t r = 0; r < R; ++r)
      if (y[n][r] >= 0) lambda[n][y[n][r]] += 1.0, votes += 1.0;
    for (int64_t k = 0; k < K; ++k) lambda[n][k] /= votes;
  }
  std::vector<double> pi(K);
  std::vector<double> A(R * K * K);
  const auto m_step = [&] {
    for (int64_t k = 0; k < K; ++k) {
      double mass = 0.0;
      for (int64_t n = 0; n < N; ++n) mass += lambda[n][k];
      pi[k] = (priors.b + mass) / (K * priors.b + N);
    }
    for (int64_t r = 0; r < R; ++r)
      for (int64_t k = 0; k < K; ++k) {
        double total = 0.0;
        for (int64_t l = 0; l < K; ++l) {
          double count = priors.epsilon + (l == k ? priors.c : 0.0);
          for (int64_t n = 0; n < N; ++n)
            if (y[n][r] == l) count += lambda[n][k];
          A[(r * K + k) * K + l] = count;
          total += count;
        }
        for (int64_t l = 0; l < K; ++l) A[(r * K + k) * K + l] /= total;
      }
  };
  for (int step = 0; step < steps; ++step) {
    m_step();
    for (int64_t n = 0; n < N; ++n) {
      double total = 0.0;
      for (int64_t k = 0; k < K; ++k) {
        double p = pi[k];
        for (int64_t r = 0; r < R; ++r)
          if (y[n][r] >= 0) p *= A[(r * K + k) * K + y[n][r]];
        lambda[n][k] = p;
        total += p;
      }
      for (int64_t k = 0; k < K; ++k) lambda[n][k] /= total;
    }
  }
  m_step();
  const EmParameters fitted = fit_em(task.embeddings, task.one_hot, steps, priors);
  for (int64_t k = 0; k < K; ++k) EXPECT_NEAR(std::exp(at(fitted.log_proportions, {0, k})), pi[k], 1e-12);
  for (int64_t r = 0; r < R; ++r)
    for (int64_t k = 0; k < K; ++k)
      for (int64_t l = 0; l < K; ++l)
        EXPECT_NEAR(std::exp(at(fitted.log_confusion, {0, r, k, l})), A[(r * K + k) * K + l], 1e-12);
}

// §8.2.5: a missing label counts as nothing: the E-step's λ_n of a row that annotator r skipped is the
// posterior computed from the annotators who did label it, and an annotator who labelled nothing
// (the padding of meta-training batches) changes no responsibility, prototype or proportion.
TEST(MetaEmProperties, MissingLabelsEqualDroppingThoseAnnotators) {
  std::mt19937_64 rng(9);
  const int64_t K = 3, R = 3, N = 8, M = 2;
  const RandomTask task = random_task(rng, K, R, N, M, 0.4);
  const EmPriors priors;
  const EmParameters first = fit_em(task.embeddings, task.one_hot, 1, priors);
  const torch::Tensor lambda = em_e_step(task.embeddings, task.one_hot, first);
  for (int64_t n = 0; n < N; ++n) {
    std::vector<double> log_rho(K);
    for (int64_t k = 0; k < K; ++k) {
      log_rho[k] = at(first.log_proportions, {0, k});
      for (int64_t d = 0; d < M; ++d)
        log_rho[k] -= 0.5 * std::pow(at(task.embeddings, {0, n, d}) - at(first.prototypes, {0, k, d}), 2);
      for (int64_t r = 0; r < R; ++r) {
        const int label = static_cast<int>(at(task.label_ids, {0, n, r}));
        if (label >= 0) log_rho[k] += at(first.log_confusion, {0, r, k, label});
      }
    }
    double top = *std::max_element(log_rho.begin(), log_rho.end()), total = 0.0;
    for (const double value : log_rho) total += std::exp(value - top);
    for (int64_t k = 0; k < K; ++k) EXPECT_NEAR(at(lambda, {0, n, k}), std::exp(log_rho[k] - top) / total, 1e-12);
  }
  const torch::Tensor padded = torch::cat({task.one_hot, torch::zeros({1, N, 2, K}, kDouble)}, 2);
  for (const int steps : {0, 1, 3}) {
    const EmParameters plain = fit_em(task.embeddings, task.one_hot, steps, priors);
    const EmParameters with_silent = fit_em(task.embeddings, padded, steps, priors);
    EXPECT_LT((plain.prototypes - with_silent.prototypes).abs().max().item<double>(), 1e-12);
    EXPECT_LT((plain.log_proportions - with_silent.log_proportions).abs().max().item<double>(), 1e-12);
    EXPECT_LT((plain.log_confusion - with_silent.log_confusion.slice(1, 0, R)).abs().max().item<double>(), 1e-12);
  }
}

// §8.2.6: permuting support rows permutes λ; permuting annotators permutes A and leaves λ, μ, π; relabelling
// the classes consistently permutes every output.
TEST(MetaEmProperties, RowAnnotatorAndClassPermutationsCommute) {
  std::mt19937_64 rng(13);
  const int64_t K = 3, R = 4, N = 9, M = 3;
  const RandomTask task = random_task(rng, K, R, N, M, 0.2);
  const EmPriors priors;
  const int steps = 3;
  const EmParameters base = fit_em(task.embeddings, task.one_hot, steps, priors);
  const torch::Tensor base_lambda = em_e_step(task.embeddings, task.one_hot, base);

  const torch::Tensor rows = torch::randperm(N, torch::kLong);
  const EmParameters by_rows = fit_em(task.embeddings.index_select(1, rows), task.one_hot.index_select(1, rows), steps, priors);
  EXPECT_LT((em_e_step(task.embeddings.index_select(1, rows), task.one_hot.index_select(1, rows), by_rows) -
             base_lambda.index_select(1, rows)).abs().max().item<double>(), 1e-12);

  const torch::Tensor people = torch::tensor(std::vector<int64_t>{2, 0, 3, 1}, torch::kLong);
  const EmParameters by_people = fit_em(task.embeddings, task.one_hot.index_select(2, people), steps, priors);
  EXPECT_LT((by_people.prototypes - base.prototypes).abs().max().item<double>(), 1e-12);
  EXPECT_LT((by_people.log_proportions - base.log_proportions).abs().max().item<double>(), 1e-12);
  EXPECT_LT((by_people.log_confusion - base.log_confusion.index_select(1, people)).abs().max().item<double>(), 1e-12);

  const torch::Tensor classes = torch::tensor(std::vector<int64_t>{1, 2, 0}, torch::kLong);  // new class j = old classes[j]
  const torch::Tensor relabelled = task.one_hot.index_select(3, classes);
  const EmParameters by_classes = fit_em(task.embeddings, relabelled, steps, priors);
  EXPECT_LT((by_classes.prototypes - base.prototypes.index_select(1, classes)).abs().max().item<double>(), 1e-12);
  EXPECT_LT((by_classes.log_proportions - base.log_proportions.index_select(1, classes)).abs().max().item<double>(), 1e-12);
  EXPECT_LT((by_classes.log_confusion - base.log_confusion.index_select(2, classes).index_select(3, classes))
                .abs().max().item<double>(), 1e-12);
}

// §8.2.7: a class nobody voted for with b = 0 leaves π_k = 0 but no NaN: μ_k = 0 (τ > 0), its λ column 0.
// Spammer-only tasks and a single annotator run too.
TEST(MetaEmProperties, AnUnvotedClassWithoutAProportionPriorStaysFinite) {
  const torch::Tensor u = tensor({0.0, 1.0, 2.0, 3.0}, {1, 4, 1});
  const torch::Tensor one_hot = labels_one_hot(labels({0, 0, 1, 1}, {1, 4, 1}), 3, kDouble);
  const EmPriors priors{0.1, 0.0, 1.0, 4.0};
  const EmParameters fitted = fit_em(u, one_hot, 3, priors);
  EXPECT_FALSE(torch::isnan(fitted.prototypes).any().item<bool>());
  EXPECT_EQ(at(fitted.prototypes, {0, 2, 0}), 0.0);
  EXPECT_EQ(std::exp(at(fitted.log_proportions, {0, 2})), 0.0);
  const torch::Tensor lambda = em_e_step(u, one_hot, fitted);
  EXPECT_FALSE(torch::isnan(lambda).any().item<bool>());
  EXPECT_GE(lambda.min().item<double>(), 0.0);
  EXPECT_EQ(lambda.select(2, 2).abs().max().item<double>(), 0.0);
  const torch::Tensor p = predict_log_proba(tensor({0.5}, {1, 1, 1}), fitted.prototypes, fitted.log_proportions).exp();
  EXPECT_FALSE(torch::isnan(p).any().item<bool>());
  EXPECT_NEAR(p.sum().item<double>(), 1.0, 1e-12);

  std::mt19937_64 rng(1);
  const RandomTask single = random_task(rng, 4, 1, 8, 2, 0.0);
  EXPECT_FALSE(torch::isnan(fit_em(single.embeddings, single.one_hot, 3, EmPriors{}).prototypes).any().item<bool>());
  // A spammer: every row labelled class 0 by everyone.
  const torch::Tensor spam = labels_one_hot(torch::zeros({1, 8, 3}, torch::kLong), 4, kDouble);
  const EmParameters spammed = fit_em(single.embeddings, spam, 3, EmPriors{});
  EXPECT_FALSE(torch::isnan(spammed.log_confusion).any().item<bool>());
  EXPECT_FALSE(torch::isnan(spammed.prototypes).any().item<bool>());
}

}  // namespace
}  // namespace annotbench
