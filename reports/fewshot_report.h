#pragma once
// The few-shot report (spec meta-em.md §7.5) from "kind": "fewshot" result rows: one accuracy table per
// data set and annotator mix (methods x shots x annotators, mean over class-split seeds of the query
// accuracy, ± the standard error over tasks), paired t-tests over tasks and Wilcoxon signed-rank tests
// over seeds of meta-em against the baselines, accuracy against spammer share and against test-time EM
// steps as SVG plots, and meta-training / test times. No torch.

#include <ostream>
#include <string>
#include <vector>

namespace annotbench {

struct FewShotReportOptions {
  std::string results;           // a .jsonl file or a directory of them
  std::string out_dir;
  std::string method = "meta-em";                           // the method tested against the others
  bool method_given = false;  // --baseline: a method without rows is an error, not a report without tests
  std::vector<std::string> baselines = {"proto-ds", "proto-mv", "lr-ds", "lr-mv", "meta-em-noPA", "meta-em-J0"};
};

// Whether `results` (a file or a directory of *.jsonl) holds few-shot rows. InputError naming the files
// when it holds both few-shot rows and rows of other kinds: neither report would show them all.
bool holds_fewshot_rows(const std::string& results);

// Writes report.md, fewshot-tables.csv, spammer-share.svg, em-steps.svg (one pair per data set) into
// out_dir, atomically; returns the paths written.
std::vector<std::string> write_fewshot_report(const FewShotReportOptions& options, std::ostream& warnings);

// Two-sided p-value of Student's t with `degrees_of_freedom`.
double student_t_two_sided_p(double t, double degrees_of_freedom);

}  // namespace annotbench
