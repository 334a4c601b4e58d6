#pragma once
// Scratch files for tests: a fresh directory per test, removed afterwards.

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "datasets/registry.h"

namespace annotbench::testing {

class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = "annotbench-test-";
    if (info != nullptr) name += std::string(info->test_suite_name()) + "-" + info->name() + "-";
    name += std::to_string(std::random_device{}());
    path_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `contents` to a file in this directory and returns its full path.
  std::string write(const std::string& name, const std::string& contents) const {
    const std::filesystem::path file = path_ / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << contents;
    return file.string();
  }

 private:
  std::filesystem::path path_;
};

// The directory the binary reads the default tables from when given no --data-dir: the first of
// $ANNOTBENCH_DATA, ../shared/data beside the checkout and .data/ (where harness/setup.sh converts them)
// that holds letter, as data_search_dirs() and locate_dataset() find it. A fresh clone without
// ../shared runs the same tests as a developer's checkout (issue 21). ../shared/data when none does.
inline std::string shared_data_dir() {
  static const std::string dir = [] {
    try {
      return std::filesystem::path(locate_dataset("letter").path).parent_path().string();
    } catch (const std::exception&) {
      return (std::filesystem::path(ANNOTBENCH_SOURCE_DIR).parent_path() / "shared" / "data").string();
    }
  }();
  return dir;
}

inline bool shared_data_available() {
  static const bool found = [] {
    try {
      locate_dataset("letter");
      return true;
    } catch (const std::exception&) {
      return false;
    }
  }();
  return found;
}

// The reason a test that needs the default tables gives for skipping.
inline const char* const kNoDataReason =
    "no data directory holds the default tables ($ANNOTBENCH_DATA, ../shared/data, .data/: run harness/setup.sh)";

}  // namespace annotbench::testing
