#pragma once
// Sweeps: a data-set setting of a config that varies one axis over a list of values, e.g.
//   {"dataset": "letter", "simulator": {"kind": "uniform", "annotators": 10},
//    "sweep": {"axis": "noise_rate", "values": [0.2, 0.5, 0.8, 0.9, 0.95]}}
// expands, before anything else reads the config, into one ordinary setting per value: one runner,
// one result store, resumable and shardable as every grid, and each value its own setting identity.
// Its rows say which sweep and value they belong to, so that reports can draw the metric against
// the axis.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace annotbench {

// Where a setting sits in a sweep: the sweep's name (the entry's "setting", else "<dataset>
// (<simulator kind>)"), its axis and this setting's value on it.
struct SweepPoint {
  std::string name;
  std::string axis;
  double value = 0.0;
};

// One data-set entry of a config after expansion: the JSON an ordinary setting would have, the
// field that names it in messages ("datasets[2]", also for each value of a sweep there: a problem
// with a value's setting quotes the value), and its sweep point (none for an entry without "sweep").
struct SettingEntry {
  nlohmann::json entry;
  std::string field;
  std::optional<SweepPoint> sweep;
};

// The axes a sweep knows by name and the setting field each sets: noise_rate (simulator.rates, one
// rate for every annotator), annotators (simulator.annotators), labels_per_instance
// (simulator.labels_per_instance), missing_fraction (simulator.missing_fraction). Any other axis
// names its "field", a dotted path into the entry such as "simulator.options.spammer_share".
const std::vector<std::string>& named_sweep_axes();

// The entries of a config's "datasets" list with every sweep expanded, in order. InputError (file
// `path`, the field) for a sweep without values, a value listed twice, an axis neither named nor
// given a field, a field outside the entry's simulator, split or recipe, or a whole-number axis
// given a fraction.
std::vector<SettingEntry> expand_sweeps(const nlohmann::json& datasets, const std::string& path);

// The row's "sweep" object ({"name", "axis", "value"}); null for none (reports/result_rows.h reads it).
nlohmann::json sweep_to_json(const std::optional<SweepPoint>& sweep);

}  // namespace annotbench
