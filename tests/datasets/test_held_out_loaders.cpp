// The real crowd sets as ../shared/data/crowd ships them, on small generated files of the same
// layout: held-out rows join without annotations, and the publishers' split is the one used.

#include <gtest/gtest.h>

#include "datasets/input_error.h"
#include "datasets/paper_loaders.h"
#include "datasets/split.h"
#include "tests/support/npy_files.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

using testing::TempDir;

std::size_t count_part(const Dataset& dataset, SplitPart part) {
  std::size_t count = 0;
  for (const SplitPart p : dataset.predefined_part) count += p == part;
  return count;
}

TEST(MusicGenresHeldOut, TestSongsJoinUnannotatedAndSplitOneThirdValidation) {
  TempDir dir;
  dir.write("music_genre/music_genre_gold.csv", "id,f1,class\ng1,0.5,blues\ng2,1.5,rock\n");
  dir.write("music_genre/music_genre_mturk.csv", "id,annotator,class\ng1,A1,blues\ng2,A1,pop\n");
  // 6 held-out songs, 3 per class: a stratified third is one per class for validation.
  dir.write("music_genre/music_genre_test.csv",
            "id,f1,class\nt1,1,blues\nt2,2,blues\nt3,3,blues\nt4,4,rock\nt5,5,rock\nt6,6,rock\n");
  const Dataset dataset = load_music_genres((dir.path() / "music_genre").string());
  ASSERT_EQ(dataset.num_instances(), 8u);
  EXPECT_EQ(count_part(dataset, SplitPart::train), 2u);
  EXPECT_EQ(count_part(dataset, SplitPart::valid), 2u);
  EXPECT_EQ(count_part(dataset, SplitPart::test), 4u);
  for (std::size_t i = 2; i < 8; ++i) {
    EXPECT_EQ(dataset.annotations.at(i, 0), kMissingLabel);  // nobody labelled a held-out song
    EXPECT_FLOAT_EQ(dataset.features.at(i, 0), static_cast<float>(i - 1));
  }
  EXPECT_EQ(dataset.true_labels[7], 9);  // rock
  // The split used by every run is the predefined one, whatever the spec or seed.
  const PreparedData prepared = split_and_standardise(dataset, SplitSpec{0.5, 0.0}, 17);
  EXPECT_EQ(prepared.split.train, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(prepared.valid.num_instances(), 2u);
  EXPECT_EQ(prepared.test.num_instances(), 4u);
  std::vector<int> valid_classes = prepared.valid.true_labels;
  std::sort(valid_classes.begin(), valid_classes.end());
  EXPECT_EQ(valid_classes, (std::vector<int>{0, 9}));
}

TEST(LabelMeRelease, AnswersFeaturesAndTheThreeFilesOfTheSplit) {
  TempDir dir;
  // 2 training images, 3 annotators; -1 = not labelled.
  dir.write("labelme/answers.txt", "0 -1 1\n-1 7 7\n");
  dir.write("labelme/LabelMe_Z_train.txt", "0\n7\n");
  dir.write("labelme/LabelMe_Z_valid.txt", "3\n");
  dir.write("labelme/LabelMe_Z_test.txt", "4\n5\n");
  dir.write("labelme/LabelMe_VGG_avg_train.npy", testing::npy_bytes<float>("<f4", {2, 2}, {1, 2, 3, 4}));
  dir.write("labelme/LabelMe_VGG_avg_valid.npy", testing::npy_bytes<float>("<f4", {1, 2}, {5, 6}));
  dir.write("labelme/LabelMe_VGG_avg_test.npy", testing::npy_bytes<float>("<f4", {2, 2}, {7, 8, 9, 10}));
  const Dataset dataset = load_labelme((dir.path() / "labelme").string());
  ASSERT_EQ(dataset.num_instances(), 5u);
  EXPECT_EQ(dataset.class_names[7], "opencountry");
  EXPECT_EQ(dataset.true_labels, (std::vector<int>{0, 7, 3, 4, 5}));
  EXPECT_EQ(dataset.annotations.values,
            (std::vector<int>{0, -1, 1, -1, 7, 7, -1, -1, -1, -1, -1, -1, -1, -1, -1}));
  EXPECT_EQ(dataset.features.values, (std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
  EXPECT_EQ(dataset.predefined_part,
            (std::vector<SplitPart>{SplitPart::train, SplitPart::train, SplitPart::valid, SplitPart::test, SplitPart::test}));
}

TEST(LabelMeReleaseBadInput, FeatureRowsMustMatchTheLabels) {
  TempDir dir;
  dir.write("labelme/answers.txt", "0 1\n1 1\n");
  dir.write("labelme/LabelMe_Z_train.txt", "0\n1\n");
  dir.write("labelme/LabelMe_Z_valid.txt", "3\n");
  dir.write("labelme/LabelMe_Z_test.txt", "4\n");
  dir.write("labelme/LabelMe_VGG_avg_train.npy", testing::npy_bytes<float>("<f4", {3, 1}, {1, 2, 3}));
  dir.write("labelme/LabelMe_VGG_avg_valid.npy", testing::npy_bytes<float>("<f4", {1, 1}, {5}));
  dir.write("labelme/LabelMe_VGG_avg_test.npy", testing::npy_bytes<float>("<f4", {1, 1}, {7}));
  const std::string train = (dir.path() / "labelme" / "LabelMe_VGG_avg_train.npy").string();
  try {
    load_labelme((dir.path() / "labelme").string());
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()), train + ": field 'shape': expected 2 rows of features, got shape (3, 1)");
  }
  dir.write("labelme/answers.txt", "0 1\n1 9\n");
  try {
    load_labelme((dir.path() / "labelme").string());
    FAIL() << "no error";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()),
              (dir.path() / "labelme" / "answers.txt").string() + ":2: field 'annotator 2': class index 9 outside -1..7");
  }
}

}  // namespace
}  // namespace annotbench
