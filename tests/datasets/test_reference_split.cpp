// The annot-mix reference's music-genres valid/test split, as ../shared/data/crowd/music_genre ships it
// (derived_reference_split.csv: id,part; see that folder's README): read song by song, ids matched by
// name, and every id it lacks or adds is an error at its file and line.

#include <filesystem>

#include <gtest/gtest.h>

#include "datasets/input_error.h"
#include "datasets/paper_loaders.h"
#include "datasets/registry.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

using testing::TempDir;

const std::vector<std::string> kSongs = {"rock.00001.mp3", "jazz.00002.mp3", "pop.00003.mp3"};

InputError error_of(const std::string& path) {
  try {
    read_reference_split(path, kSongs, "test.csv");
  } catch (const InputError& error) {
    return error;
  }
  throw std::runtime_error("no error");
}

TEST(ReferenceSplit, PartsAreMatchedByIdNotByLine) {
  const TempDir dir;
  // Another order than the songs': each id still gets its own part.
  const std::string path = dir.write("split.csv", "id,part\npop.00003.mp3,valid\nrock.00001.mp3,test\njazz.00002.mp3,test\n");
  EXPECT_EQ(read_reference_split(path, kSongs, "test.csv"),
            (std::vector<SplitPart>{SplitPart::test, SplitPart::test, SplitPart::valid}));
}

TEST(ReferenceSplit, AnUnknownIdIsAnErrorAtItsLine) {
  const TempDir dir;
  const InputError error = error_of(
      dir.write("split.csv", "id,part\npop.00003.mp3,valid\nblues.00009.mp3,test\nrock.00001.mp3,test\njazz.00002.mp3,test\n"));
  EXPECT_EQ(error.line(), 3u);
  EXPECT_EQ(error.field(), "id");
  EXPECT_NE(std::string(error.what()).find("blues.00009.mp3"), std::string::npos);
}

TEST(ReferenceSplit, ASongWithoutAPartIsAnErrorNamingIt) {
  const TempDir dir;
  const InputError error = error_of(dir.write("split.csv", "id,part\npop.00003.mp3,valid\nrock.00001.mp3,test\n"));
  EXPECT_NE(std::string(error.what()).find("jazz.00002.mp3"), std::string::npos);
  EXPECT_NE(std::string(error.what()).find("split.csv"), std::string::npos);
}

TEST(ReferenceSplit, AnotherPartOrARepeatedIdIsAnErrorAtItsLine) {
  const TempDir dir;
  const InputError part = error_of(dir.write("part.csv", "id,part\npop.00003.mp3,train\n"));
  EXPECT_EQ(part.line(), 2u);
  EXPECT_EQ(part.field(), "part");
  const InputError repeated =
      error_of(dir.write("repeated.csv", "id,part\npop.00003.mp3,valid\nrock.00001.mp3,test\npop.00003.mp3,test\n"));
  EXPECT_EQ(repeated.line(), 4u);
}

TEST(ReferenceSplit, TheShippedSplitIsTheOneMusicGenresTrainsWith) {
  const std::vector<std::string> dirs = data_search_dirs("");
  std::optional<std::string> dir;
  for (const std::string& candidate : dirs)
    if (std::filesystem::exists(std::filesystem::path(candidate) / "crowd/music_genre/derived_reference_split.csv"))
      dir = (std::filesystem::path(candidate) / "crowd/music_genre").string();
  if (!dir) GTEST_SKIP() << "crowd/music_genre is in none of the data directories";
  const Dataset dataset = load_dataset("music-genres", "");
  EXPECT_EQ(dataset.split_source, "reference");
  // 700 crowd-labelled training songs; of the 300 held out, 100 valid and 200 test (README).
  std::size_t counts[3] = {0, 0, 0};
  for (const SplitPart part : dataset.predefined_part) ++counts[static_cast<int>(part)];
  EXPECT_EQ(counts[static_cast<int>(SplitPart::train)], 700u);
  EXPECT_EQ(counts[static_cast<int>(SplitPart::valid)], 100u);
  EXPECT_EQ(counts[static_cast<int>(SplitPart::test)], 200u);
  // Without the file the suite's own split, with the same sizes.
  const TempDir copy;
  for (const char* name : {"music_genre_gold.csv", "music_genre_mturk.csv", "music_genre_test.csv"})
    std::filesystem::copy_file(std::filesystem::path(*dir) / name, copy.path() / name);
  const Dataset suite = load_music_genres(copy.path().string());
  EXPECT_EQ(suite.split_source, "suite");
  EXPECT_NE(suite.predefined_part, dataset.predefined_part);
}

}  // namespace
}  // namespace annotbench
