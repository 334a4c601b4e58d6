#pragma once
// Scratch files for tests: a fresh directory per test, removed afterwards.

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <gtest/gtest.h>

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

// ../shared/data beside the checkout, where the CI and developers have the real tables.
inline std::string shared_data_dir() {
  return (std::filesystem::path(ANNOTBENCH_SOURCE_DIR).parent_path() / "shared" / "data").string();
}

inline bool shared_data_available() {
  return std::filesystem::exists(std::filesystem::path(shared_data_dir()) / "letterrecognition.csv");
}

}  // namespace annotbench::testing
