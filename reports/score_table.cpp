#include "reports/score_table.h"

#include "datasets/input_error.h"

namespace annotbench {

std::size_t ScoreTable::method_index(const std::string& name) const {
  for (std::size_t m = 0; m < methods.size(); ++m)
    if (methods[m] == name) return m;
  std::string known;
  for (const std::string& method : methods) known += (known.empty() ? "" : ", ") + method;
  throw ConfigError("unknown method '" + name + "' (the table has: " + known + ")");
}

}  // namespace annotbench
