#!/usr/bin/env bash
# Every committed report under results/reference/ is what `annotbench report` writes today from the
# committed rows, byte for byte: a change to the report code, the statistics or the row reading that
# changes a committed report shows here, and is either a bug or a reason to commit the new report.
#   bash tests/reports/committed_reports_regenerate.sh SOURCE_DIR ANNOTBENCH
set -euo pipefail
source_dir=$1
bin=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$source_dir"
bash results/reference/regenerate-reports.sh "$bin" "$out"
status=0
while IFS= read -r committed; do
  if ! diff -r "$committed" "$out/$committed" > "$out/diff.txt"; then
    echo "$committed differs from the report written now:"
    head -20 "$out/diff.txt"
    status=1
  fi
done < <(cd "$out" && find results -mindepth 3 -maxdepth 3 -type d -name 'report*' | sort)
count=$(cd "$out" && find results -mindepth 3 -maxdepth 3 -type d -name 'report*' | wc -l)
echo "$count committed reports regenerated"
[ "$count" -ge 16 ] || { echo "expected at least 16 committed reports, found $count"; exit 1; }
exit $status
