// Feature tables, score tables and data directories under the probe of commit 9276288
// (../shared/reliability/probe-9276288.md): each test names the finding it pins.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "datasets/input_error.h"
#include "datasets/npy_reader.h"
#include "datasets/registry.h"
#include "datasets/table_loader.h"
#include "reports/score_table_csv.h"
#include "tests/support/npy_files.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

using testing::TempDir;

const TableFormat kSklearn{TableHeader::sklearn, "", false};
const TableFormat kNamed{TableHeader::column_names, "y", false};
const TableFormat kNoHeader{TableHeader::none, "", false};

std::string error_of(const std::string& path, const TableFormat& format) {
  try {
    load_feature_table(path, format, "t");
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A header-less table of `rows` rows, 3 features and a label cycling through 3 classes.
std::string numeric_rows(int rows) {
  std::string text;
  for (int r = 0; r < rows; ++r)
    text += std::to_string(r) + ".5," + std::to_string(r % 7) + ",1.25," + std::to_string(r % 3) + "\n";
  return text;
}

std::string gzipped(const TempDir& dir, const std::string& name, const std::string& contents) {
  const std::string plain = dir.write(name, contents);
  const std::string command = "gzip -n -f " + plain;
  EXPECT_EQ(std::system(command.c_str()), 0);
  return plain + ".gz";
}

TEST(ProbeTables, W5_TruncatedGzipIsAnErrorNamingTheFile) {
  TempDir dir;
  const std::string path = gzipped(dir, "digits.csv", numeric_rows(4000));
  ASSERT_EQ(load_feature_table(path, kNoHeader, "t").num_instances(), 4000u);  // whole, it reads
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  const std::string message = error_of(path, kNoHeader);
  EXPECT_EQ(message.rfind(path + ":", 0), 0u) << message;
  EXPECT_TRUE(contains(message, "gzip stream is truncated")) << message;
}

TEST(ProbeTables, U6_CorruptGzipNamesTheFile) {
  TempDir dir;
  const std::string path = gzipped(dir, "digits.csv", numeric_rows(2000));
  {
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(static_cast<std::streamoff>(std::filesystem::file_size(path) / 2));
    file.put('\x55').put('\xAA').put('\x55');  // deflate data that cannot decode as before
  }
  const std::string message = error_of(path, kNoHeader);
  EXPECT_EQ(message.rfind(path + ":", 0), 0u) << message;
  EXPECT_TRUE(contains(message, "gzip")) << message;
}

TEST(ProbeTables, W6_OneOccurringClassIsRefusedInBothFormats) {
  TempDir dir;
  // The sklearn header names three classes, every row is class 0.
  const std::string sklearn = dir.write("iris.csv", "3,1,setosa,versicolor,virginica\n1,0\n2,0\n3,0\n");
  EXPECT_EQ(error_of(sklearn, kSklearn),
            sklearn + ": field 'label': only one class occurs (\"setosa\" on all 3 rows); need at least 2");
  const std::string named = dir.write("r.csv", "a,y\n1,x\n2,x\n");
  EXPECT_TRUE(contains(error_of(named, kNamed), "only one class occurs")) << error_of(named, kNamed);
}

TEST(ProbeTables, C1_LyingFeatureCountIsCheckedAgainstTheFirstRow) {
  TempDir dir;
  const std::string path = dir.write("iris.csv", "2,2000000000,a,b\n1,2,3,4,0\n5,6,7,8,1\n");
  EXPECT_EQ(error_of(path, kSklearn), path + ":1: field 'n_features': header says 2000000000, but the first data row "
                                             "(line 2) has 5 fields (n_features + 1 expected)");
}

TEST(ProbeTables, K1_NegativeSampleCountIsNamed) {
  TempDir dir;
  const std::string path = dir.write("iris.csv", "-1,1,a,b\n1,0\n2,1\n");
  EXPECT_EQ(error_of(path, kSklearn), path + ":1: field 'n_samples': must not be negative");
}

TEST(ProbeTables, K5_DuplicateClassNamesHexNumbersAndStrayQuotes) {
  TempDir dir;
  const std::string names = dir.write("a.csv", "2,1,setosa,setosa,virginica\n1,0\n2,1\n");
  EXPECT_EQ(error_of(names, kSklearn), names + ":1: field 'class names': 'setosa' named twice");
  const std::string hex = dir.write("b.csv", "a,y\n1,x\n0x1A,y\n");
  EXPECT_EQ(error_of(hex, kNamed), hex + ":3: field 'a': expected a decimal number, got \"0x1A\"");
  const std::string quote = dir.write("c.csv", "a,y\n1,x\n5.\"0\"1,y\n");
  EXPECT_EQ(error_of(quote, kNamed), quote + ":3: a quote inside a field that does not start with one");
}

TEST(ProbeTables, U1_NonFiniteFeatureNamesItsLineAndColumn) {
  TempDir dir;
  for (const std::string value : {"inf", "-nan", "NAN", "Infinity", "nan(123)"}) {
    const std::string path = dir.write("g.csv", "RI,Mg,y\n1,2,x\n3,4,y\n5," + value + ",x\n");
    EXPECT_EQ(error_of(path, kNamed), path + ":4: field 'Mg': not a finite number: \"" + value + "\"");
  }
}

TEST(ProbeTables, U4_UnderflowIsZeroAndOverflowIsNamed) {
  TempDir dir;
  const std::string tiny = dir.write("t.csv", "a,y\n1e-50,x\n2,y\n");
  EXPECT_EQ(load_feature_table(tiny, kNamed, "t").features.at(0, 0), 0.0f);
  const std::string huge = dir.write("h.csv", "a,y\n1,x\n3.5e38,y\n");
  EXPECT_EQ(error_of(huge, kNamed),
            huge + ":3: field 'a': \"3.5e38\" is out of single-precision range (magnitude up to about 3.4e38)");
}

// U3 found a CR-only table read as one long line; it was first refused with a message naming the
// line ends. Since every input goes through the one line reader, CR alone is a line end like the
// others: the table and the score table read as their LF twins.
TEST(ProbeTables, U3_CarriageReturnOnlyLineEndsReadAsLines) {
  TempDir dir;
  const Dataset cr_only = load_feature_table(dir.write("glass.csv", "a,y\r1,x\r2,y\r"), kNamed, "t");
  const Dataset lf = load_feature_table(dir.write("glass-lf.csv", "a,y\n1,x\n2,y\n"), kNamed, "t");
  ASSERT_EQ(cr_only.num_instances(), 2u);
  EXPECT_EQ(cr_only.features.values, lf.features.values);
  EXPECT_EQ(cr_only.true_labels, lf.true_labels);
  const std::string scores = dir.write("cronly.csv", "dataset,a,b\rd1,0.8,0.7\rd2,0.6,0.5\r");
  const std::string scores_lf = dir.write("lf.csv", "dataset,a,b\nd1,0.8,0.7\nd2,0.6,0.5\n");
  EXPECT_EQ(read_score_table_csv(scores, false).scores, read_score_table_csv(scores_lf, false).scores);
}

TEST(ProbeTables, U5_DirectoryInsteadOfAFileIsNamed) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "iris.csv");
  const std::string path = (dir.path() / "iris.csv").string();
  EXPECT_EQ(error_of(path, kSklearn), path + ": is a directory, not a file");
}

TEST(ProbeTables, K2_OverlongLineNamesItsPlaceOnce) {
  TempDir dir;
  const std::string path = dir.write("iris.csv", "a,y\n1,x\n" + std::string(17 << 20, '1') + ",y\n");
  EXPECT_EQ(error_of(path, kNamed), path + ":3: line is longer than 2^24-1 bytes, the longest this reader takes");
}

TEST(ProbeTables, K10_ScoreTableWithOnlyAHeaderNamesTheFile) {
  TempDir dir;
  const std::string path = dir.write("headeronly.csv", "dataset,a,b\n");
  try {
    read_score_table_csv(path, false);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()), path + ": no data-set rows after the header");
  }
}

TEST(ProbeTables, W4_MissingDataDirIsAnErrorNotAFallback) {
  try {
    load_dataset("iris", "/no/such/dir");
    FAIL() << "expected ConfigError";
  } catch (const ConfigError& error) {
    EXPECT_EQ(std::string(error.what()), "--data-dir '/no/such/dir': no such directory");
  }
}

TEST(ProbeTables, W4_DataChecksumTellsFilesApart) {
  TempDir one, two;
  one.write("iris.csv", "4,1,a,b,c\n1,0\n2,1\n3,2\n4,0\n");
  two.write("iris.csv", "4,1,a,b,c\n1,0\n2,1\n3,2\n4,1\n");
  const DataFile first = locate_dataset("iris", one.path().string());
  const DataFile again = locate_dataset("iris", one.path().string());
  const DataFile second = locate_dataset("iris", two.path().string());
  EXPECT_EQ(first.path, (one.path() / "iris.csv").string());
  EXPECT_EQ(first.checksum, again.checksum);
  EXPECT_NE(first.checksum, second.checksum);
  EXPECT_EQ(first.checksum.rfind("crc32:", 0), 0u) << first.checksum;
}

TEST(ProbeTables, U11_HugeNpyShapesAreNamedInTheirOwnFile) {
  TempDir dir;
  const std::string huge = dir.write(
      "hugeshape.npy", testing::npy_header_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999999, 3), }"));
  try {
    read_npy_floats(huge);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()), huge + ": field 'npy header': shape (99999999999999999999999, 3) is too large");
  }
  const std::string overflow = dir.write(
      "overflow.npy",
      testing::npy_header_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 16), }"));
  try {
    read_npy_floats(overflow);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()), overflow + ": field 'npy header': shape (4294967296, 4294967296, 16) is too large");
  }
}

}  // namespace
}  // namespace annotbench
