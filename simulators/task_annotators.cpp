#include "simulators/task_annotators.h"

#include <cmath>
#include <cstdio>

#include "datasets/input_error.h"
#include "simulators/sampling.h"

namespace annotbench {

namespace {

double uniform_between(Rng& rng, double low, double high) { return low + (high - low) * uniform01(rng); }

}  // namespace

AnnotatorMix annotator_mix(double expert, double hammer, double spammer, double flipper, double classwise_spammer) {
  AnnotatorMix mix;
  mix.shares = {expert, hammer, spammer, flipper, classwise_spammer};
  double total = 0.0;
  for (const double share : mix.shares) {
    if (!(share >= 0.0)) throw ConfigError("annotator mix: shares must be >= 0");
    total += share;
  }
  if (std::fabs(total - 1.0) > 1e-9) throw ConfigError("annotator mix: shares sum to " + std::to_string(total) + ", not 1");
  const char* letters[] = {"E", "H", "S", "F", "C"};
  for (std::size_t f = 0; f < mix.shares.size(); ++f) {
    if (mix.shares[f] == 0.0) continue;
    char share[16];
    std::snprintf(share, sizeof share, "%g", mix.shares[f]);
    std::string text = share;
    if (text.rfind("0.", 0) == 0) text = text.substr(1);
    mix.label += (mix.label.empty() ? "" : "/") + std::string(letters[f]) + text;
  }
  return mix;
}

const char* family_name(AnnotatorFamily family) {
  switch (family) {
    case AnnotatorFamily::expert: return "expert";
    case AnnotatorFamily::hammer: return "hammer";
    case AnnotatorFamily::spammer: return "spammer";
    case AnnotatorFamily::flipper: return "flipper";
    case AnnotatorFamily::classwise_spammer: return "class-wise spammer";
  }
  return "?";
}

AnnotatorFamily draw_family(const AnnotatorMix& mix, Rng& rng) {
  return static_cast<AnnotatorFamily>(draw_weighted(mix.shares, rng));
}

std::vector<double> draw_confusion(AnnotatorFamily family, std::size_t classes, bool uniform_spammer, Rng& rng) {
  const std::size_t K = classes;
  std::vector<double> confusion(K * K, 0.0);
  const auto even_rows = [&](std::size_t k, double accuracy) {
    for (std::size_t l = 0; l < K; ++l)
      confusion[k * K + l] = l == k ? accuracy : (K > 1 ? (1.0 - accuracy) / static_cast<double>(K - 1) : 0.0);
  };
  switch (family) {
    case AnnotatorFamily::expert: {
      const double accuracy = uniform_between(rng, 0.9, 1.0);
      for (std::size_t k = 0; k < K; ++k) even_rows(k, K > 1 ? accuracy : 1.0);
      break;
    }
    case AnnotatorFamily::hammer: {
      const double accuracy = K > 1 ? uniform_between(rng, 0.5, 0.8) : 1.0;
      for (std::size_t k = 0; k < K; ++k) {
        const std::vector<double> split = dirichlet_variate(rng, K > 1 ? K - 1 : 1, 1.0);
        std::size_t j = 0;
        for (std::size_t l = 0; l < K; ++l) confusion[k * K + l] = l == k ? accuracy : (1.0 - accuracy) * split[j++];
      }
      break;
    }
    case AnnotatorFamily::spammer: {
      const std::vector<double> vote =
          uniform_spammer ? std::vector<double>(K, 1.0 / static_cast<double>(K)) : dirichlet_variate(rng, K, 1.0);
      for (std::size_t k = 0; k < K; ++k)
        for (std::size_t l = 0; l < K; ++l) confusion[k * K + l] = vote[l];
      break;
    }
    case AnnotatorFamily::flipper: {
      // A random derangement by rejection: a uniform permutation without fixed points (K ≥ 2).
      std::vector<std::size_t> target;
      bool fixed_point = true;
      while (fixed_point && K > 1) {
        target = random_permutation(K, rng);
        fixed_point = false;
        for (std::size_t k = 0; k < K; ++k) fixed_point = fixed_point || target[k] == k;
      }
      const double accuracy = K > 1 ? uniform_between(rng, 0.5, 0.8) : 1.0;
      for (std::size_t k = 0; k < K; ++k) {
        confusion[k * K + k] = accuracy;
        if (K > 1) confusion[k * K + target[k]] += 1.0 - accuracy;
      }
      break;
    }
    case AnnotatorFamily::classwise_spammer: {
      const double accuracy = uniform_between(rng, 0.9, 1.0);
      const std::vector<std::size_t> order = random_permutation(K, rng);
      for (std::size_t j = 0; j < K; ++j) {
        const std::size_t k = order[j];
        if (2 * j < K) even_rows(k, accuracy);
        else
          for (std::size_t l = 0; l < K; ++l) confusion[k * K + l] = 1.0 / static_cast<double>(K);
      }
      break;
    }
  }
  return confusion;
}

void annotate_support(FewShotTaskBatch& batch, std::size_t annotators, const AnnotatorMix& mix,
                      double missing_probability, Rng& rng) {
  batch.annotators = annotators;
  batch.support_labels.assign(batch.tasks * batch.support * annotators, kMissingLabel);
  for (std::size_t t = 0; t < batch.tasks; ++t) {
    for (std::size_t r = 0; r < annotators; ++r) {
      const AnnotatorFamily family = draw_family(mix, rng);
      const std::vector<double> confusion = draw_confusion(family, batch.classes, mix.uniform_spammer, rng);
      std::vector<double> row(batch.classes);
      for (std::size_t n = 0; n < batch.support; ++n) {
        const std::size_t truth = static_cast<std::size_t>(batch.support_truth[t * batch.support + n]);
        row.assign(confusion.begin() + static_cast<std::ptrdiff_t>(truth * batch.classes),
                   confusion.begin() + static_cast<std::ptrdiff_t>((truth + 1) * batch.classes));
        batch.support_labels[(t * batch.support + n) * annotators + r] = static_cast<int>(draw_weighted(row, rng));
      }
    }
    if (missing_probability <= 0.0) continue;
    for (std::size_t n = 0; n < batch.support; ++n) {
      int* labels = batch.support_labels.data() + (t * batch.support + n) * annotators;
      const std::size_t keeper = uniform_index(rng, annotators);  // every row keeps one label
      for (std::size_t r = 0; r < annotators; ++r)
        if (r != keeper && uniform01(rng) < missing_probability) labels[r] = kMissingLabel;
    }
  }
}

void annotate_support_clean(FewShotTaskBatch& batch, std::size_t annotators) {
  batch.annotators = annotators;
  batch.support_labels.resize(batch.tasks * batch.support * annotators);
  for (std::size_t i = 0; i < batch.tasks * batch.support; ++i)
    for (std::size_t r = 0; r < annotators; ++r) batch.support_labels[i * annotators + r] = batch.support_truth[i];
}

}  // namespace annotbench
