// The crowd sets of Filipe Rodrigues (fprodrigues.com): MUSIC genres and sentiment polarity
// (mturk-datasets.tar.gz) and LabelMe (deep_LabelMe.tar.gz). File names and columns follow the
// published archives, as the annot-mix authors' loaders read them (maml/data/_music_genres.py,
// _sentiment_polarity.py, _label_me.py).

#include <filesystem>
#include <map>
#include <sstream>

#include "datasets/crowd_labels.h"
#include "datasets/crowd_tables.h"
#include "datasets/csv_reader.h"
#include "datasets/input_error.h"
#include "datasets/line_reader.h"
#include "datasets/npy_reader.h"
#include "datasets/paper_loaders.h"

namespace annotbench {

namespace {

std::string file_in(const std::string& dir, const std::string& name) {
  return (std::filesystem::path(dir) / name).string();
}

bool exists(const std::string& path) {
  std::error_code ignored;
  return std::filesystem::exists(path, ignored);
}

// A gold table (id, features..., class) fixes the instances, their order, features and truth; the
// crowd file then labels them.
Dataset load_gold_and_crowd(const std::string& gold_path, const std::string& crowd_path, const LongColumns& crowd_columns,
                            const std::vector<std::string>& class_names, const std::string& name) {
  const ItemTable gold = read_item_table(gold_path, {"id"}, {"class"}, true);
  CrowdLabelCollector labels(class_names, LabelText::name);
  for (std::size_t r = 0; r < gold.ids.size(); ++r) {
    labels.add_item(gold.ids[r], {gold_path, gold.lines[r], "id"});
    labels.set_truth(gold.ids[r], gold.labels[r], {gold_path, gold.lines[r], "class"});
  }
  labels.close_items(gold_path);
  read_long_labels(crowd_path, crowd_columns, labels);
  Dataset dataset = labels.finish(name, crowd_path, gold_path);
  dataset.features = gold.features;  // the gold rows are the instances, in the same order
  dataset.validate();
  return dataset;
}

// The same from a 1-D or 2-D .npy array; "lines" are 1-based rows (npy has no lines, the message says so).
NumberRows read_number_rows_npy(const std::string& path) {
  const NpyIntArray array = read_npy_ints(path);
  if (array.shape.empty() || array.shape.size() > 2)
    throw InputError(path, 0, "shape", "expected a 1-D or 2-D array, got " + std::to_string(array.shape.size()) + " axes");
  const std::size_t cols = array.shape.size() == 2 ? array.shape[1] : 1;
  NumberRows table;
  for (std::size_t r = 0; r < array.shape[0]; ++r) {
    table.rows.emplace_back(array.values.begin() + static_cast<std::ptrdiff_t>(r * cols),
                            array.values.begin() + static_cast<std::ptrdiff_t>((r + 1) * cols));
    table.lines.push_back(0);
  }
  return table;
}

constexpr int kLabelMeClasses = 8;

// The class names of LabelMe's indices, read off the training file names ("coast_art1130.jpg" is in
// train/coast/); indices whose name cannot be read stay numbers.
std::vector<std::string> labelme_class_names(const std::string& filenames_path, const NumberRows& truth,
                                             const std::string& truth_path) {
  std::vector<std::string> names(kLabelMeClasses);
  for (int c = 0; c < kLabelMeClasses; ++c) names[static_cast<std::size_t>(c)] = std::to_string(c);
  if (!exists(filenames_path) || truth.rows.empty()) return names;
  std::vector<std::size_t> named_on_line(kLabelMeClasses, 0);
  TextLineReader reader(filenames_path);
  TextLine text_line;
  std::size_t row = 0;
  while (reader.next(text_line)) {
    const std::size_t line = text_line.number;
    const std::string& filename = text_line.text;
    if (row >= truth.rows.size())
      throw InputError(filenames_path, line, "", "more file names than the " + std::to_string(truth.rows.size()) +
                                                     " labels of " + truth_path);
    const long long label = truth.rows[row++].front();
    if (label < 0 || label >= kLabelMeClasses) continue;  // reported with its line when the truth is read
    const std::string name = filename.substr(0, filename.find('_'));
    const auto c = static_cast<std::size_t>(label);
    if (named_on_line[c] != 0 && names[c] != name)
      throw InputError(filenames_path, line, "",
                       "file of class " + std::to_string(label) + " is named \"" + name + "\", but line " +
                           std::to_string(named_on_line[c]) + " calls that class \"" + names[c] + "\"");
    names[c] = name;
    if (named_on_line[c] == 0) named_on_line[c] = line;
  }
  return names;
}

}  // namespace

Dataset load_music_genres(const std::string& dir) {
  // The ten GTZAN genres, the class list of the authors' loader.
  const std::vector<std::string> genres = {"blues", "classical", "country", "disco", "hiphop",
                                           "jazz",  "metal",     "pop",     "reggae", "rock"};
  Dataset dataset = load_gold_and_crowd(file_in(dir, "music_genre_gold.csv"), file_in(dir, "music_genre_mturk.csv"),
                                        {{"id"}, {"annotator"}, {"class"}}, genres, "music-genres");
  add_music_genre_held_out_songs(dataset, dir);
  dataset.validate();
  return dataset;
}

Dataset load_sentiment_polarity(const std::string& dir) {
  // Mechanical Turk names its columns WorkerId, Input.<field>, Answer.<field>.
  return load_gold_and_crowd(file_in(dir, "polarity_gold_lsa_topics.csv"), file_in(dir, "mturk_answers.csv"),
                             {{"Input.id"}, {"WorkerId", "WorkerID"}, {"Answer.sent"}}, {"neg", "pos"},
                             "sentiment-polarity");
}

Dataset load_labelme(const std::string& dir) {
  if (exists(file_in(dir, "LabelMe_VGG_avg_train.npy"))) return load_labelme_avg_features(dir);
  const std::string answers_txt = file_in(dir, "answers.txt");
  const std::string answers_npy = file_in(dir, "prepared/answers.npy");
  const std::string answers_path = exists(answers_txt) || !exists(answers_npy) ? answers_txt : answers_npy;
  const NumberRows answers = answers_path == answers_txt ? read_number_rows(answers_txt) : read_number_rows_npy(answers_npy);

  const std::string truth_txt = file_in(dir, "labels_train.txt");
  const std::string truth_npy = file_in(dir, "prepared/labels_train.npy");
  std::string truth_path;
  NumberRows truth;
  if (exists(truth_txt)) {
    truth_path = truth_txt;
    truth = read_number_rows(truth_txt);
  } else if (exists(truth_npy)) {
    truth_path = truth_npy;
    truth = read_number_rows_npy(truth_npy);
  }
  if (!truth_path.empty() && truth.rows.front().size() != 1)
    throw InputError(truth_path, truth.lines.front(), "", "expected one label per line, got " +
                                                              std::to_string(truth.rows.front().size()) + " fields");
  if (!truth_path.empty() && truth.rows.size() != answers.rows.size())
    throw InputError(truth_path, 0, "",
                     "has " + std::to_string(truth.rows.size()) + " labels for the " + std::to_string(answers.rows.size()) +
                         " rows of " + answers_path);

  CrowdLabelCollector labels(labelme_class_names(file_in(dir, "filenames_train.txt"), truth, truth_path), LabelText::index);
  // The authors' loader keeps only the columns with at least one label; ids are the 0-based columns.
  const std::size_t columns = answers.rows.front().size();
  std::vector<bool> column_has_labels(columns, false);
  for (const std::vector<long long>& row : answers.rows) {
    for (std::size_t m = 0; m < columns; ++m) column_has_labels[m] = column_has_labels[m] || row[m] != kMissingLabel;
  }
  for (std::size_t m = 0; m < columns; ++m) {
    if (column_has_labels[m]) labels.add_annotator(std::to_string(m));
  }
  for (std::size_t r = 0; r < answers.rows.size(); ++r) {
    const std::string item = std::to_string(r);
    labels.add_item(item, {answers_path, answers.lines[r], ""});
    for (std::size_t m = 0; m < columns; ++m) {
      const long long label = answers.rows[r][m];
      if (label == kMissingLabel) continue;
      labels.add_label(item, std::to_string(m), std::to_string(label),
                       {answers_path, answers.lines[r], "column " + std::to_string(m + 1)});
    }
    if (!truth_path.empty())
      labels.set_truth(item, std::to_string(truth.rows[r].front()), {truth_path, truth.lines[r], "label"});
  }
  Dataset dataset = labels.finish("labelme", answers_path, truth_path);
  for (const char* features : {"prepared/data_train_vgg16.npy", "data_train_vgg16.npy"}) {
    if (exists(file_in(dir, features))) {
      attach_npy_features(dataset, file_in(dir, features));
      break;
    }
  }
  dataset.validate();
  return dataset;
}

}  // namespace annotbench
