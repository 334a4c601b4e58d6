#pragma once
// Loaders for the real multi-annotator sets of the annot-mix paper, reading the files in the layout
// their authors publish. Each takes the directory the published archive was unpacked into (the names
// registered in paper_datasets.cpp). Features come from the published feature tables where the
// authors ship them, else from an optional features.npy / features.csv that the user puts in the
// directory (e.g. image embeddings); without one the set has D = 0 features.

#include <string>
#include <vector>

#include "datasets/dataset.h"

namespace annotbench {

// Rodrigues, Pereira & Ribeiro 2013, mturk-datasets.tar.gz, folder music_genre_classification/:
// music_genre_gold.csv (id, audio features..., class) and music_genre_mturk.csv (id, annotator, class).
Dataset load_music_genres(const std::string& dir);

// The held-out songs of ../shared/data/crowd/music_genre/music_genre_test.csv, when that file is in
// `dir`: appended without annotations, 100 for validation and 200 for testing (held_out_loaders.cpp).
// With derived_reference_split.csv in `dir`, its parts (the reference's split); else the suite's own.
void add_music_genre_held_out_songs(Dataset& dataset, const std::string& dir);

// The parts of `ids` (the songs of `ids_path`, in order) that a split file `id,part` (part: valid or
// test) gives, matched by id. An id the file names but `ids` lacks, an id of `ids` without a part,
// a repeated id or another part are InputErrors naming the file, line and field.
std::vector<SplitPart> read_reference_split(const std::string& path, const std::vector<std::string>& ids,
                                            const std::string& ids_path);

// LabelMe as PyLearningCrowds releases it (../shared/data/crowd/labelme): answers.txt, 512-d average-
// pooled VGG16 features LabelMe_VGG_avg_{train,valid,test}.npy, classes LabelMe_Z_{train,valid,test}.txt,
// with that train/valid/test split. load_labelme reads this layout when its files are there.
Dataset load_labelme_avg_features(const std::string& dir);

// Same archive, folder sentiment_polarity/: polarity_gold_lsa_topics.csv (id, LSA topics..., class) and
// mturk_answers.csv (Amazon Mechanical Turk batch results: WorkerId, Input.id, Answer.sent, ...).
Dataset load_sentiment_polarity(const std::string& dir);

// Rodrigues & Pereira 2018 (Deep learning from crowds), deep_LabelMe.tar.gz, folder LabelMe/:
// answers.txt (N x 59 class indices separated by spaces, -1 = not labelled), labels_train.txt (true
// class per line), filenames_train.txt (class name before the first '_'), and the VGG16 features
// prepared/data_train_vgg16.npy (N x 4 x 4 x 512). prepared/answers.npy and prepared/labels_train.npy
// are read where the text files are absent.
Dataset load_labelme(const std::string& dir);

// Wei et al. 2022 (CIFAR-N), github.com/UCSC-REAL/cifar-10-100n: side_info_cifar10N.csv (Image-batch,
// Worker1-id, ..., Worker3-id) and the labels of CIFAR-10_human.pt. That .pt (and the CIFAR-10_human.npy
// twin) is a pickled dict that only Python can open, so the labels are read from CIFAR-10_human.csv
// (in the directory or in data/): its columns are the dict's keys (clean_label, random_label1..3, ...),
// one row per training image, as written by
//   python3 -c "import torch, pandas; pandas.DataFrame(torch.load('CIFAR-10_human.pt')).to_csv('CIFAR-10_human.csv', index=False)"
Dataset load_cifar10n(const std::string& dir);

// CIFAR-100N: side_info_cifar100N.csv (Image-batch, Worker-id) and CIFAR-100_human.csv from
// CIFAR-100_human.pt the same way (clean_label, noisy_label).
Dataset load_cifar100n(const std::string& dir);

// Peterson et al. 2019, github.com/jcpeterson/cifar-10h: cifar10h-raw.csv from data/cifar10h-raw.zip
// (annotator_id, is_attn_check, chosen_label, true_label, cifar10_test_test_idx, ...); attention checks
// (is_attn_check = 1, index -99999) are skipped.
Dataset load_cifar10h(const std::string& dir);

// The published class orders (CIFAR's batches.meta / meta files).
const std::vector<std::string>& cifar10_class_names();
const std::vector<std::string>& cifar100_class_names();

}  // namespace annotbench
