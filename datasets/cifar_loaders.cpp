// CIFAR-10N / CIFAR-100N (Wei et al. 2022) and CIFAR-10H (Peterson et al. 2019): crowd labels for the
// CIFAR images, in the layouts of github.com/UCSC-REAL/cifar-10-100n and github.com/jcpeterson/cifar-10h
// (as the annot-mix authors read them: maml/data/_cifar_10_n.py, _cifar_100_n.py, _cifar_10_h.py). The
// images are not read; features come from an optional features.npy / features.csv in the directory.

#include <algorithm>
#include <filesystem>

#include "datasets/crowd_labels.h"
#include "datasets/crowd_tables.h"
#include "datasets/csv_reader.h"
#include "datasets/input_error.h"
#include "datasets/paper_loaders.h"

namespace annotbench {

namespace {

std::string file_in(const std::string& dir, const std::string& name) {
  return (std::filesystem::path(dir) / name).string();
}

// The label CSV converted from CIFAR-*_human.pt: in the directory itself or in data/ as in the
// upstream repository.
std::string human_labels_path(const std::string& dir, const std::string& file) {
  const std::string beside = file_in(dir, file);
  const std::string in_data = file_in(dir, "data/" + file);
  std::error_code ignored;
  if (!std::filesystem::exists(beside, ignored) && std::filesystem::exists(in_data, ignored)) return in_data;
  return beside;
}

// Columns of the label CSV by key, every value checked to be a class index, with its line.
struct HumanLabels {
  std::string path;
  std::vector<std::vector<int>> columns;  // in the order asked for
  std::vector<std::size_t> lines;
  std::size_t size() const { return lines.size(); }
};

HumanLabels read_human_labels(const std::string& path, const std::vector<std::vector<std::string>>& keys,
                              int num_classes) {
  CsvReader reader(path);
  std::vector<std::string> header;
  if (!reader.next(header)) throw InputError(path, 0, "", "file is empty");
  std::vector<std::size_t> columns;
  for (const std::vector<std::string>& names : keys) columns.push_back(find_column(header, names, path, reader.line()));
  HumanLabels labels;
  labels.path = path;
  labels.columns.resize(keys.size());
  std::vector<std::string> row;
  while (reader.next(row)) {
    check_field_count(row, header.size(), path, reader.line());
    for (std::size_t k = 0; k < columns.size(); ++k) {
      const std::string& field = header[columns[k]];
      const long long label = parse_int_field(row[columns[k]], path, reader.line(), field);
      if (label < 0 || label >= num_classes)
        throw InputError(path, reader.line(), field,
                         "class index " + row[columns[k]] + " outside 0.." + std::to_string(num_classes - 1));
      labels.columns[k].push_back(static_cast<int>(label));
    }
    labels.lines.push_back(reader.line());
  }
  if (labels.lines.empty()) throw InputError(path, 0, "", "no data rows");
  return labels;
}

// "0--9": the images a worker batch covered, checked against the number of images.
std::pair<std::size_t, std::size_t> image_range(const std::string& text, const std::string& path, std::size_t line,
                                                const std::string& field, std::size_t num_images,
                                                const std::string& labels_path) {
  const std::size_t dash = text.find("--");
  if (dash == std::string::npos)
    throw InputError(path, line, field, "expected an image range FIRST--LAST, got \"" + text + "\"");
  const long long first = parse_int_field(text.substr(0, dash), path, line, field);
  const long long last = parse_int_field(text.substr(dash + 2), path, line, field);
  if (first < 0 || last < first)
    throw InputError(path, line, field, "image range \"" + text + "\" is empty or negative");
  if (static_cast<std::size_t>(last) >= num_images)
    throw InputError(path, line, field,
                     "image range \"" + text + "\" goes beyond the " + std::to_string(num_images) + " images of " +
                         labels_path);
  return {static_cast<std::size_t>(first), static_cast<std::size_t>(last)};
}

// CIFAR-N: each row of the side information names the worker(s) of a batch of images; worker k's
// labels are column k of the human labels. `worker_columns[k]` and `label_keys[k]` go together.
Dataset load_cifar_n(const std::string& dir, const std::string& side_info_file, const std::string& labels_file,
                     const std::vector<std::vector<std::string>>& worker_columns,
                     const std::vector<std::vector<std::string>>& label_keys,
                     const std::vector<std::string>& class_names, const std::string& name) {
  const std::string labels_path = human_labels_path(dir, labels_file);
  std::vector<std::vector<std::string>> keys = label_keys;
  keys.push_back({"clean_label"});
  const HumanLabels human = read_human_labels(labels_path, keys, static_cast<int>(class_names.size()));
  const std::vector<int>& clean = human.columns.back();

  const std::string side_path = file_in(dir, side_info_file);
  struct Batch {
    std::size_t first, last, line;
    std::vector<std::string> workers;
  };
  std::vector<Batch> batches;
  std::vector<std::string> workers_seen;
  {
    CsvReader reader(side_path);
    std::vector<std::string> header;
    if (!reader.next(header)) throw InputError(side_path, 0, "", "file is empty");
    const std::size_t batch_column = find_column(header, {"Image-batch"}, side_path, reader.line());
    std::vector<std::size_t> columns;
    for (const std::vector<std::string>& names : worker_columns)
      columns.push_back(find_column(header, names, side_path, reader.line()));
    std::vector<std::string> row;
    while (reader.next(row)) {
      check_field_count(row, header.size(), side_path, reader.line());
      const auto [first, last] =
          image_range(row[batch_column], side_path, reader.line(), header[batch_column], human.size(), labels_path);
      Batch batch{first, last, reader.line(), {}};
      for (std::size_t column : columns) {
        if (row[column].empty()) throw InputError(side_path, reader.line(), header[column], "missing worker id");
        batch.workers.push_back(row[column]);
        workers_seen.push_back(row[column]);
      }
      batches.push_back(std::move(batch));
    }
  }

  CrowdLabelCollector labels(class_names, LabelText::index);
  // Annotator m is the m-th worker id in numeric order: the authors index their columns by worker id.
  for (const std::string& worker : sorted_label_names(workers_seen)) labels.add_annotator(worker);
  for (std::size_t i = 0; i < human.size(); ++i) {
    labels.add_item(std::to_string(i), {labels_path, human.lines[i], ""});
    labels.set_truth(std::to_string(i), std::to_string(clean[i]), {labels_path, human.lines[i], "clean_label"});
  }
  for (const Batch& batch : batches) {
    for (std::size_t k = 0; k < batch.workers.size(); ++k) {
      for (std::size_t image = batch.first; image <= batch.last; ++image) {
        labels.add_label(std::to_string(image), batch.workers[k], std::to_string(human.columns[k][image]),
                         {side_path, batch.line, worker_columns[k].front()});
      }
    }
  }
  Dataset dataset = labels.finish(name, side_path, labels_path);
  attach_optional_features(dataset, labels.item_ids(), dir);
  dataset.validate();
  return dataset;
}

}  // namespace

const std::vector<std::string>& cifar10_class_names() {
  static const std::vector<std::string> names = {"airplane", "automobile", "bird",  "cat",  "deer",
                                                 "dog",      "frog",       "horse", "ship", "truck"};
  return names;
}

const std::vector<std::string>& cifar100_class_names() {
  // CIFAR-100's fine labels, in the order of its meta file (alphabetical).
  static const std::vector<std::string> names = {
      "apple",       "aquarium_fish", "baby",         "bear",       "beaver",    "bed",         "bee",
      "beetle",      "bicycle",       "bottle",       "bowl",       "boy",       "bridge",      "bus",
      "butterfly",   "camel",         "can",          "castle",     "caterpillar", "cattle",    "chair",
      "chimpanzee",  "clock",         "cloud",        "cockroach",  "couch",     "crab",        "crocodile",
      "cup",         "dinosaur",      "dolphin",      "elephant",   "flatfish",  "forest",      "fox",
      "girl",        "hamster",       "house",        "kangaroo",   "keyboard",  "lamp",        "lawn_mower",
      "leopard",     "lion",          "lizard",       "lobster",    "man",       "maple_tree",  "motorcycle",
      "mountain",    "mouse",         "mushroom",     "oak_tree",   "orange",    "orchid",      "otter",
      "palm_tree",   "pear",          "pickup_truck", "pine_tree",  "plain",     "plate",       "poppy",
      "porcupine",   "possum",        "rabbit",       "raccoon",    "ray",       "road",        "rocket",
      "rose",        "sea",           "seal",         "shark",      "shrew",     "skunk",       "skyscraper",
      "snail",       "snake",         "spider",       "squirrel",   "streetcar", "sunflower",   "sweet_pepper",
      "table",       "tank",          "telephone",    "television", "tiger",     "tractor",     "train",
      "trout",       "tulip",         "turtle",       "wardrobe",   "whale",     "willow_tree", "wolf",
      "woman",       "worm"};
  return names;
}

Dataset load_cifar10n(const std::string& dir) {
  return load_cifar_n(dir, "side_info_cifar10N.csv", "CIFAR-10_human.csv",
                      {{"Worker1-id"}, {"Worker2-id"}, {"Worker3-id"}},
                      {{"random_label1"}, {"random_label2"}, {"random_label3"}}, cifar10_class_names(), "cifar-10n");
}

Dataset load_cifar100n(const std::string& dir) {
  // The .pt names the key noisy_label, the README's .npy example noise_label.
  return load_cifar_n(dir, "side_info_cifar100N.csv", "CIFAR-100_human.csv", {{"Worker-id"}},
                      {{"noisy_label", "noise_label"}}, cifar100_class_names(), "cifar-100n");
}

Dataset load_cifar10h(const std::string& dir) {
  const std::string path = file_in(dir, "cifar10h-raw.csv");
  CsvReader reader(path);
  std::vector<std::string> header;
  if (!reader.next(header)) throw InputError(path, 0, "", "file is empty");
  const std::size_t header_line = reader.line();
  const std::size_t annotator = find_column(header, {"annotator_id"}, path, header_line);
  const std::size_t chosen = find_column(header, {"chosen_label"}, path, header_line);
  // The file's column is cifar10_test_test_idx; the repository README calls it cifar10_test_set_idx.
  const std::size_t image = find_column(header, {"cifar10_test_test_idx", "cifar10_test_set_idx"}, path, header_line);
  const auto optional_column = [&](const std::string& name) {
    const auto found = std::find(header.begin(), header.end(), name);
    return found == header.end() ? header.size() : static_cast<std::size_t>(found - header.begin());
  };
  const std::size_t attention_check = optional_column("is_attn_check");
  const std::size_t truth = optional_column("true_label");

  // Instances are the test-set indices in order, so rows are kept until the largest index is known.
  struct Trial {
    std::size_t image;
    std::string annotator, chosen, truth;
    std::size_t line;
  };
  std::vector<Trial> trials;
  std::vector<std::string> annotators_seen;
  std::size_t num_images = 0;
  std::vector<std::string> row;
  while (reader.next(row)) {
    check_field_count(row, header.size(), path, reader.line());
    if (attention_check < header.size() && row[attention_check] == "1") continue;
    const long long index = parse_int_field(row[image], path, reader.line(), header[image]);
    if (index == -99999) continue;  // the file's marker of an attention check
    if (index < 0) throw InputError(path, reader.line(), header[image], "negative image index " + row[image]);
    trials.push_back({static_cast<std::size_t>(index), row[annotator], row[chosen],
                      truth < header.size() ? row[truth] : std::string(), reader.line()});
    annotators_seen.push_back(row[annotator]);
    num_images = std::max(num_images, static_cast<std::size_t>(index) + 1);
  }
  if (trials.empty()) throw InputError(path, 0, "", "no labelled trials in the file");

  CrowdLabelCollector labels(cifar10_class_names(), LabelText::index);
  // Annotator m is annotator_id m (ids start at 0), as in the authors' loader.
  for (const std::string& id : sorted_label_names(annotators_seen)) labels.add_annotator(id);
  for (std::size_t i = 0; i < num_images; ++i) labels.add_item(std::to_string(i), {path, 0, ""});
  for (const Trial& trial : trials) {
    const std::string item = std::to_string(trial.image);
    labels.add_label(item, trial.annotator, trial.chosen, {path, trial.line, "chosen_label"});
    if (truth < header.size()) labels.set_truth(item, trial.truth, {path, trial.line, "true_label"});
  }
  Dataset dataset = labels.finish("cifar-10h", path, path);
  attach_optional_features(dataset, labels.item_ids(), dir);
  dataset.validate();
  return dataset;
}

}  // namespace annotbench
