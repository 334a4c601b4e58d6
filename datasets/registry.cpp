#include "datasets/registry.h"

#include <cstdlib>
#include <filesystem>

#include "datasets/input_error.h"
#include "datasets/registered_dataset.h"
#include "datasets/table_loader.h"

namespace annotbench {

namespace {

struct TableDataset {
  DatasetInfo info;
  TableFormat format;
};

const std::vector<RegisteredDataset>& all_datasets() {
  static const std::vector<RegisteredDataset> all = [] {
    std::vector<RegisteredDataset> list = table_datasets();
    for (RegisteredDataset& paper : paper_datasets()) list.push_back(std::move(paper));
    return list;
  }();
  return all;
}

}  // namespace

// The ten tables of ../shared/data (its README lists their origin and quirks). The r-cran-mlbench
// files are R write.csv output; the sklearn ones carry their class names in the first line.
std::vector<RegisteredDataset> table_datasets() {
  const std::string mlbench = "r-cran-mlbench (UCI)";
  const std::string sklearn = "python3-sklearn (UCI)";
  const std::vector<TableDataset> tables = {
      {{"letter", "letterrecognition.csv", "UCI Letter Recognition: 16 glyph statistics, 26 letters", mlbench},
       {TableHeader::column_names, "lettr", false}},
      {{"satellite", "satellite.csv", "Statlog Landsat: 36 multi-spectral values, 6 soil classes", mlbench},
       {TableHeader::column_names, "classes", false}},
      {{"vehicle", "vehicle.csv", "Statlog Vehicle silhouettes: 18 shape features, 4 vehicles", mlbench},
       {TableHeader::column_names, "Class", false}},
      {{"vowel", "vowel.csv", "Deterding vowels: 10 features, 11 vowels", mlbench},
       {TableHeader::column_names, "Class", false}},
      {{"glass", "glass.csv", "Glass identification: 9 oxide contents, 6 glass types", mlbench},
       {TableHeader::column_names, "Type", false}},
      {{"dna", "dna.csv", "StatLog DNA splice junctions: 180 binary indicators, 3 classes", mlbench},
       {TableHeader::column_names, "Class", false}},
      {{"digits", "digits.csv.gz", "Optical digits 8x8: 64 pixel counts, 10 digits", sklearn},
       {TableHeader::none, "", false}},
      {{"iris", "iris.csv", "Fisher's iris: 4 measurements, 3 species", sklearn},
       {TableHeader::sklearn, "", false}},
      {{"wine", "wine_data.csv", "Wine recognition: 13 chemical measurements, 3 cultivars", sklearn},
       {TableHeader::sklearn, "", false}},
      {{"breast-cancer", "breast_cancer.csv", "Wisconsin diagnostic breast cancer: 30 features, 2 classes", sklearn},
       {TableHeader::sklearn, "", false}},
  };
  std::vector<RegisteredDataset> registered;
  for (const TableDataset& table : tables) {
    registered.push_back({table.info, [table](const std::string& path) {
                            return load_feature_table(path, table.format, table.info.name);
                          }});
  }
  return registered;
}

const std::vector<DatasetInfo>& registered_datasets() {
  static const std::vector<DatasetInfo> infos = [] {
    std::vector<DatasetInfo> list;
    for (const RegisteredDataset& dataset : all_datasets()) list.push_back(dataset.info);
    return list;
  }();
  return infos;
}

std::vector<std::string> data_search_dirs(const std::string& data_dir) {
  std::vector<std::string> dirs;
  if (!data_dir.empty()) {
    // A mistyped --data-dir must not fall back silently to other data (probe W4).
    std::error_code error;
    if (!std::filesystem::is_directory(data_dir, error))
      throw ConfigError("--data-dir '" + data_dir + "': " +
                        (std::filesystem::exists(data_dir, error) ? "not a directory" : "no such directory"));
    dirs.push_back(data_dir);
  }
  if (const char* env = std::getenv("ANNOTBENCH_DATA"); env != nullptr && *env != '\0') dirs.push_back(env);
  const std::filesystem::path source_dir = ANNOTBENCH_SOURCE_DIR;
  dirs.push_back((source_dir.parent_path() / "shared" / "data").string());
  dirs.push_back((source_dir / ".data").string());
  return dirs;
}

std::optional<std::string> find_data_file(const std::string& file, const std::vector<std::string>& dirs) {
  std::vector<std::string> alternatives;
  for (std::size_t start = 0; start <= file.size();) {
    const std::size_t bar = std::min(file.find('|', start), file.size());
    alternatives.push_back(file.substr(start, bar - start));
    start = bar + 1;
  }
  // Directory by directory, so that --data-dir wins over ../shared/data whichever layout it has.
  for (const std::string& dir : dirs) {
    for (const std::string& name : alternatives) {
      const std::filesystem::path candidate = std::filesystem::path(dir) / name;
      std::error_code ignored;
      if (std::filesystem::exists(candidate, ignored)) return candidate.string();
    }
  }
  return std::nullopt;
}

namespace {

const RegisteredDataset& registered(const std::string& name) {
  std::string known;
  for (const RegisteredDataset& dataset : all_datasets()) {
    if (dataset.info.name == name) return dataset;
    known += (known.empty() ? "" : ", ") + dataset.info.name;
  }
  throw ConfigError("unknown data set '" + name + "'; known data sets: " + known);
}

std::string found_path(const RegisteredDataset& dataset, const std::string& data_dir) {
  const std::vector<std::string> dirs = data_search_dirs(data_dir);
  const std::optional<std::string> path = find_data_file(dataset.info.file, dirs);
  if (!path) {
    std::string looked;
    for (const std::string& dir : dirs) looked += "\n  " + dir;
    throw ConfigError("data set '" + dataset.info.name + "': file " + dataset.info.file + " not found; looked in:" +
                      looked + "\n(run the set-up script, or pass --data-dir)");
  }
  return *path;
}

}  // namespace

DataFile locate_dataset(const std::string& name, const std::string& data_dir) {
  const std::string path = found_path(registered(name), data_dir);
  return {path, data_checksum(path)};
}

Dataset load_dataset(const std::string& name, const std::string& data_dir) {
  const RegisteredDataset& dataset = registered(name);
  return dataset.load(found_path(dataset, data_dir));
}

}  // namespace annotbench
