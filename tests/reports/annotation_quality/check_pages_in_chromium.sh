#!/usr/bin/env bash
# Opens annotation-quality pages (report.html) in a real headless browser, Debian's chromium, and
# checks what a reader would see: the page parses, its three pictures are SVG elements with a size,
# its tables are there, and its screenshot is not blank.
#   check_pages_in_chromium.sh PAGE.html ...            check these pages
#   check_pages_in_chromium.sh --binary ANNOTBENCH      write a page for a generated crowd file, check it
# Exit 77: chromium is not installed (ctest counts it as skipped).
set -euo pipefail
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "chromium not found: skipped"; exit 77; }
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

pages=()
if [ "${1:-}" = "--binary" ]; then
  # 60 items, 6 annotators of falling accuracy and one who always says "a": the page's pictures
  # and tables all have something to show.
  awk 'BEGIN { srand(7); print "item,annotator,label";
               split("a b c", names, " ");
               for (i = 1; i <= 60; i++) { truth = 1 + i % 3;
                 for (m = 1; m <= 6; m++) { label = (rand() < 0.95 - 0.12 * m) ? truth : 1 + int(rand() * 3);
                   print "q" i ",w" m "," names[label] }
                 print "q" i ",constant,a" } }' > "$scratch/answers.csv"
  awk 'BEGIN { split("a b c", names, " "); print "item,label"; for (i = 1; i <= 60; i++) print "q" i "," names[1 + i % 3] }' \
    > "$scratch/truth.csv"
  "$2" inspect --annotations "$scratch/answers.csv" --truth "$scratch/truth.csv" --report "$scratch/page" > "$scratch/inspect.txt"
  grep -q "constant" "$scratch/inspect.txt" || { echo "inspect did not list the constant annotator"; cat "$scratch/inspect.txt"; exit 1; }
  pages=("$scratch/page/report.html")
else
  pages=("$@")
fi
[ ${#pages[@]} -gt 0 ] || { echo "usage: $0 PAGE.html ... | --binary ANNOTBENCH"; exit 2; }

flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --hide-scrollbars
       --user-data-dir="$scratch/profile")
failed=0
for page in "${pages[@]}"; do
  url="file://$(realpath "$page")"
  dom="$scratch/dom.html"
  timeout 120 "$browser" "${flags[@]}" --dump-dom "$url" > "$dom" 2> "$scratch/browser.log" || true
  # The SVG elements as the browser parsed them, each with its width and height.
  svgs=$(grep -o '<svg[^>]*>' "$dom" | grep -c 'width="[1-9][0-9]*" height="[1-9][0-9]*"' || true)
  tables=$(grep -o '<table' "$dom" | wc -l)
  shot="$scratch/shot.png"
  rm -f "$shot"
  timeout 120 "$browser" "${flags[@]}" --window-size=1280,2400 --screenshot="$shot" "$url" > /dev/null 2>> "$scratch/browser.log" || true
  # A blank page compresses to a few KB; three plots and tables to far more.
  bytes=$( [ -f "$shot" ] && stat -c %s "$shot" || echo 0 )
  if [ "$svgs" -lt 3 ] || [ "$tables" -lt 3 ] || [ "$bytes" -lt 20000 ]; then
    echo "FAIL $page: $svgs sized SVGs (want 3), $tables tables (want 3+), screenshot $bytes bytes (want 20000+)"
    tail -5 "$scratch/browser.log"
    failed=1
  else
    echo "ok   $page: $svgs SVGs, $tables tables, screenshot $bytes bytes"
  fi
done
exit $failed
