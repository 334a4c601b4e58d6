// M-MSR (Ma & Olshevsky 2020), following Crowd-Kit's MMSR: annotator skills from a robust rank-one
// completion of the annotators' agreement matrix, then a vote weighted by log-odds of the skills.
// K is the number of classes, T the number of items with labels.
//
// 1. For annotators a != b with common items (the last label of a repeated pair counts, as
//    Crowd-Kit's dense observation matrix keeps it), C_ab = K/(K-1) * agreement share - 1/(K-1);
//    every other entry, the diagonal included, is -1/(K-1).
// 2. |C_ab| ~ u_a v_b by Mean-Subsequence-Reduced updates over the observed entries: each v_b
//    (then each u_a) becomes the mean of |C_ab| / u_a after dropping the F largest and F smallest
//    values around the current value, F = floor(s / 2) - 1 with s the fewest partners any
//    annotator has. With F = -1 (someone shares no item) Crowd-Kit's y[F:] keeps only the largest
//    value; that is kept. Initialisation: u and v start from the same uniform draw of the seed
//    (Crowd-Kit seeds both with one random_state). Stopping: |u v' - u_prev v_prev'|_F below the
//    tolerance (1e-10) or after max_iterations (10,000).
// 3. Signs: the eigenvector of the random-walk matrix W = D^-1 A for the eigenvalue nearest -1
//    (Crowd-Kit: scipy eigs(W + I, which="SM")), A joining annotators with negative C directly and
//    those with positive C through a node of their own, found here by power iteration on
//    I - D^-1/2 A D^-1/2 and oriented per connected component so that the positive side agrees
//    with the majority vote (Crowd-Kit: so that most signs are positive; see sign_vector);
//    x = sign |u| / k with k = sqrt(|u| / |v|). The graph holds the observed pairs only, as in
//    the paper. Crowd-Kit builds it from the whole C, where a pair without common items reads
//    -1/(K-1), i.e. as disagreement: on sparse data nearly every pair is then "negative" and the
//    signs are arbitrary (measured here, D_PosSent / S_Rel / S_Adult / CIFAR-10N: .937 / .347 /
//    .709 / .206 that way, .945 / .494 / .718 / .912 on the observed pairs; Crowd-Kit publishes
//    .937 / .425 / .751). Option unobserved_as_disagreement = 1 does as Crowd-Kit.
// 4. x clipped to [-1/(K-1) + 1/sqrt(T), 1 - 1/sqrt(T)]; skill p = x (K-1)/K + 1/K; weight
//    w = log((K-1) p / (1-p)).
// Posteriors: softmax over classes of the summed weights of each class's labels, the one-coin
// model's posterior for these skills (Crowd-Kit divides the sums by their total instead, which
// flips the order when the total is negative). annotator_skill: p.
// Gold and initial_confusion (AggregationSettings): ignored, as gold_use() says; a malformed
// vector is still refused (check_aggregation_settings).

#include <algorithm>
#include <cmath>
#include <random>

#include "datasets/input_error.h"
#include "datasets/random.h"
#include "methods/aggregation/aggregator.h"
#include "methods/aggregation/weighted_vote.h"

namespace annotbench {

namespace {

constexpr int kDefaultIterations = 10000;
constexpr double kDefaultTolerance = 1e-10;
constexpr int kEigenIterations = 5000;

// Crowd-Kit's _remove_largest_and_smallest_F_value, then the mean; `current` if nothing is left.
double reduced_mean(std::vector<double>& values, int trim, double current, double items) {
  std::sort(values.begin(), values.end());
  auto first = values.begin();
  auto last = values.end();
  if (trim < 0) {
    first = last - std::min<std::ptrdiff_t>(-trim, last - first);  // Python's y[F:] with F < 0
  } else {
    const auto below = std::lower_bound(first, last, current);
    if (below - first < trim) first = below;
    else first += trim;
    const auto above = std::upper_bound(first, last, current);
    if (last - above < trim) last = above;
    else last -= trim;
  }
  if (first == last) return current;
  double total = 0.0;
  for (auto it = first; it != last; ++it) total += *it;
  // Crowd-Kit replaces a single 0 by 1/sqrt(T); any zero mean is treated alike, since a zero
  // factor is divided by in the next half-step (Snow's temp set: every partner of an annotator
  // agrees with it at chance exactly, C = 0, and 0/0 made every skill NaN).
  if (total == 0.0) return 1.0 / std::sqrt(items);
  return total / static_cast<double>(last - first);
}

class MMsrAggregator : public Aggregator {
 public:
  explicit MMsrAggregator(const AggregatorOptions& options)
      : unobserved_as_disagreement_(aggregator_option_or(options, "unobserved_as_disagreement", 0) != 0) {
    check_aggregator_options("m-msr", options, {"unobserved_as_disagreement"});
    check_aggregator_ranges("m-msr", options, {{"unobserved_as_disagreement", 0, 1, false, true}});
  }
  std::string name() const override { return "m-msr"; }
  AggregatorOptions options() const override {
    return {{"unobserved_as_disagreement", unobserved_as_disagreement_ ? 1.0 : 0.0}};
  }

  Aggregation fit(const SparseAnnotations& annotations, const AggregationSettings& settings) const override {
    check_aggregation_settings(name(), annotations, settings);
    if (annotations.num_classes < 2) throw ConfigError("m-msr: needs at least 2 classes");
    const int max_iterations = settings.max_iterations > 0 ? settings.max_iterations : kDefaultIterations;
    const double tolerance = settings.tolerance >= 0 ? settings.tolerance : kDefaultTolerance;
    const std::size_t annotators = annotations.num_annotators;
    const double classes = static_cast<double>(annotations.num_classes);

    // 1. Agreement matrix from each item's annotators (last label of a repeated pair).
    const LabelsByItem by_item = labels_by_item(annotations);
    std::vector<int> common(annotators * annotators, 0);
    std::vector<int> agreeing(annotators * annotators, 0);
    std::vector<std::pair<std::uint32_t, int>> answers;
    double items_with_labels = 0;
    for (std::size_t n = 0; n < annotations.num_items; ++n) {
      answers.clear();
      for (std::size_t j = by_item.item_begin[n]; j < by_item.item_begin[n + 1]; ++j) {
        const std::size_t k = by_item.label_order[j];
        const auto same = std::find_if(answers.begin(), answers.end(), [&](const auto& a) { return a.first == annotations.annotators[k]; });
        if (same != answers.end()) same->second = annotations.labels[k];
        else answers.emplace_back(annotations.annotators[k], annotations.labels[k]);
      }
      if (!answers.empty()) ++items_with_labels;
      for (const auto& [a, label_a] : answers)
        for (const auto& [b, label_b] : answers) {
          if (a == b) continue;
          ++common[a * annotators + b];
          agreeing[a * annotators + b] += label_a == label_b;
        }
    }
    std::vector<double> covariation(annotators * annotators, -1.0 / (classes - 1.0));
    std::vector<std::vector<std::uint32_t>> partners(annotators);
    std::size_t fewest_partners = annotators;
    for (std::size_t a = 0; a < annotators; ++a) {
      for (std::size_t b = 0; b < annotators; ++b) {
        const int shared = common[a * annotators + b];
        if (shared == 0) continue;
        partners[a].push_back(static_cast<std::uint32_t>(b));
        covariation[a * annotators + b] =
            classes / (classes - 1.0) * agreeing[a * annotators + b] / shared - 1.0 / (classes - 1.0);
      }
      fewest_partners = std::min(fewest_partners, partners[a].size());
    }
    const int trim = static_cast<int>(fewest_partners / 2) - 1;

    // 2. Robust rank-one fit of |C| on the observed entries.
    Rng rng(derive_seed(settings.seed, "m-msr start"));
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::vector<double> u(annotators);
    for (double& value : u) value = uniform(rng);
    std::vector<double> v = u;
    std::vector<double> targets;
    Aggregation result;
    result.converged = false;
    for (int iteration = 1; iteration <= max_iterations; ++iteration) {
      const std::vector<double> u_previous = u;
      const std::vector<double> v_previous = v;
      for (std::size_t b = 0; b < annotators; ++b) {
        targets.clear();
        for (const std::uint32_t a : partners[b]) targets.push_back(std::abs(covariation[a * annotators + b]) / u[a]);
        v[b] = reduced_mean(targets, trim, v[b], items_with_labels);
      }
      for (std::size_t a = 0; a < annotators; ++a) {
        targets.clear();
        for (const std::uint32_t b : partners[a]) targets.push_back(std::abs(covariation[a * annotators + b]) / v[b]);
        u[a] = reduced_mean(targets, trim, u[a], items_with_labels);
      }
      // |u v' - u0 v0'|_F^2 = |u0|^2 |dv|^2 + |du|^2 |v|^2 + 2 (u0.du)(dv.v): no cancellation of
      // large terms, so the 1e-10 tolerance is measurable.
      double u0_u0 = 0, dv_dv = 0, du_du = 0, v_v = 0, u0_du = 0, dv_v = 0;
      for (std::size_t a = 0; a < annotators; ++a) {
        const double du = u[a] - u_previous[a];
        const double dv = v[a] - v_previous[a];
        u0_u0 += u_previous[a] * u_previous[a];
        dv_dv += dv * dv;
        du_du += du * du;
        v_v += v[a] * v[a];
        u0_du += u_previous[a] * du;
        dv_v += dv * v[a];
      }
      const double change = std::sqrt(std::max(0.0, u0_u0 * dv_dv + du_du * v_v + 2.0 * u0_du * dv_v));
      result.iterations = iteration;
      if (change < tolerance) {
        result.converged = true;
        break;
      }
    }
    double u_norm = 0, v_norm = 0;
    for (std::size_t a = 0; a < annotators; ++a) u_norm += u[a] * u[a], v_norm += v[a] * v[a];
    const double scale = std::sqrt(std::sqrt(u_norm) / std::sqrt(v_norm));

    // 3. Signs from the signed graph, oriented towards the majority vote (see sign_vector).
    std::vector<double> majority_excess(annotators, 0.0);
    {
      std::vector<double> agreement(annotators, 0.0), given(annotators, 0.0), votes(static_cast<std::size_t>(annotations.num_classes));
      for (std::size_t n = 0; n < annotations.num_items; ++n) {
        std::fill(votes.begin(), votes.end(), 0.0);
        for (std::size_t j = by_item.item_begin[n]; j < by_item.item_begin[n + 1]; ++j)
          votes[static_cast<std::size_t>(annotations.labels[by_item.label_order[j]])] += 1.0;
        const double top = *std::max_element(votes.begin(), votes.end());
        const double tied = static_cast<double>(std::count(votes.begin(), votes.end(), top));
        for (std::size_t j = by_item.item_begin[n]; j < by_item.item_begin[n + 1]; ++j) {
          const std::size_t k = by_item.label_order[j];
          given[annotations.annotators[k]] += 1.0;
          if (votes[static_cast<std::size_t>(annotations.labels[k])] == top) agreement[annotations.annotators[k]] += 1.0 / tied;
        }
      }
      for (std::size_t a = 0; a < annotators; ++a)
        if (given[a] > 0) majority_excess[a] = agreement[a] / given[a] - 1.0 / classes;
    }
    const std::vector<double> signs =
        sign_vector(covariation, partners, majority_excess, unobserved_as_disagreement_, rng);
    // 4. Skills and weights.
    const double items = std::max(items_with_labels, 1.0);
    std::vector<double> weights(annotators);
    result.annotator_skill.resize(annotators);
    for (std::size_t a = 0; a < annotators; ++a) {
      double x = signs[a] * u[a] / scale;
      x = std::min(x, 1.0 - 1.0 / std::sqrt(items));
      x = std::max(x, -1.0 / (classes - 1.0) + 1.0 / std::sqrt(items));
      const double p = x * (classes - 1.0) / classes + 1.0 / classes;
      result.annotator_skill[a] = p;
      weights[a] = std::log(p * (classes - 1.0) / (1.0 - p));
    }
    result.posteriors = Matrix<double>(annotations.num_items, static_cast<std::size_t>(annotations.num_classes), 0.0);
    for (std::size_t k = 0; k < annotations.num_labels(); ++k)
      result.posteriors.at(annotations.items[k], static_cast<std::size_t>(annotations.labels[k])) += weights[annotations.annotators[k]];
    softmax_rows(result.posteriors);
    result.labels = most_probable_labels(result.posteriors, settings.seed);
    return result;
  }

 private:
  // Crowd-Kit's _sign_determination_valid: +1 / -1 / 0 per annotator. `all_pairs`: read every
  // entry of C, the unobserved ones (-1/(C-1)) and the diagonal included, and orient as Crowd-Kit
  // does. Otherwise only the pairs with common items, and two departures (probe N7: two good
  // annotators and an adversary on 100 binary items got accuracy 0.0-0.41 where majority vote got
  // 0.81-1.0). Crowd-Kit keeps only annotators whose row of C sums to non-zero: a good annotator's
  // +0.96 with its peer and -0.96 with the adversary cancel, so only the adversary was signed, +1.
  // Here every annotator with a non-zero entry is a node. And each component is oriented so that the
  // positive side agrees with the majority vote more than the negative one (`majority_excess`:
  // each annotator's share of labels on the majority's side, ties shared, minus 1/K), where Crowd-Kit
  // makes most annotators positive; a tie falls back to that.
  static std::vector<double> sign_vector(const std::vector<double>& covariation,
                                         const std::vector<std::vector<std::uint32_t>>& partners,
                                         const std::vector<double>& majority_excess, bool all_pairs, Rng& rng) {
    const std::size_t annotators = partners.size();
    std::vector<std::uint32_t> everyone(annotators);
    for (std::size_t b = 0; b < annotators; ++b) everyone[b] = static_cast<std::uint32_t>(b);
    const auto row_of = [&](std::size_t a) -> const std::vector<std::uint32_t>& { return all_pairs ? everyone : partners[a]; };
    std::vector<std::size_t> valid;
    std::vector<std::size_t> node_of(annotators, annotators);
    for (std::size_t a = 0; a < annotators; ++a) {
      double row_sum = 0.0;
      bool any_entry = false;
      for (const std::uint32_t b : row_of(a)) {
        row_sum += covariation[a * annotators + b];
        any_entry = any_entry || covariation[a * annotators + b] != 0.0;
      }
      if (all_pairs ? row_sum != 0.0 : any_entry) node_of[a] = valid.size(), valid.push_back(a);
    }
    const std::size_t nodes = valid.size();
    // Pairs that disagree more than chance (C < 0) are joined directly; each pair that agrees
    // more (C > 0, upper triangle) gets a node joined to both, so that a 2-colouring puts them on
    // the same side.
    std::vector<std::vector<std::uint32_t>> negative(nodes);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> positive_pairs;
    for (std::size_t i = 0; i < nodes; ++i)
      for (const std::uint32_t b : row_of(valid[i])) {
        const std::size_t j = node_of[b];
        if (j == annotators) continue;
        const double entry = covariation[valid[i] * annotators + b];
        if (entry < 0) negative[i].push_back(static_cast<std::uint32_t>(j));
        if (entry > 0 && i <= j) positive_pairs.emplace_back(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j));
      }
    const std::size_t total = nodes + positive_pairs.size();
    std::vector<double> degree(total, 0.0);
    for (std::size_t i = 0; i < nodes; ++i) degree[i] = static_cast<double>(negative[i].size());
    for (std::size_t e = 0; e < positive_pairs.size(); ++e) {
      degree[positive_pairs[e].first] += 1.0;
      degree[positive_pairs[e].second] += 1.0;
      degree[nodes + e] = 2.0;
    }
    std::vector<double> inverse_root_degree(total);
    for (std::size_t i = 0; i < total; ++i) inverse_root_degree[i] = degree[i] > 0 ? 1.0 / std::sqrt(degree[i]) : 0.0;
    // Connected components: the eigenvector is fixed only up to a sign per component (and a
    // disconnected graph has one eigenvalue -1 per bipartite component), so each component is
    // normalised and oriented on its own. With Crowd-Kit's reading of C the graph is connected
    // and this is its single orientation.
    std::vector<std::vector<std::uint32_t>> neighbours(total);
    for (std::size_t i = 0; i < nodes; ++i) neighbours[i] = negative[i];
    for (std::size_t e = 0; e < positive_pairs.size(); ++e) {
      neighbours[positive_pairs[e].first].push_back(static_cast<std::uint32_t>(nodes + e));
      neighbours[positive_pairs[e].second].push_back(static_cast<std::uint32_t>(nodes + e));
      neighbours[nodes + e] = {positive_pairs[e].first, positive_pairs[e].second};
    }
    std::vector<std::size_t> component(total, total);
    std::size_t components = 0;
    for (std::size_t start = 0; start < total; ++start) {
      if (component[start] != total) continue;
      std::vector<std::size_t> stack = {start};
      component[start] = components;
      while (!stack.empty()) {
        const std::size_t node = stack.back();
        stack.pop_back();
        for (const std::uint32_t next : neighbours[node])
          if (component[next] == total) component[next] = components, stack.push_back(next);
      }
      ++components;
    }
    // Power iteration on (I - N) / 2, N = D^-1/2 A D^-1/2: its top eigenvector is N's (and, times
    // D^-1/2, W's) eigenvector of the eigenvalue nearest -1.
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    std::vector<double> y(total), next(total), scaled(total), norms(components);
    for (double& value : y) value = uniform(rng);
    for (int iteration = 0; iteration < kEigenIterations; ++iteration) {
      for (std::size_t i = 0; i < total; ++i) scaled[i] = y[i] * inverse_root_degree[i];
      std::fill(next.begin(), next.end(), 0.0);
      for (std::size_t i = 0; i < total; ++i)
        for (const std::uint32_t j : neighbours[i]) next[i] += scaled[j];
      std::fill(norms.begin(), norms.end(), 0.0);
      for (std::size_t i = 0; i < total; ++i) {
        next[i] = 0.5 * (y[i] - next[i] * inverse_root_degree[i]);
        norms[component[i]] += next[i] * next[i];
      }
      double change = 0.0;
      for (std::size_t i = 0; i < total; ++i) {
        if (norms[component[i]] > 0) next[i] /= std::sqrt(norms[component[i]]);
        change = std::max(change, std::abs(next[i] - y[i]));
      }
      y.swap(next);
      if (change < 1e-12) break;
    }
    std::vector<double> orientation(components, 0.0), towards_majority(components, 0.0);
    for (std::size_t i = 0; i < nodes; ++i) {
      const double side = (y[i] > 0) - (y[i] < 0);
      orientation[component[i]] += side;
      towards_majority[component[i]] += side * majority_excess[valid[i]];
    }
    if (!all_pairs)
      for (std::size_t c = 0; c < components; ++c)
        if (std::abs(towards_majority[c]) > 1e-12) orientation[c] = towards_majority[c];
    std::vector<double> signs(annotators, 0.0);
    for (std::size_t i = 0; i < nodes; ++i) {
      const double side = (orientation[component[i]] > 0) - (orientation[component[i]] < 0);
      signs[valid[i]] = side * ((y[i] > 0) - (y[i] < 0));
    }
    return signs;
  }

  bool unobserved_as_disagreement_;
};

}  // namespace

std::unique_ptr<Aggregator> make_m_msr_aggregator(const AggregatorOptions& options) {
  return std::make_unique<MMsrAggregator>(options);
}

}  // namespace annotbench
