#pragma once
// Random draws for the simulators, written out by hand: the standard library's distributions are
// implementation-defined (libstdc++ and libc++ give different numbers for the same engine state), and a
// simulation must reproduce bit-for-bit from its seed wherever it is built.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "datasets/random.h"

namespace annotbench {

// Uniform on [0, 1) from the top 53 bits of one engine output.
double uniform01(Rng& rng);
// Uniform on {0, ..., count - 1}, without modulo bias; count > 0.
std::size_t uniform_index(Rng& rng, std::size_t count);
double standard_normal(Rng& rng);
// Gamma(shape, 1) (Marsaglia & Tsang 2000; shape < 1 by the boost Gamma(shape + 1) * U^(1/shape)).
double gamma_variate(Rng& rng, double shape);
// Beta(a, b) as G_a / (G_a + G_b) with independent gammas.
double beta_variate(Rng& rng, double a, double b);
// Dirichlet(concentration, ..., concentration) over `count` categories.
std::vector<double> dirichlet_variate(Rng& rng, std::size_t count, double concentration);

// Fisher-Yates.
template <typename T>
void shuffle_in_place(std::vector<T>& values, Rng& rng) {
  for (std::size_t i = values.size(); i > 1; --i) std::swap(values[i - 1], values[uniform_index(rng, i)]);
}
std::vector<std::size_t> random_permutation(std::size_t count, Rng& rng);

// One index drawn with probability proportional to `weights` (non-negative, positive sum).
std::size_t draw_weighted(const std::vector<double>& weights, Rng& rng);

// Systematic sampling (Madow 1949) over a random order: instance i is chosen with probability exactly
// probabilities[i] (each in [0, 1]) and the number chosen is floor or ceil of their sum. This keeps the
// achieved noise rate at the configured one with far less spread than independent coin flips.
std::vector<bool> systematic_sample(const std::vector<double>& probabilities, Rng& rng);

// The multinomial version: `count` items, each assigned category k with probability exactly
// category_probabilities[k]; category k receives floor or ceil of count * category_probabilities[k]
// items. Returns the category of each item.
std::vector<int> systematic_assign(std::size_t count, const std::vector<double>& category_probabilities,
                                   Rng& rng);

// A uniformly chosen class other than `true_class` among `num_classes`.
int uniform_wrong_class(int true_class, int num_classes, Rng& rng);

// Splits `total` into parts proportional to `shares` (non-negative) by largest remainders, so that the
// parts sum to `total` exactly; ties go to the earlier share.
std::vector<std::size_t> apportion(std::size_t total, const std::vector<double>& shares);

}  // namespace annotbench
