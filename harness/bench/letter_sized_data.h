#pragma once
// Synthetic data of letter's size for the benchmarks (16,000 x 16 features, 26 classes, 20
// annotators, 2-4 labels per instance): timings need the shapes, not the real letters, and the
// benchmarks must run without the data files. No torch.

#include <cstddef>
#include <cstdint>

#include "datasets/dataset.h"
#include "simulators/simulator.h"

namespace annotbench {

struct LetterSizedSpec {
  std::size_t num_instances = 16000;
  std::size_t num_features = 16;
  int num_classes = 26;
  std::size_t num_annotators = 20;
  std::uint64_t seed = 2024;
};

// Gaussian classes (a random unit-variance centre per class, unit noise), standardised per feature,
// with true labels and no annotations.
Dataset letter_sized_features(const LetterSizedSpec& spec = {});

// The simulation the benchmarks use: `kind` with spec.num_annotators annotators, 2-4 labels per
// instance, simulator defaults otherwise.
SimulationConfig letter_sized_simulation(const std::string& kind, const LetterSizedSpec& spec = {});

// letter_sized_features with uniform-noise annotations (each annotator's rate 0.3).
Dataset letter_sized_crowd(const LetterSizedSpec& spec = {});

}  // namespace annotbench
