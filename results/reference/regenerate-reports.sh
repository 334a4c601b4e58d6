#!/usr/bin/env bash
# Writes every committed report under results/reference/ again from the committed rows, with the
# flags each was made with. Run from the checkout's root:
#   bash results/reference/regenerate-reports.sh [ANNOTBENCH] [OUT_ROOT]
# ANNOTBENCH defaults to ./build/annotbench; OUT_ROOT (default: in place) puts the reports under
# OUT_ROOT/<the committed report's path> instead, so that `diff -r` can compare them with the
# committed ones (the test `committed_reports_regenerate` does).
set -euo pipefail
bin=${1:-./build/annotbench}
out_root=${2:-}
ref=results/reference
published=results/paper/annot-mix-published.csv
paper_rows=true-base,mv-base,mv-mixup,ds-mixup,crowd-layer,trace-reg,conal,union-net,madl,geo-reg-f,geo-reg-w,crowd-ar,annot-mix

report() {  # report OUT_DIR ARGS...: OUT_DIR relative to the checkout's root
  local out=$1
  shift
  local target=$out
  [ -n "$out_root" ] && target=$out_root/$out
  mkdir -p "$target"
  "$bin" report "$@" --out "$target" > /dev/null 2> "$target.warnings"
  rm -f "$target.warnings"
}

report $ref/quick/report --results $ref/quick --paper-statistics
report $ref/paper-letter/report --results $ref/paper-letter --paper-statistics --published $published
report $ref/paper-letter/report-best-epoch --results $ref/paper-letter --metric best_test_accuracy --published $published
report $ref/paper-letter/report-ap-auroc --results $ref/paper-letter --metric test_ap_auroc --published $published
for set in music-genres labelme; do
  report $ref/$set/report --results $ref/$set --paper-statistics --published $published
  report $ref/$set/report-best-epoch --results $ref/$set --metric best_test_accuracy --paper-statistics --published $published
done
report $ref/paper/report --results $ref/paper-letter --results $ref/music-genres --results $ref/labelme \
  --methods $paper_rows --paper-statistics --published $published
report $ref/paper/report-best-epoch --results $ref/paper-letter --results $ref/music-genres --results $ref/labelme \
  --methods $paper_rows --metric best_test_accuracy --paper-statistics --published $published
report $ref/darl/report --results $ref/darl/darl.jsonl --metric alc --baseline darl-both
report $ref/truth-inference/report --results $ref/truth-inference --baseline ds
report $ref/truth-inference-binary/report --results $ref/truth-inference-binary --baseline ds
report $ref/truth-inference-gold/report --results $ref/truth-inference-gold --baseline ds
for set in meta-em meta-em-labelme meta-em-vowel-digits; do
  report $ref/$set/report --results $ref/$set
done
report $ref/annotation-quality/report --results $ref/annotation-quality
# Beyond the paper (issue 24): the sweeps, annot-mix's ablation (letter's mv-base, mv-mixup and alpha
# rows are paper-letter's) and the cold start. Each grid's report reads only its own rows.
rob=$ref/robustness
ablation_rows="mv-base,mv-mixup,annot-mix,annot-mix (alpha=0),annot-mix (alpha=0.25),annot-mix (alpha=0.5),annot-mix (alpha=2),annot-mix (alpha=4),annot-mix (annotators only)"
for grid in noise annotators adversaries; do
  report $rob/report-$grid --results $rob/robustness-$grid.jsonl --baseline mv-base
done
report $rob/report-ablation --results $rob/ablation.jsonl --results $rob/ablation-letter.jsonl --results $ref/paper-letter \
  --methods "$ablation_rows" --baseline mv-base
report $rob/report-cold-start --results $rob/cold-start.jsonl --baseline mv-base
report $rob/report-cold-start-unseen --results $rob/cold-start.jsonl --metric test_ap_auroc_unseen --baseline annot-mix
