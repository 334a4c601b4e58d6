// The paper's real crowd sets, read from small files that the tests write in the published layouts
// (file names and columns of the original archives): every annotation, truth, class name, annotator id
// and feature read back is what was written, and bad input is reported at its exact line.

#include <filesystem>

#include <gtest/gtest.h>

#include "datasets/input_error.h"
#include "datasets/paper_loaders.h"
#include "datasets/registry.h"
#include "tests/support/npy_files.h"
#include "tests/support/temp_files.h"

namespace annotbench {
namespace {

using testing::TempDir;
constexpr int kMissing = kMissingLabel;

std::vector<int> annotation_row(const Dataset& dataset, std::size_t item) {
  return {dataset.annotations.row(item), dataset.annotations.row(item) + dataset.annotations.cols};
}

template <typename Load>
std::string error_of(Load load, const std::string& dir) {
  try {
    load(dir);
  } catch (const InputError& error) {
    return error.what();
  }
  return "no error";
}

// ---- MUSIC genres (mturk-datasets.tar.gz, music_genre_classification/) ----

void write_music(const TempDir& dir, const std::string& mturk) {
  dir.write("music_genre_classification/music_genre_gold.csv",
            "id,f1,f2,class\n"
            "blues.00001.wav,0.5,1.5,blues\n"
            "rock.00002.wav,-1,2,rock\n"
            "jazz.00003.wav,3,4,jazz\n");
  dir.write("music_genre_classification/music_genre_mturk.csv", mturk);
}

TEST(MusicGenres, GoldTableGivesInstancesFeaturesAndTruthMturkTheLabels) {
  TempDir dir;
  write_music(dir,
              "id,annotator,class\n"
              "rock.00002.wav,A2,metal\n"
              "blues.00001.wav,A1,blues\n"
              "rock.00002.wav,A1,rock\n"
              "jazz.00003.wav,A3,blues\n");
  const Dataset dataset = load_music_genres((dir.path() / "music_genre_classification").string());
  ASSERT_EQ(dataset.num_classes(), 10);
  EXPECT_EQ(dataset.class_names.front(), "blues");
  EXPECT_EQ(dataset.class_names.back(), "rock");
  // blues 0, jazz 5, metal 6, rock 9 in the authors' genre list.
  EXPECT_EQ(dataset.true_labels, (std::vector<int>{0, 9, 5}));
  EXPECT_EQ(dataset.annotator_ids, (std::vector<std::string>{"A2", "A1", "A3"}));
  EXPECT_EQ(annotation_row(dataset, 0), (std::vector<int>{kMissing, 0, kMissing}));
  EXPECT_EQ(annotation_row(dataset, 1), (std::vector<int>{6, 9, kMissing}));
  EXPECT_EQ(annotation_row(dataset, 2), (std::vector<int>{kMissing, kMissing, 0}));
  ASSERT_EQ(dataset.num_features(), 2u);
  EXPECT_EQ(dataset.features.values, (std::vector<float>{0.5f, 1.5f, -1, 2, 3, 4}));
}

TEST(MusicGenresBadInput, LabelForASongNotInTheGoldTable) {
  TempDir dir;
  write_music(dir, "id,annotator,class\nrock.00002.wav,A1,rock\npop.00009.wav,A1,pop\n");
  const std::string folder = (dir.path() / "music_genre_classification").string();
  EXPECT_EQ(error_of(load_music_genres, folder),
            folder + "/music_genre_mturk.csv:3: field 'id': item 'pop.00009.wav' is not one of the instances listed in " +
                folder + "/music_genre_gold.csv");
}

TEST(MusicGenresBadInput, GenreOutsideTheTenClasses) {
  TempDir dir;
  write_music(dir, "id,annotator,class\nrock.00002.wav,A1,polka\n");
  const std::string folder = (dir.path() / "music_genre_classification").string();
  EXPECT_EQ(error_of(load_music_genres, folder),
            folder +
                "/music_genre_mturk.csv:2: field 'class': \"polka\" is not one of the classes blues, classical, "
                "country, disco, hiphop, jazz, metal, pop, reggae, rock");
}

TEST(MusicGenresBadInput, MalformedGoldRowAndMissingFile) {
  TempDir dir;
  dir.write("m/music_genre_gold.csv", "id,f1,class\na,1,rock\nb,2\n");
  const std::string folder = (dir.path() / "m").string();
  EXPECT_EQ(error_of(load_music_genres, folder), folder + "/music_genre_gold.csv:3: expected 3 fields, got 2");
  dir.write("m/music_genre_gold.csv", "id,f1,class\na,1,rock\n");
  EXPECT_EQ(error_of(load_music_genres, folder), folder + "/music_genre_mturk.csv: cannot open file");
}

// ---- sentiment polarity (mturk-datasets.tar.gz, sentiment_polarity/) ----

TEST(SentimentPolarity, ReadsMechanicalTurkBatchColumns) {
  TempDir dir;
  dir.write("sp/polarity_gold_lsa_topics.csv", "id,t1,t2,t3,class\n11,0.1,0.2,0.3,pos\n12,1,2,3,neg\n");
  dir.write("sp/mturk_answers.csv",
            "HITId,WorkerId,WorkTimeInSeconds,Input.id,Answer.sent\n"
            "H1,W9,30,12,neg\n"
            "H1,W4,12,12,pos\n"
            "H2,W9,20,11,pos\n");
  const Dataset dataset = load_sentiment_polarity((dir.path() / "sp").string());
  EXPECT_EQ(dataset.class_names, (std::vector<std::string>{"neg", "pos"}));
  EXPECT_EQ(dataset.true_labels, (std::vector<int>{1, 0}));
  EXPECT_EQ(dataset.annotator_ids, (std::vector<std::string>{"W9", "W4"}));
  EXPECT_EQ(annotation_row(dataset, 0), (std::vector<int>{1, kMissing}));
  EXPECT_EQ(annotation_row(dataset, 1), (std::vector<int>{0, 1}));
  EXPECT_EQ(dataset.num_features(), 3u);
  EXPECT_FLOAT_EQ(dataset.features.at(1, 2), 3.0f);
}

TEST(SentimentPolarityBadInput, DuplicateWorkerAnswerNamesBothLines) {
  TempDir dir;
  dir.write("sp/polarity_gold_lsa_topics.csv", "id,t1,class\n11,0.1,pos\n12,1,neg\n");
  dir.write("sp/mturk_answers.csv", "WorkerId,Input.id,Answer.sent\nW1,11,pos\nW2,11,pos\nW1,11,neg\n");
  const std::string folder = (dir.path() / "sp").string();
  EXPECT_EQ(error_of(load_sentiment_polarity, folder),
            folder + "/mturk_answers.csv:4: annotator 'W1' labels item '11' a second time (first on line 2)");
}

// ---- LabelMe (deep_LabelMe.tar.gz, LabelMe/) ----

// Three images, four annotator columns of which the third never labels (the authors drop such columns).
void write_labelme_text(const TempDir& dir) {
  dir.write("LabelMe/answers.txt", "2 -1 -1 0\n-1 7 -1 -1\n2 2 -1 -1\n");
  dir.write("LabelMe/labels_train.txt", "2\n7\n0\n");
  dir.write("LabelMe/filenames_train.txt", "highway_a1.jpg\nopencountry_b2.jpg\ncoast_c3.jpg\n");
}

TEST(LabelMe, ReadsAnswersTruthClassNamesAndVggFeatures) {
  TempDir dir;
  write_labelme_text(dir);
  std::vector<float> vgg(3 * 2 * 2 * 1);
  for (std::size_t i = 0; i < vgg.size(); ++i) vgg[i] = static_cast<float>(i) / 4;
  dir.write("LabelMe/prepared/data_train_vgg16.npy", testing::npy_bytes<float>("<f4", {3, 2, 2, 1}, vgg));
  const Dataset dataset = load_labelme((dir.path() / "LabelMe").string());
  ASSERT_EQ(dataset.num_classes(), 8);
  EXPECT_EQ(dataset.class_names[0], "coast");
  EXPECT_EQ(dataset.class_names[2], "highway");
  EXPECT_EQ(dataset.class_names[7], "opencountry");
  EXPECT_EQ(dataset.class_names[4], "4");  // no training file names this class
  EXPECT_EQ(dataset.annotator_ids, (std::vector<std::string>{"0", "1", "3"}));
  EXPECT_EQ(annotation_row(dataset, 0), (std::vector<int>{2, kMissing, 0}));
  EXPECT_EQ(annotation_row(dataset, 1), (std::vector<int>{kMissing, 7, kMissing}));
  EXPECT_EQ(annotation_row(dataset, 2), (std::vector<int>{2, 2, kMissing}));
  EXPECT_EQ(dataset.true_labels, (std::vector<int>{2, 7, 0}));
  ASSERT_EQ(dataset.num_features(), 4u);  // 2 x 2 x 1 flattened
  EXPECT_EQ(dataset.features.values, vgg);
}

TEST(LabelMe, PreparedNpyFilesStandInForTheTextFiles) {
  TempDir dir;
  dir.write("LabelMe/prepared/answers.npy", testing::npy_bytes<std::int64_t>("<i8", {2, 2}, {1, -1, 1, 3}));
  dir.write("LabelMe/prepared/labels_train.npy", testing::npy_bytes<double>("<f8", {2}, {1, 3}));
  const Dataset dataset = load_labelme((dir.path() / "LabelMe").string());
  EXPECT_EQ(dataset.annotations.values, (std::vector<int>{1, kMissing, 1, 3}));
  EXPECT_EQ(dataset.true_labels, (std::vector<int>{1, 3}));
  EXPECT_EQ(dataset.class_names[1], "1");
  EXPECT_EQ(dataset.num_features(), 0u);
}

TEST(LabelMeBadInput, AnswerRowWithWrongFieldCount) {
  TempDir dir;
  write_labelme_text(dir);
  dir.write("LabelMe/answers.txt", "2 -1 -1 0\n-1 7 -1\n2 2 -1 -1\n");
  const std::string folder = (dir.path() / "LabelMe").string();
  EXPECT_EQ(error_of(load_labelme, folder), folder + "/answers.txt:2: expected 4 fields, got 3");
}

TEST(LabelMeBadInput, ClassIndexOutsideTheEightClasses) {
  TempDir dir;
  write_labelme_text(dir);
  dir.write("LabelMe/answers.txt", "2 -1 -1 0\n-1 7 -1 -1\n2 9 -1 -1\n");
  const std::string folder = (dir.path() / "LabelMe").string();
  EXPECT_EQ(error_of(load_labelme, folder), folder + "/answers.txt:3: field 'column 2': class index 9 outside 0..7");
}

TEST(LabelMeBadInput, TruthCountDiffersFromAnswers) {
  TempDir dir;
  write_labelme_text(dir);
  dir.write("LabelMe/labels_train.txt", "2\n7\n");
  const std::string folder = (dir.path() / "LabelMe").string();
  EXPECT_EQ(error_of(load_labelme, folder),
            folder + "/labels_train.txt: has 2 labels for the 3 rows of " + folder + "/answers.txt");
}

TEST(LabelMeBadInput, FileNamesGivingOneClassTwoNames) {
  TempDir dir;
  write_labelme_text(dir);
  dir.write("LabelMe/labels_train.txt", "2\n2\n0\n");
  const std::string folder = (dir.path() / "LabelMe").string();
  EXPECT_EQ(error_of(load_labelme, folder),
            folder + "/filenames_train.txt:2: file of class 2 is named \"opencountry\", but line 1 calls that class "
                     "\"highway\"");
}

TEST(LabelMeBadInput, BadVggFeatureHeader) {
  TempDir dir;
  write_labelme_text(dir);
  dir.write("LabelMe/prepared/data_train_vgg16.npy", testing::npy_bytes<float>("<f2", {3, 1}, {1, 2, 3}));
  const std::string folder = (dir.path() / "LabelMe").string();
  EXPECT_EQ(error_of(load_labelme, folder),
            folder + "/prepared/data_train_vgg16.npy: field 'npy header': dtype '<f2' is not supported (use '<f4', "
                     "'<f8', '<i4' or '<i8')");
}

// ---- CIFAR-10N / CIFAR-100N (github.com/UCSC-REAL/cifar-10-100n) ----

const char* const kCifar10nLabels =
    "clean_label,worse_label,aggre_label,random_label1,random_label2,random_label3\n"
    "6,4,6,6,4,6\n"
    "9,9,9,9,9,9\n"
    "9,0,9,9,9,0\n"
    "4,5,4,4,5,4\n";

TEST(Cifar10N, BatchWorkersGetTheirRandomLabelColumn) {
  TempDir dir;
  dir.write("cifar-10n/side_info_cifar10N.csv",
            "Image-batch,Worker1-id,Work-time-in-seconds-1,Worker2-id,Work-time-in-seconds-2,Worker3-id,"
            "Work-time-in-seconds-3\n"
            "0--1,12,25,3,40,7,21\n"
            "2--3,3,46,40,27,5,92\n");
  dir.write("cifar-10n/data/CIFAR-10_human.csv", kCifar10nLabels);  // upstream keeps it in data/
  dir.write("cifar-10n/features.csv", "item,e1\n3,0.3\n0,0\n1,0.1\n2,0.2\n");
  const Dataset dataset = load_cifar10n((dir.path() / "cifar-10n").string());
  EXPECT_EQ(dataset.class_names, cifar10_class_names());
  EXPECT_EQ(dataset.true_labels, (std::vector<int>{6, 9, 9, 4}));
  // Worker ids in numeric order: 3, 5, 7, 12, 40.
  EXPECT_EQ(dataset.annotator_ids, (std::vector<std::string>{"3", "5", "7", "12", "40"}));
  // Image 0: worker 12 (random_label1) 6, worker 3 (random_label2) 4, worker 7 (random_label3) 6.
  EXPECT_EQ(annotation_row(dataset, 0), (std::vector<int>{4, kMissing, 6, 6, kMissing}));
  EXPECT_EQ(annotation_row(dataset, 1), (std::vector<int>{9, kMissing, 9, 9, kMissing}));
  // Image 2: worker 3 (random_label1) 9, worker 40 (random_label2) 9, worker 5 (random_label3) 0.
  EXPECT_EQ(annotation_row(dataset, 2), (std::vector<int>{9, 0, kMissing, kMissing, 9}));
  EXPECT_EQ(annotation_row(dataset, 3), (std::vector<int>{4, 4, kMissing, kMissing, 5}));
  EXPECT_EQ(dataset.features.values, (std::vector<float>{0, 0.1f, 0.2f, 0.3f}));
}

TEST(Cifar10NBadInput, OverlappingBatchesLabelAnImageTwice) {
  TempDir dir;
  dir.write("c/side_info_cifar10N.csv", "Image-batch,Worker1-id,Worker2-id,Worker3-id\n0--1,12,3,7\n1--2,3,40,5\n");
  dir.write("c/CIFAR-10_human.csv", kCifar10nLabels);
  const std::string folder = (dir.path() / "c").string();
  EXPECT_EQ(error_of(load_cifar10n, folder),
            folder + "/side_info_cifar10N.csv:3: annotator '3' labels item '1' a second time (first on line 2)");
}

TEST(Cifar10NBadInput, BatchBeyondTheLabelledImages) {
  TempDir dir;
  dir.write("c/side_info_cifar10N.csv", "Image-batch,Worker1-id,Worker2-id,Worker3-id\n0--1,12,3,7\n2--9,3,40,5\n");
  dir.write("c/CIFAR-10_human.csv", kCifar10nLabels);
  const std::string folder = (dir.path() / "c").string();
  EXPECT_EQ(error_of(load_cifar10n, folder),
            folder + "/side_info_cifar10N.csv:3: field 'Image-batch': image range \"2--9\" goes beyond the 4 images of " +
                folder + "/CIFAR-10_human.csv");
}

TEST(Cifar10NBadInput, LabelOutsideTheTenClassesAndMissingLabelFile) {
  TempDir dir;
  dir.write("c/side_info_cifar10N.csv", "Image-batch,Worker1-id,Worker2-id,Worker3-id\n0--1,12,3,7\n");
  const std::string folder = (dir.path() / "c").string();
  EXPECT_EQ(error_of(load_cifar10n, folder), folder + "/CIFAR-10_human.csv: cannot open file");
  dir.write("c/CIFAR-10_human.csv", "clean_label,random_label1,random_label2,random_label3\n1,1,1,1\n2,2,10,2\n");
  EXPECT_EQ(error_of(load_cifar10n, folder),
            folder + "/CIFAR-10_human.csv:3: field 'random_label2': class index 10 outside 0..9");
}

TEST(Cifar100N, OneWorkerPerBatchOfFive) {
  TempDir dir;
  dir.write("c100/side_info_cifar100N.csv", "Image-batch,Worker-id,Work-time-in-seconds\n0--4,514,113\n5--9,0,41\n");
  std::string labels = "clean_label,noisy_label\n";
  const int clean[10] = {19, 29, 0, 11, 1, 86, 90, 28, 23, 31};
  const int noisy[10] = {19, 29, 0, 11, 1, 86, 90, 28, 23, 99};
  for (int i = 0; i < 10; ++i) labels += std::to_string(clean[i]) + "," + std::to_string(noisy[i]) + "\n";
  dir.write("c100/CIFAR-100_human.csv", labels);
  const Dataset dataset = load_cifar100n((dir.path() / "c100").string());
  ASSERT_EQ(dataset.num_classes(), 100);
  EXPECT_EQ(dataset.class_names[0], "apple");
  EXPECT_EQ(dataset.class_names[19], "cattle");
  EXPECT_EQ(dataset.class_names[99], "worm");
  EXPECT_EQ(dataset.annotator_ids, (std::vector<std::string>{"0", "514"}));
  for (std::size_t i = 0; i < 10; ++i) {
    EXPECT_EQ(dataset.true_labels[i], clean[i]);
    const std::vector<int> expected = i < 5 ? std::vector<int>{kMissing, noisy[i]} : std::vector<int>{noisy[i], kMissing};
    EXPECT_EQ(annotation_row(dataset, i), expected) << "image " << i;
  }
}

// ---- CIFAR-10H (github.com/jcpeterson/cifar-10h, cifar10h-raw.csv) ----

const char* const kCifar10hHeader =
    "annotator_id,trial_index,is_attn_check,true_category,chosen_category,true_label,chosen_label,correct_guess,"
    "cifar10_test_test_idx,image_filename,subcategory,reaction_time,time_elapsed\n";

TEST(Cifar10H, SkipsAttentionChecksAndIndexesByTestImage) {
  TempDir dir;
  dir.write("cifar-10h/cifar10h-raw.csv",
            std::string(kCifar10hHeader) +
                "0,0,1,cat,cat,3,3,1,-99999,x.png,,900,900\n"
                "0,1,0,ship,ship,8,8,1,2,s.png,,800,1700\n"
                "0,2,0,cat,dog,3,5,0,0,c.png,,700,2400\n"
                "10,0,0,cat,cat,3,3,1,0,c.png,,500,500\n"
                "2,0,0,frog,frog,6,6,1,1,f.png,,600,600\n"
                "2,1,0,ship,airplane,8,0,0,2,s.png,,650,1250\n");
  dir.write("cifar-10h/features.npy", testing::npy_bytes<float>("<f4", {3, 2}, {0, 1, 10, 11, 20, 21}));
  const Dataset dataset = load_cifar10h((dir.path() / "cifar-10h").string());
  EXPECT_EQ(dataset.class_names, cifar10_class_names());
  EXPECT_EQ(dataset.annotator_ids, (std::vector<std::string>{"0", "2", "10"}));
  ASSERT_EQ(dataset.num_instances(), 3u);
  EXPECT_EQ(dataset.true_labels, (std::vector<int>{3, 6, 8}));
  EXPECT_EQ(annotation_row(dataset, 0), (std::vector<int>{5, kMissing, 3}));
  EXPECT_EQ(annotation_row(dataset, 1), (std::vector<int>{kMissing, 6, kMissing}));
  EXPECT_EQ(annotation_row(dataset, 2), (std::vector<int>{8, 0, kMissing}));
  EXPECT_EQ(dataset.features.values, (std::vector<float>{0, 1, 10, 11, 20, 21}));
}

TEST(Cifar10HBadInput, ChosenLabelOutsideTheClasses) {
  TempDir dir;
  dir.write("h/cifar10h-raw.csv", std::string(kCifar10hHeader) +
                                      "0,1,0,ship,ship,8,8,1,0,s.png,,800,1700\n"
                                      "1,1,0,ship,ship,8,12,1,0,s.png,,800,1700\n");
  const std::string folder = (dir.path() / "h").string();
  EXPECT_EQ(error_of(load_cifar10h, folder),
            folder + "/cifar10h-raw.csv:3: field 'chosen_label': class index 12 outside 0..9");
}

TEST(Cifar10HBadInput, ContradictoryTrueLabelsNameBothLines) {
  TempDir dir;
  dir.write("h/cifar10h-raw.csv", std::string(kCifar10hHeader) +
                                      "0,1,0,ship,ship,8,8,1,0,s.png,,800,1700\n"
                                      "1,1,0,cat,ship,3,8,0,0,s.png,,800,1700\n");
  const std::string folder = (dir.path() / "h").string();
  EXPECT_EQ(error_of(load_cifar10h, folder),
            folder + "/cifar10h-raw.csv:3: field 'true_label': item '0' already has a different true label (line 2)");
}

// ---- registry ----

TEST(PaperDatasets, AreRegisteredUnderTheirDirectoryNames) {
  std::vector<std::pair<std::string, std::string>> expected = {
      {"music-genres", "crowd/music_genre|music_genre_classification"}, {"labelme", "crowd/labelme|LabelMe"},
      {"cifar-10n", "cifar-10n"},
      {"cifar-100n", "cifar-100n"},                   {"cifar-10h", "cifar-10h"},
      {"sentiment-polarity", "sentiment_polarity"}};
  for (const auto& [name, directory] : expected) {
    bool found = false;
    for (const DatasetInfo& info : registered_datasets()) {
      if (info.name == name) {
        found = true;
        EXPECT_EQ(info.file, directory) << name;
      }
    }
    EXPECT_TRUE(found) << name;
  }
}

TEST(PaperDatasets, LoadDatasetFindsTheDirectoryInTheDataDir) {
  TempDir dir;
  write_labelme_text(dir);
  const Dataset dataset = load_dataset("labelme", dir.path().string());
  EXPECT_EQ(dataset.num_instances(), 3u);
  EXPECT_EQ(dataset.num_annotators(), 3u);
}

}  // namespace
}  // namespace annotbench
