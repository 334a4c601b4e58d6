#!/usr/bin/env python3
"""Dawid-Skene on CIFAR-10N's 150,000 human labels from a pandas DataFrame, timed three ways on one
machine: annotbench's Python package (the DataFrame's conversion to codes included), the same fit
through the CLI (`annotbench aggregate`, the whole command: reading the file, fitting, writing the
labels), and, when --crowdkit names a Crowd-Kit checkout, Crowd-Kit's DawidSkene on the same
DataFrame. Each is run --repeats times in turn, so a noisy machine slows all three alike; medians.

    PYTHONPATH=build/python /usr/bin/python3 harness/bench/python_dawid_skene.py \\
        --binary build/annotbench [--crowdkit /path/to/crowd-kit] [--repeats 5]

Prints one JSON line: seconds per fit of each (every run and the median), the tasks on which the
labels of annotbench and Crowd-Kit differ, and each one's accuracy against CIFAR-10's clean labels.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def timed(function):
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", required=True, help="the annotbench CLI")
    parser.add_argument("--crowdkit", help="a Crowd-Kit source checkout (its crowdkit/ directory is imported)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--n-iter", type=int, default=100, help="EM iterations, Crowd-Kit's default 100")
    parser.add_argument("--data-dir", default="")
    args = parser.parse_args()

    import annotbench
    from annotbench.aggregation import DawidSkene

    frame, truth = annotbench.datasets.load_dataset("cifar10n", args.data_dir)
    fits = {"annotbench": lambda: DawidSkene(n_iter=args.n_iter).fit_predict(frame)}
    if args.crowdkit:
        sys.path.insert(0, args.crowdkit)
        from crowdkit.aggregation import DawidSkene as CrowdKitDawidSkene
        fits["crowdkit"] = lambda: CrowdKitDawidSkene(n_iter=args.n_iter).fit_predict(frame)

    with tempfile.TemporaryDirectory() as scratch:
        annotations = os.path.join(scratch, "cifar10n.csv")
        frame.rename(columns={"task": "item", "worker": "annotator"}).to_csv(annotations, index=False)
        out = os.path.join(scratch, "labels.csv")
        command = [args.binary, "aggregate", "--annotations", annotations, "--method", "ds",
                   "--max-iterations", str(args.n_iter), "--out", out, "--quiet"]
        fits["cli"] = lambda: subprocess.run(command, check=True, capture_output=True)

        seconds = {name: [] for name in fits}
        labels = {}
        for _ in range(args.repeats):
            for name, fit in fits.items():
                elapsed, result = timed(fit)
                seconds[name].append(round(elapsed, 4))
                labels[name] = result

    report = {"labels": len(frame), "tasks": int(frame["task"].nunique()), "workers": int(frame["worker"].nunique()),
              "repeats": args.repeats, "n_iter": args.n_iter}
    for name, runs in seconds.items():
        report[name] = {"median_s": round(statistics.median(runs), 4), "runs_s": runs}
    ours = labels["annotbench"]
    report["annotbench"]["accuracy"] = round(float((ours == truth[ours.index]).mean()), 5)
    if "crowdkit" in labels:
        theirs = labels["crowdkit"].reindex(ours.index)
        report["crowdkit"]["accuracy"] = round(float((theirs == truth[theirs.index]).mean()), 5)
        report["labels_differing_from_crowdkit"] = int((theirs != ours).sum())
        report["crowdkit_over_annotbench"] = round(report["crowdkit"]["median_s"] / report["annotbench"]["median_s"], 2)
    report["cli_over_annotbench"] = round(report["cli"]["median_s"] / report["annotbench"]["median_s"], 2)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
