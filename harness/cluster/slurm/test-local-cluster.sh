#!/usr/bin/env bash
# The grid on a real SLURM: starts a single-node cluster (local-cluster.sh), runs a config as a 4-task
# array with `annotbench submit`, then again into a fresh directory, cancelling one task mid-run
# (scancel) and submitting again. Passes when both directories hold every cell exactly once, with
# metrics identical to a single-process `annotbench run`. The cluster is stopped however it ends.
#
#   bash harness/cluster/slurm/test-local-cluster.sh BUILD/annotbench [CONFIG]    (CONFIG: harness/configs/quick.json)
#
# Exit 77 (ctest: skipped) when SLURM is missing and cannot be installed, or the data is not there.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../../.." && pwd)
binary=$(realpath "${1:?usage: test-local-cluster.sh BUILD/annotbench [CONFIG]}")
config=$(realpath "${2:-$repo/harness/configs/quick.json}")
tasks=4
started=$(date +%s)

if ! command -v slurmctld >/dev/null && [ "$(id -u)" -ne 0 ] && ! sudo -n true 2>/dev/null; then
  echo "SKIP: slurm-wlm is not installed and this user cannot install it (bash harness/setup.sh --packages-only)"
  exit 77
fi
if ! "$binary" datasets 2>/dev/null | grep -q .; then
  echo "SKIP: annotbench datasets failed"
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/annotbench-cluster-test.XXXXXX")
cluster=$work/cluster
# A port of its own, so that two checkouts testing at once, or a system SLURM, do not collide.
export ANNOTBENCH_SLURM_PORT=$((20000 + ($$ % 10000) * 2))

finish() {
  local status=$?
  bash "$repo/harness/cluster/slurm/local-cluster.sh" stop "$cluster" || true
  if [ $status -ne 0 ]; then
    echo "FAILED (exit $status); the daemons' and the tasks' logs:"
    tail -n 15 "$cluster"/log/*.log "$work"/*/slurm-*.out 2>/dev/null || true
  fi
  rm -rf "$work"
  exit $status
}
trap finish EXIT
trap 'exit 130' INT TERM

fail() { echo "FAIL: $*"; exit 1; }

eval "$(bash "$repo/harness/cluster/slurm/local-cluster.sh" start "$cluster")"
echo "cluster up in $(($(date +%s) - started)) s: $(sinfo -h -o '%D node, %c CPUs, partition %P')"

job_states() { scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | sort | uniq -c | tr -s ' \n' ' '; }

# Waits until no task of the job is pending or running (10 minutes at most).
wait_for_job() {
  local job=$1
  local queued
  for _ in $(seq 1200); do
    # A failed squeue (the controller busy) is asked again, not taken for "no tasks left".
    if queued=$(squeue -h -j "$job" -o %i 2>/dev/null) && [ -z "$queued" ]; then return 0; fi
    sleep 0.5
  done
  fail "job $job still running after 10 minutes: $(job_states "$job")"
}

submit() { "$binary" submit "$config" --results "$1" --tasks "$tasks"; }

lines() { if [ -e "$1" ]; then wc -l < "$1"; else echo 0; fi; }

# Every cell of the config exactly once across the directory's files, with the metrics of the
# single-process run.
check_against_single() {
  local dir=$1 name
  name=$(jq -r .name "$config")
  cat "$dir"/"$name".shard-*-of-$tasks.jsonl | jq -r '[.cell, (.metrics | tojson)] | @tsv' | sort > "$dir.rows.tsv"
  local rows duplicates
  rows=$(wc -l < "$dir.rows.tsv")
  duplicates=$(cut -f1 "$dir.rows.tsv" | uniq -d | wc -l)
  [ "$duplicates" -eq 0 ] || fail "$dir: $duplicates cells have more than one row"
  [ "$rows" -eq "$cells" ] || fail "$dir: $rows rows for $cells cells"
  diff -q "$work/single.rows.tsv" "$dir.rows.tsv" >/dev/null ||
    fail "$dir: metrics differ from the single-process run: $(diff "$work/single.rows.tsv" "$dir.rows.tsv" | head -n 4)"
}

# 1. The whole grid as one array job.
job=$(submit "$work/first")
wait_for_job "$job"
echo "first submission: job $job ended ($(job_states "$job")) at $(($(date +%s) - started)) s"

# 2. Again into a fresh directory; task 2 is cancelled once it has written a few rows.
job=$(submit "$work/second")
name=$(jq -r .name "$config")
shard_file=$work/second/$name.shard-2-of-$tasks.jsonl
for _ in $(seq 1200); do
  [ "$(lines "$shard_file")" -ge 3 ] && break
  sleep 0.1
done
scancel "${job}_2"
rows_at_cancel=$(lines "$shard_file")
wait_for_job "$job"
rows_after_cancel=$(lines "$shard_file")
shard_cells=$("$binary" status "$config" --results "$work/second" --tasks "$tasks" | awk '$1 == "2/'$tasks'" {print $2}')
echo "second submission: job $job; task 2 cancelled when $rows_at_cancel of its $shard_cells cells were written ($rows_after_cancel when it had stopped; $(job_states "$job"))"
[ "$rows_after_cancel" -lt "$shard_cells" ] || fail "task 2 had finished before it was cancelled: the test proves nothing"

job=$(submit "$work/second")
grep -q '^#SBATCH --array=2$' "$work/second/$name.sbatch" || fail "the resubmission did not send task 2 alone: $(grep array "$work/second/$name.sbatch")"
wait_for_job "$job"
resubmitted_log=$(ls "$work"/second/slurm-"${job}"_2.out)
summary=$(grep -E "^$name: [0-9]+ finished" "$resubmitted_log" || true)
echo "resubmission: job $job ran task 2 alone: $summary"
finished_again=$(echo "$summary" | sed -n 's/.*: \([0-9]*\) finished, \([0-9]*\) already done.*/\1/p')
already_done=$(echo "$summary" | sed -n 's/.*: \([0-9]*\) finished, \([0-9]*\) already done.*/\2/p')
[ "$already_done" = "$rows_after_cancel" ] || fail "the resubmitted task found $already_done cells done, expected $rows_after_cancel"
[ "$finished_again" = "$((shard_cells - rows_after_cancel))" ] || fail "the resubmitted task ran $finished_again cells, expected $((shard_cells - rows_after_cancel))"

# 3. The same grid in one process, with the one thread each task had.
OMP_NUM_THREADS=1 "$binary" run "$config" --results "$work/single" --quiet
jq -r '[.cell, (.metrics | tojson)] | @tsv' "$work/single/$name.jsonl" | sort > "$work/single.rows.tsv"
cells=$(wc -l < "$work/single.rows.tsv")

check_against_single "$work/first"
check_against_single "$work/second"
"$binary" status "$config" --results "$work/second" --tasks "$tasks" | head -n 1
echo "PASS: $cells cells, each once in both array runs, metrics identical to the single-process run;" \
  "finished cells run again after the cancel: 0 ($finished_again run by the resubmission, $already_done skipped);" \
  "wall time $(($(date +%s) - started)) s"
