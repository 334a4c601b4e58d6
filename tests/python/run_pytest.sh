#!/usr/bin/env bash
# Runs one test file of the Python package with pytest, the package taken from the build tree.
#   run_pytest.sh PYTHON PACKAGE_DIR ANNOTBENCH_BINARY TEST_FILE
# Exit 77 (ctest: skipped) with the reason when that Python has no pandas or pytest.
set -euo pipefail
python=$1 package_dir=$2 binary=$3 test_file=$4
for module in numpy pandas pytest; do
  if ! "$python" -c "import $module" 2>/dev/null; then
    echo "skipped: $python has no $module (install python3-$module)"
    exit 77
  fi
done
cd "$(dirname "$test_file")"
PYTHONPATH="$package_dir" ANNOTBENCH_BINARY="$binary" PYTHONDONTWRITEBYTECODE=1 \
  exec "$python" -m pytest -q -p no:cacheprovider "$(basename "$test_file")"
