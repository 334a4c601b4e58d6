#include "harness/protocols/active/active_learning.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "datasets/input_error.h"
#include "datasets/line_reader.h"
#include "datasets/random.h"
#include "harness/store/locked_append_file.h"
#include "methods/acquisition/acquisition.h"
#include "methods/acquisition/folds.h"
#include "methods/acquisition/scores.h"
#include "reports/metrics.h"

namespace annotbench {

ActiveSettings default_active_settings(const std::string& dataset, std::size_t pool_size) {
  struct Budget {
    const char* dataset;
    std::size_t seed_size, round_budget;
  };
  // Spec §6.1: 20 rounds everywhere.
  static const Budget budgets[] = {{"letter", 100, 100}, {"satellite", 50, 25}, {"dna", 30, 30},
                                   {"digits", 30, 15},   {"vowel", 33, 11},     {"vehicle", 20, 10}};
  ActiveSettings settings;
  settings.seed_size = std::max<std::size_t>(10, pool_size / 20);
  settings.round_budget = std::max<std::size_t>(5, pool_size / 40);
  for (const Budget& budget : budgets)
    if (dataset == budget.dataset) {
      settings.seed_size = budget.seed_size;
      settings.round_budget = budget.round_budget;
    }
  return settings;
}

const std::vector<std::string>& active_option_names() {
  static const std::vector<std::string> names = {"seed_size",   "round_budget", "rounds",        "relabel_share",
                                                 "relabel_from_round", "folds",  "max_relabels", "vote",
                                                 "batched_folds", "batch_size", "min_epochs",  "min_steps",  "max_steps"};
  return names;
}

namespace {

// 1e10 as "10000000000", 2.5 as "2.5" (std::to_string gave "10000000000.000000").
std::string shown_number(double value) {
  if (value == std::floor(value) && std::fabs(value) < 1e18) return std::to_string(static_cast<long long>(value));
  std::ostringstream text;
  text << value;
  return text.str();
}

}  // namespace

ActiveSettings active_settings_from_options(const std::map<std::string, double>& options, ActiveSettings settings) {
  for (const auto& [key, value] : options) {
    if (std::find(active_option_names().begin(), active_option_names().end(), key) == active_option_names().end()) {
      std::string known;
      for (const std::string& name : active_option_names()) known += (known.empty() ? "" : ", ") + name;
      throw ConfigError("unknown active-learning option '" + key + "' (known: " + known + ")");
    }
    // The W10 rule for these options too (probe N16: batch_size 1e10 ran as 1410065408, and budgets
    // wrapped around): whole numbers in a range that the int or budget they go into can hold.
    const auto whole = [&](double minimum, double maximum = 1e9) {
      if (!(value >= minimum && value <= maximum) || value != std::floor(value))
        throw ConfigError("active-learning option '" + key + "': expected a whole number in [" +
                          std::to_string(static_cast<long long>(minimum)) + ", " +
                          std::to_string(static_cast<long long>(maximum)) + "], got " + shown_number(value));
      return static_cast<long long>(value);
    };
    if (key == "seed_size") settings.seed_size = static_cast<std::size_t>(whole(1));
    else if (key == "round_budget") settings.round_budget = static_cast<std::size_t>(whole(1));
    else if (key == "rounds") settings.rounds = static_cast<int>(whole(0, 1e5));
    else if (key == "relabel_from_round") settings.relabel_from_round = static_cast<int>(whole(1, 1e5));
    else if (key == "folds") settings.folds = static_cast<int>(whole(2, 1e5));
    else if (key == "max_relabels") settings.max_relabels = static_cast<int>(whole(0, 1e5));
    else if (key == "vote") settings.policy = whole(0, 1) != 0 ? RelabelPolicy::vote : RelabelPolicy::replace;
    else if (key == "batched_folds") settings.batched_folds = whole(0, 1) != 0;
    else if (key == "batch_size") settings.recipe.batch_size = static_cast<int>(whole(1));
    else if (key == "min_epochs") settings.recipe.min_epochs = static_cast<int>(whole(0));
    else if (key == "min_steps") settings.recipe.min_steps = static_cast<int>(whole(1));
    else if (key == "max_steps") settings.recipe.max_steps = static_cast<int>(whole(1));
    else if (key == "relabel_share") {
      if (!(value >= 0.0 && value < 1.0))
        throw ConfigError("active-learning option 'relabel_share': expected a value in [0, 1), got " + std::to_string(value));
      settings.relabel_share = value;
    }
  }
  // Settings that contradict each other (probe N20), checked where one of them was given.
  const auto given = [&](const char* key) { return options.count(key) > 0; };
  if ((given("min_steps") || given("max_steps")) && settings.recipe.min_steps > settings.recipe.max_steps)
    throw ConfigError("active-learning options: min_steps " + std::to_string(settings.recipe.min_steps) +
                      " is above max_steps " + std::to_string(settings.recipe.max_steps));
  if (given("relabel_from_round") && settings.relabel_share > 0 &&
      settings.relabel_from_round > settings.rounds)
    throw ConfigError("active-learning options: relabel_from_round " + std::to_string(settings.relabel_from_round) +
                      " is after the last round " + std::to_string(settings.rounds) +
                      ", so nothing would be relabelled; give relabel_share 0 for no relabelling");
  if (given("folds") && static_cast<std::size_t>(settings.folds) > settings.seed_size)
    throw ConfigError("active-learning options: " + std::to_string(settings.folds) + " folds for a seed set of " +
                      std::to_string(settings.seed_size) + " items: a fold would hold no item; use at most " +
                      std::to_string(settings.seed_size) + " folds");
  return settings;
}

namespace {

// k fold models trained on all but their fold; each item's row comes from its own fold's model.
FeatureMatrix out_of_fold(const FeatureMatrix& features, int num_classes, const std::vector<std::size_t>& rows,
                          const std::vector<int>& labels, int folds, std::uint64_t seed, const ActiveModelRecipe& recipe,
                          bool batched) {
  const std::vector<int> fold_of = fold_assignment(rows.size(), folds, derive_seed(seed, "folds"));
  const std::vector<FoldJob> fold_plan = fold_jobs(fold_of, folds);
  std::vector<ModelJob> jobs;
  for (std::size_t f = 0; f < fold_plan.size(); ++f) {
    ModelJob job;
    for (const std::size_t position : fold_plan[f].train_positions) {
      job.train_rows.push_back(rows[position]);
      job.train_labels.push_back(labels[position]);
    }
    for (const std::size_t position : fold_plan[f].predict_positions) job.predict_rows.push_back(rows[position]);
    job.seed = derive_seed(seed, "fold model " + std::to_string(f));
    jobs.push_back(std::move(job));
  }
  // Every fold model takes the steps of the whole labelled set, so a fold's recipe matches the round's.
  const std::vector<FeatureMatrix> predicted =
      fit_and_predict(features, num_classes, jobs, training_steps(recipe, rows.size()), recipe, batched);
  FeatureMatrix proba(rows.size(), static_cast<std::size_t>(num_classes));
  for (std::size_t f = 0; f < fold_plan.size(); ++f)
    for (std::size_t k = 0; k < fold_plan[f].predict_positions.size(); ++k)
      std::copy(predicted[f].row(k), predicted[f].row(k) + num_classes, proba.row(fold_plan[f].predict_positions[k]));
  return proba;
}

FeatureMatrix stack_rows(const FeatureMatrix& top, const FeatureMatrix& bottom) {
  FeatureMatrix all(top.rows + bottom.rows, top.cols);
  std::copy(top.values.begin(), top.values.end(), all.values.begin());
  std::copy(bottom.values.begin(), bottom.values.end(), all.values.begin() + static_cast<std::ptrdiff_t>(top.values.size()));
  return all;
}

FeatureMatrix rows_of(const FeatureMatrix& matrix, std::size_t first, std::size_t count) {
  FeatureMatrix part(count, matrix.cols);
  std::copy(matrix.row(first), matrix.row(first) + count * matrix.cols, part.values.begin());
  return part;
}

const char* kind_name(int kind) { return kind == 0 ? "seed" : kind == 1 ? "new" : "relabel"; }

struct LedgerEntry {
  int round = 0;
  std::size_t item = 0;
  int kind = 0;  // 0 seed, 1 new, 2 relabel
  OracleAnswer answer;
  int truth = 0;
  // ŷ after the query: the vote policy's tie-breaks depend on probabilities a resumed run would have
  // to train again, so the ledger records their outcome and a replay repeats it.
  int training_label = 0;
};

std::string ledger_line(const LedgerEntry& entry) {
  char line[160];
  std::snprintf(line, sizeof line,
                "{\"round\":%d,\"item\":%zu,\"kind\":\"%s\",\"annotator\":%d,\"label\":%d,\"true_label\":%d,"
                "\"training_label\":%d}\n",
                entry.round, entry.item, kind_name(entry.kind), entry.answer.annotator, entry.answer.label, entry.truth,
                entry.training_label);
  return line;
}

LedgerEntry parse_ledger_line(const std::string& line, const std::string& path, std::size_t number) {
  try {
    const nlohmann::json json = nlohmann::json::parse(line);
    LedgerEntry entry;
    entry.round = json.at("round").get<int>();
    entry.item = json.at("item").get<std::size_t>();
    const std::string kind = json.at("kind").get<std::string>();
    entry.kind = kind == "seed" ? 0 : kind == "new" ? 1 : kind == "relabel" ? 2 : -1;
    if (entry.kind < 0) throw std::invalid_argument("unknown kind '" + kind + "'");
    entry.answer.annotator = json.at("annotator").get<int>();
    entry.answer.label = json.at("label").get<int>();
    entry.truth = json.at("true_label").get<int>();
    entry.training_label = json.at("training_label").get<int>();
    return entry;
  } catch (const std::exception& error) {
    throw InputError(path, number, "ledger", error.what());
  }
}


// Keeps the first `keep` bytes of a progress file (whole lines of finished rounds) and returns them.
std::string keep_prefix(const std::string& path, const std::function<std::size_t(const std::string&)>& keep) {
  LockedAppendFile file(path);
  LockedAppendFile::Lock lock(file);
  const std::string text = file.read_all();
  const std::size_t size = keep(text);
  if (size < text.size()) file.truncate_to(size);
  return text.substr(0, size);
}

void append_text(const std::string& path, const std::string& text) {
  if (path.empty() || text.empty()) return;
  LockedAppendFile file(path);
  LockedAppendFile::Lock lock(file);
  file.append(text);
}

struct RoundDiagnostics {
  std::size_t relabels = 0, relabel_was_wrong = 0, fixed = 0, harmed = 0, fresh = 0, fresh_wrong = 0;
};

}  // namespace

FeatureMatrix reference_probabilities(const ActiveProblem& problem, std::uint64_t seed, const ActiveModelRecipe& recipe,
                                      int folds) {
  std::vector<std::size_t> rows(problem.pool_truth.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
  return out_of_fold(problem.pool_features, problem.num_classes, rows, problem.pool_truth, folds,
                     derive_seed(seed, "reference model"), recipe, true);
}

double area_under_learning_curve(const std::vector<nlohmann::json>& rounds) {
  if (rounds.size() < 2) return rounds.empty() ? 0.0 : rounds.front().at("test_acc").get<double>();
  double area = 0.0;
  for (std::size_t r = 1; r < rounds.size(); ++r) {
    const double width = rounds[r].at("spent").get<double>() - rounds[r - 1].at("spent").get<double>();
    area += width * (rounds[r].at("test_acc").get<double>() + rounds[r - 1].at("test_acc").get<double>()) / 2.0;
  }
  return area / (rounds.back().at("spent").get<double>() - rounds.front().at("spent").get<double>());
}

ActiveRunResult run_active_learning(const ActiveProblem& problem, const std::string& strategy_name,
                                    const OracleSpec& oracle_spec, const ActiveSettings& settings, std::uint64_t seed,
                                    const ActiveRunFiles& files, const FeatureMatrix* reference_proba,
                                    const std::function<void(const nlohmann::json&)>& on_round) {
  const std::unique_ptr<AcquisitionStrategy> strategy = make_strategy(strategy_name);
  const std::size_t pool_size = problem.pool_truth.size();
  const std::size_t budget = settings.seed_size + static_cast<std::size_t>(settings.rounds) * settings.round_budget;
  if (budget > pool_size)
    throw ConfigError("active learning: the budget " + std::to_string(budget) + " exceeds the pool of " +
                      std::to_string(pool_size) + " items");
  OraclePool pool;
  pool.true_labels = problem.pool_truth;
  pool.num_classes = problem.num_classes;
  OracleSpec spec = oracle_spec;
  if (strategy->uses_clean_oracle()) spec.kind = "clean";
  if (find_oracle(spec.kind).needs_reference_proba) {
    if (reference_proba == nullptr) throw ConfigError("oracle '" + spec.kind + "' needs reference probabilities");
    pool.reference_proba = *reference_proba;
  }
  spec.seed = derive_seed(seed, "oracle");
  const std::unique_ptr<NoisyOracle> oracle = make_oracle(spec, pool);
  const FeatureMatrix all_features = stack_rows(problem.pool_features, problem.test_features);

  LabelledSet labelled(pool_size, problem.num_classes);
  std::vector<std::vector<OracleAnswer>> answers(pool_size);
  std::vector<LedgerEntry> ledger;
  ActiveRunResult result;
  std::size_t new_total = 0, relabel_total = 0;

  // A vote's tie goes to the tied class the item's out-of-fold probabilities favour (`proba`, may be
  // null); a replayed entry repeats the training label it recorded.
  const auto apply = [&](const LedgerEntry& entry, const float* proba, int recorded) {
    if (entry.kind != 2) {
      labelled.add(entry.item, entry.answer.label);
      new_total += entry.kind == 1;
      return;
    }
    labelled.relabel(entry.item, entry.answer.label, settings.policy, [&](const std::vector<int>& tied) {
      if (std::find(tied.begin(), tied.end(), recorded) != tied.end()) return recorded;
      if (proba == nullptr) return tied.back();
      int best = tied.front();
      for (const int c : tied)
        if (proba[c] > proba[best]) best = c;
      return best;
    });
    ++relabel_total;
  };
  const auto ask = [&](std::size_t item, int round, int kind, const float* proba) {
    LedgerEntry entry{round, item, kind, oracle->answer(item, ledger.size(), answers[item]), problem.pool_truth[item], 0};
    answers[item].push_back(entry.answer);
    apply(entry, proba, kMissingLabel);
    entry.training_label = labelled.current_label(item);
    ledger.push_back(entry);
    return entry;
  };

  // Resume: rounds with a row are finished; ledger lines of a round without its row are dropped and
  // that round is asked again (its questions and answers are the same: they derive from the seed).
  int finished_round = -1;
  if (!files.rounds.empty()) {
    const std::string rounds_text = keep_prefix(files.rounds, [](const std::string& text) {
      const std::size_t end = text.rfind('\n');
      return end == std::string::npos ? std::size_t{0} : end + 1;
    });
    for (const TextLine& text_line : text_lines_of(rounds_text, files.rounds).lines) {
      const std::size_t round_line = text_line.number;
      const std::string& line = text_line.text;
      // A rounds file is read back into the result row: each line must be a whole round row, in
      // order (probe N11: {"round":0} gave a bare "key 'relabel_precision' not found").
      nlohmann::json round_row = nlohmann::json::parse(line, nullptr, false);
      if (round_row.is_discarded() || !round_row.is_object())
        throw InputError(files.rounds, round_line, "", "not a JSON round row");
      for (const char* key : {"round", "spent", "test_acc", "test_macro_f1", "pool_noise", "pool_wrong", "n_relabels",
                              "relabel_precision", "fix_rate", "harm_rate", "new_label_noise"})
        if (!round_row.contains(key)) throw InputError(files.rounds, round_line, key, "missing from the round row");
      if (!round_row.at("round").is_number_integer() || round_row.at("round").get<int>() != finished_round + 1)
        throw InputError(files.rounds, round_line, "round",
                         "expected round " + std::to_string(finished_round + 1) + ", got " + round_row.at("round").dump());
      if (!round_row.at("spent").is_number_unsigned())
        throw InputError(files.rounds, round_line, "spent", "expected a count, got " + round_row.at("spent").dump());
      result.rounds.push_back(std::move(round_row));
      finished_round = result.rounds.back().at("round").get<int>();
    }
    const std::string kept = keep_prefix(files.ledger, [&](const std::string& text) {
      std::size_t offset = 0, number = 0;
      while (offset < text.size()) {
        const std::size_t end = text.find('\n', offset);
        if (end == std::string::npos) break;
        if (parse_ledger_line(text.substr(offset, end - offset), files.ledger, ++number).round > finished_round) break;
        offset = end + 1;
      }
      return offset;
    });
    for (const TextLine& line : text_lines_of(kept, files.ledger).lines) {
      const std::size_t number = line.number;
      const LedgerEntry entry = parse_ledger_line(line.text, files.ledger, number);
      if (entry.item >= pool_size) throw InputError(files.ledger, number, "item", "outside the pool");
      // A label outside the classes reached LibTorch's nll_loss, whose error carried a C++ stack
      // trace (probe N11).
      for (const auto& [field, label] : {std::pair<const char*, int>{"label", entry.answer.label},
                                         {"true_label", entry.truth}, {"training_label", entry.training_label}})
        if (label < 0 || label >= problem.num_classes)
          throw InputError(files.ledger, number, field,
                           std::to_string(label) + " is not a class of " + std::to_string(problem.num_classes) +
                               " (0.." + std::to_string(problem.num_classes - 1) + ")");
      answers[entry.item].push_back(entry.answer);
      apply(entry, nullptr, entry.training_label);
      ledger.push_back(entry);
    }
    // The rounds file ahead of the ledger (or the ledger emptied) was trusted, and the row said
    // "spent 60" over a ledger without rounds 2-4 (probe N15).
    if (finished_round >= 0) {
      const auto spent = result.rounds.back().at("spent").get<std::size_t>();
      if (ledger.size() != spent)
        throw InputError(files.ledger, 0, "",
                         "holds " + std::to_string(ledger.size()) + " queries up to round " +
                             std::to_string(finished_round) + ", but " + files.rounds + " says " +
                             std::to_string(spent) + " were spent by then: the two files do not agree; remove both "
                             "to run the cell again from its start");
    }
    result.resumed_from_round = finished_round;
  }
  if (finished_round < 0) {
    result.rounds.clear();
    std::string text;
    for (const std::size_t item : random_positions(pool_size, settings.seed_size, derive_seed(seed, "seed set")))
      text += ledger_line(ask(item, 0, 0, nullptr));
    append_text(files.ledger, text);
  }

  RoundDiagnostics diagnostics;  // of the round whose queries were asked last
  const int start_round = std::max(0, finished_round);
  auto started = std::chrono::steady_clock::now();  // a row's seconds: its round's queries and model
  for (int round = start_round; round <= settings.rounds && finished_round < settings.rounds; ++round) {
    std::vector<std::size_t> unlabelled;
    for (std::size_t i = 0; i < pool_size; ++i)
      if (!labelled.contains(i)) unlabelled.push_back(i);
    ModelJob job;
    for (const std::size_t item : labelled.items()) {
      job.train_rows.push_back(item);
      job.train_labels.push_back(labelled.current_label(item));
    }
    job.predict_rows = unlabelled;
    for (std::size_t t = 0; t < problem.test_truth.size(); ++t) job.predict_rows.push_back(pool_size + t);
    job.seed = derive_seed(seed, "round model " + std::to_string(round));
    const FeatureMatrix predicted = fit_and_predict(all_features, problem.num_classes, {job},
                                                    training_steps(settings.recipe, job.train_rows.size()),
                                                    settings.recipe, true)
                                        .front();
    if (round > finished_round) {
      const FeatureMatrix test_proba = rows_of(predicted, unlabelled.size(), problem.test_truth.size());
      const std::size_t wrong = labelled.wrong_count(problem.pool_truth);
      nlohmann::json row = {{"round", round},
                            {"spent", ledger.size()},
                            {"n_labelled", labelled.size()},
                            {"n_new_total", new_total},
                            {"n_relabels_total", relabel_total},
                            {"test_acc", accuracy(test_proba, problem.test_truth)},
                            {"test_macro_f1", macro_f1(test_proba, problem.test_truth)},
                            {"pool_noise", static_cast<double>(wrong) / static_cast<double>(labelled.size())},
                            {"pool_wrong", wrong},
                            {"n_relabels", diagnostics.relabels},
                            {"n_new", diagnostics.fresh},
                            {"new_label_noise", nullptr},
                            {"relabel_precision", nullptr},
                            {"fix_rate", nullptr},
                            {"harm_rate", nullptr}};
      if (diagnostics.fresh > 0)
        row["new_label_noise"] = static_cast<double>(diagnostics.fresh_wrong) / static_cast<double>(diagnostics.fresh);
      if (diagnostics.relabels > 0) {
        const double picks = static_cast<double>(diagnostics.relabels);
        row["relabel_precision"] = static_cast<double>(diagnostics.relabel_was_wrong) / picks;
        row["fix_rate"] = static_cast<double>(diagnostics.fixed) / picks;
        row["harm_rate"] = static_cast<double>(diagnostics.harmed) / picks;
      }
      row["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      append_text(files.rounds, row.dump() + "\n");
      result.rounds.push_back(row);
      if (on_round) on_round(row);
    }
    started = std::chrono::steady_clock::now();
    if (round == settings.rounds) break;

    // Round round+1's queries, chosen with this round's model.
    const int next = round + 1;
    AcquisitionRound acquisition;
    acquisition.round = next;
    acquisition.round_budget = settings.round_budget;
    acquisition.unlabelled = unlabelled;
    acquisition.unlabelled_proba = rows_of(predicted, 0, unlabelled.size());
    for (const std::size_t item : labelled.items())
      if (labelled.eligible(item, settings.max_relabels)) acquisition.eligible.push_back(item);
    if (next >= settings.relabel_from_round)
      acquisition.relabel_allowance =
          std::min(acquisition.eligible.size(),
                   static_cast<std::size_t>(std::lround(settings.relabel_share * static_cast<double>(settings.round_budget))));
    acquisition.seed = derive_seed(seed, "round " + std::to_string(next));
    for (const std::size_t item : acquisition.eligible) {
      acquisition.eligible_label.push_back(labelled.current_label(item));
      acquisition.eligible_label_count.push_back(static_cast<int>(labelled.labels_of(item).size()));
      if (strategy->needs_truth())
        acquisition.eligible_is_wrong.push_back(labelled.current_label(item) != problem.pool_truth[item]);
    }
    const bool tie_breaks = settings.policy == RelabelPolicy::vote && acquisition.relabel_allowance > 0;
    std::vector<float> oof_of_item;  // pool_size × C, filled for labelled items when computed
    if (!acquisition.eligible.empty() && (strategy->needs_out_of_fold(acquisition) || tie_breaks)) {
      const FeatureMatrix oof = out_of_fold(all_features, problem.num_classes, job.train_rows, job.train_labels,
                                            settings.folds, derive_seed(seed, "oof " + std::to_string(next)),
                                            settings.recipe, settings.batched_folds);
      oof_of_item.assign(pool_size * static_cast<std::size_t>(problem.num_classes), 0.0f);
      for (std::size_t k = 0; k < job.train_rows.size(); ++k)
        std::copy(oof.row(k), oof.row(k) + oof.cols, oof_of_item.begin() + static_cast<std::ptrdiff_t>(job.train_rows[k] * oof.cols));
      acquisition.eligible_proba = FeatureMatrix(acquisition.eligible.size(), oof.cols);
      for (std::size_t k = 0; k < acquisition.eligible.size(); ++k)
        std::copy(oof_of_item.begin() + static_cast<std::ptrdiff_t>(acquisition.eligible[k] * oof.cols),
                  oof_of_item.begin() + static_cast<std::ptrdiff_t>((acquisition.eligible[k] + 1) * oof.cols),
                  acquisition.eligible_proba.row(k));
    }
    const AcquisitionPicks picks = strategy->select(acquisition);

    // The strategy's contract, checked: the loop's budget accounting rests on it.
    if (picks.relabel.size() + picks.fresh.size() != settings.round_budget)
      throw std::logic_error(strategy_name + " picked " + std::to_string(picks.relabel.size()) + " + " +
                             std::to_string(picks.fresh.size()) + " items for a round budget of " +
                             std::to_string(settings.round_budget));
    std::vector<char> picked(pool_size, 0);
    for (const std::size_t item : picks.relabel) {
      if (picked[item]++ || !labelled.eligible(item, settings.max_relabels))
        throw std::logic_error(strategy_name + " re-labels item " + std::to_string(item) + " twice or when not eligible");
    }
    for (const std::size_t item : picks.fresh)
      if (picked[item]++ || labelled.contains(item))
        throw std::logic_error(strategy_name + " picks item " + std::to_string(item) + " twice or when labelled");

    diagnostics = {};
    std::string text;
    for (const std::size_t item : picks.relabel) {
      const bool was_wrong = labelled.current_label(item) != problem.pool_truth[item];
      const float* proba = oof_of_item.empty() ? nullptr : oof_of_item.data() + item * static_cast<std::size_t>(problem.num_classes);
      text += ledger_line(ask(item, next, 2, proba));
      const bool is_wrong = labelled.current_label(item) != problem.pool_truth[item];
      ++diagnostics.relabels;
      diagnostics.relabel_was_wrong += was_wrong;
      diagnostics.fixed += was_wrong && !is_wrong;
      diagnostics.harmed += !was_wrong && is_wrong;
    }
    for (const std::size_t item : picks.fresh) {
      const LedgerEntry entry = ask(item, next, 1, nullptr);
      text += ledger_line(entry);
      ++diagnostics.fresh;
      diagnostics.fresh_wrong += entry.answer.label != entry.truth;
    }
    append_text(files.ledger, text);
  }
  for (const LedgerEntry& entry : ledger) result.ledger += ledger_line(entry);
  return result;
}

}  // namespace annotbench
