#pragma once
// One setting label or method name may cover runs that differ in more than their seed: two
// configs with other epochs written into one directory, a sweep over annot-mix's alpha, two
// simulators under one "setting" name. Averaging them as seeds would report a number no
// experiment produced (probe W3), so each such variant gets a label of its own that says how it
// differs: "iris (uniform r=0.3) [epochs=1]", "annot-mix (alpha=2)".

#include <ostream>
#include <vector>

#include "reports/result_rows.h"

namespace annotbench {

// `rows` with their setting and method relabelled where a label covers several variants (see
// ResultRow::setting_identity and method_options); every other row unchanged. Warns once per label
// that was split, naming what differs.
std::vector<ResultRow> label_variants(const std::vector<ResultRow>& rows, std::ostream& warnings);

}  // namespace annotbench
