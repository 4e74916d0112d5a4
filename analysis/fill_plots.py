#!/usr/bin/python3
"""The FGD paper's figures from a fill comparison (`drydock compare --trace openb:...`), as PNG files.

    /usr/bin/python3 analysis/fill_plots.py --columns DIR/fill-columns.csv --out DIR/plots

fill-columns.csv has one row per policy, seed and integer arrived-workload percentage:
policy,seed,arrived_pct,gpu_alloc_pct,frag_pct,frag_ratio_pct. Writes
  gpu_alloc.png     GPU allocation % against arrived workload %, median over seeds, 25-75 % band
  unallocated.png   unallocated GPU % (100 - allocation) for arrived 75..120 % (the paper's Fig. 9a)
  frag_amount.png   fragmented GPU, % of capacity, against arrived workload (median, 25-75 % band)
  frag_ratio.png    fragmented share of the idle GPU, % (median, 25-75 % band)
  bars_at_100.png   unallocated GPU % and fragmentation at 100 % arrived, mean +- sd over seeds
and plots.json: [{file, title, caption}] for the report.

Runs with Debian's python3-pandas and python3-matplotlib (call /usr/bin/python3). Errors name the file.
"""
import argparse
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

PAPER_ORDER = ["random", "dot-product", "gpu-clustering", "gpu-packing", "gpu-best-fit", "fgd"]
COLUMNS = ["policy", "seed", "arrived_pct", "gpu_alloc_pct", "frag_pct", "frag_ratio_pct"]


def load(path):
    if not os.path.exists(path):
        sys.exit(f"{path}: missing")
    df = pd.read_csv(path)
    missing = [c for c in COLUMNS if c not in df.columns]
    if missing:
        sys.exit(f"{path}: missing columns {missing}")
    return df


def ordered(policies):
    known = [p for p in PAPER_ORDER if p in policies]
    return known + sorted(p for p in policies if p not in PAPER_ORDER)


def band_plot(df, metric, transform, title, ylabel, path, xlim=None):
    fig, ax = plt.subplots(figsize=(7.5, 4.5))
    for policy in ordered(df.policy.unique()):
        d = df[df.policy == policy].copy()
        d["y"] = transform(d[metric])
        g = d.groupby("arrived_pct")["y"]
        med, lo, hi = g.median(), g.quantile(0.25), g.quantile(0.75)
        if xlim:
            keep = (med.index >= xlim[0]) & (med.index <= xlim[1])
            med, lo, hi = med[keep], lo[keep], hi[keep]
        line, = ax.plot(med.index, med.values, label=policy, linewidth=1.4)
        ax.fill_between(med.index, lo.values, hi.values, color=line.get_color(), alpha=0.2, linewidth=0)
    ax.set_xlabel("arrived workload (% of GPU capacity)")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def bars(df, path):
    at = df[df.arrived_pct == 100]
    policies = ordered(at.policy.unique())
    fig, axes = plt.subplots(1, 2, figsize=(9, 4))
    for ax, (metric, transform, label) in zip(axes, [
        ("gpu_alloc_pct", lambda s: 100 - s, "unallocated GPU (%)"),
        ("frag_pct", lambda s: s, "fragmented GPU (% of capacity)"),
    ]):
        means = [transform(at[at.policy == p][metric]).mean() for p in policies]
        sds = [transform(at[at.policy == p][metric]).std(ddof=1) if (at.policy == p).sum() > 1 else 0 for p in policies]
        ax.bar(range(len(policies)), means, yerr=sds, capsize=3, color=[f"C{i}" for i in range(len(policies))])
        ax.set_xticks(range(len(policies)))
        ax.set_xticklabels(policies, rotation=30, ha="right", fontsize=8)
        ax.set_ylabel(label)
        ax.grid(axis="y", alpha=0.3)
    fig.suptitle("at 100 % arrived workload (mean +- sd over seeds)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--columns", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    df = load(a.columns).dropna(subset=["gpu_alloc_pct"])
    os.makedirs(a.out, exist_ok=True)
    seeds = df.seed.nunique()
    plots = []

    def add(file, title, caption):
        plots.append({"file": file, "title": title, "caption": caption})

    band_plot(df, "gpu_alloc_pct", lambda s: s, "GPU allocation", "GPU allocated (% of capacity)",
              os.path.join(a.out, "gpu_alloc.png"))
    add("gpu_alloc.png", "GPU allocation against arrived workload",
        f"Median over {seeds} seeds, 25-75 % band. Once arrivals pass capacity, the policy that strands "
        "less GPU keeps allocating.")
    band_plot(df, "gpu_alloc_pct", lambda s: 100 - s, "Unallocated GPU (the paper's Fig. 9a)",
              "unallocated GPU (%)", os.path.join(a.out, "unallocated.png"), xlim=(75, 120))
    add("unallocated.png", "Unallocated GPU against arrived workload, 75-120 %",
        f"100 - allocation; median over {seeds} seeds, 25-75 % band.")
    band_plot(df, "frag_pct", lambda s: s, "GPU fragmentation amount", "fragmented GPU (% of capacity)",
              os.path.join(a.out, "frag_amount.png"))
    add("frag_amount.png", "Fragmented GPU against arrived workload",
        "Idle GPU that the workload's typical pods could not use, % of capacity; median, 25-75 % band.")
    band_plot(df, "frag_ratio_pct", lambda s: s, "GPU fragmentation ratio", "fragmented share of idle GPU (%)",
              os.path.join(a.out, "frag_ratio.png"))
    add("frag_ratio.png", "Fragmentation ratio against arrived workload",
        "Fragmented GPU as a share of idle GPU; median, 25-75 % band.")
    bars(df, os.path.join(a.out, "bars_at_100.png"))
    add("bars_at_100.png", "At 100 % arrived workload",
        f"Unallocated and fragmented GPU, mean +- sd over {seeds} seeds (the paper's Figs. 11-14).")
    with open(os.path.join(a.out, "plots.json"), "w") as f:
        json.dump(plots, f, indent=1)


if __name__ == "__main__":
    main()
