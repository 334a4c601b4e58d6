#pragma once
// What the classifier annotators see: the features after the simulation's own scaling. A torch-free
// file of its own so that the reference's quirk is pinned by a test on plain numbers.

#include <string>

#include "datasets/dataset.h"

namespace annotbench {

// profile "clean": every row standardised with the whole set's mean and population sd.
// profile "paper": as the annot-mix reference (examples/simulate_annotators.py with LetterSim): the
// train rows (Dataset::predefined_part == train) standardised with the train rows' own scaler, the
// valid and test rows left raw, because the reference builds them with transform=None (audit §1,
// deviation 2). Without a split every row counts as a train row, which is the clean scaling.
FeatureMatrix classifier_simulation_inputs(const Dataset& dataset, const std::string& profile);

}  // namespace annotbench
