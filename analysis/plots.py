#!/usr/bin/python3
"""The plots of a drydock comparison, as PNG files, from a runs.csv and the run directories it names.

    /usr/bin/python3 analysis/plots.py --runs DIR/runs.csv --out DIR/plots

Writes, per grid point (suffix -g1, -g2... when the sweep has a grid):
  latency_cdf.png   CDF of placement latency and of time to running, per policy, all seeds pooled
  failures.png      replicas running around each host failure, mean over seeds with min-max band
  utilisation.png   cpu allocated, fragmentation and hosts in use over time, mean over seeds
  host_load.png     distribution of per-host load over hosts and seeds, per policy
and plots.json: [{file, title, caption}], which `drydock report` embeds with the captions.

Runs with Debian's python3-pandas and python3-matplotlib (call /usr/bin/python3: the python3 first on
PATH may be another interpreter without them). Reads results files only; errors name the file.
"""
import argparse
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")  # no display on build machines
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

MIN_AFTER = 60.0  # seconds shown after a crash at least; more when recovery takes longer
STEP = 0.5        # resolution of the replicas-running curves (s)
MAX_FAILURES_SHOWN = 4


class ResultsError(Exception):
    pass


def read_csv(path, columns):
    if not os.path.exists(path):
        raise ResultsError(f"{path}: missing")
    try:
        df = pd.read_csv(path, keep_default_na=False, na_values=[""])
    except Exception as e:  # pandas raises several types for a broken file
        raise ResultsError(f"{path}: corrupt CSV: {e}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise ResultsError(f"{path}: missing columns {missing}")
    return df


def read_summary(run_dir):
    path = os.path.join(run_dir, "summary.json")
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        raise ResultsError(f"{path}: missing")
    except json.JSONDecodeError as e:
        raise ResultsError(f"{path}: corrupt JSON: {e}")


def latencies(events):
    """Per replica: submitted -> placed and submitted -> started, matching analysis/metrics.cc (the
    latest submission before the event)."""
    sub = events[events.kind == "submitted"][["time", "replica"]].sort_values("time")
    out = {}
    for kind in ("placed", "started"):
        ev = events[events.kind == kind][["time", "replica"]].sort_values("time")
        if ev.empty or sub.empty:
            out[kind] = np.array([])
            continue
        m = pd.merge_asof(ev, sub.rename(columns={"time": "submitted"}), left_on="time", right_on="submitted",
                          by="replica", direction="backward")
        out[kind] = (m.time - m.submitted).dropna().to_numpy()
    return out


def running_curve(events):
    """(times, running replicas, desired replicas) as step functions from the event log: a replica
    counts from started until stopped or exited."""
    running = set()
    desired = {}
    times, run, want = [0.0], [0], [0]
    for t, kind, service, replica, detail in events[["time", "kind", "service", "replica", "detail"]].itertuples(index=False):
        if kind == "started":
            running.add(replica)
        elif kind in ("stopped", "exited"):
            running.discard(replica)
        elif kind == "scaled" and isinstance(detail, str) and "->" in detail:
            desired[service] = int(detail.split("->")[1])
        else:
            continue
        times.append(t)
        run.append(len(running))
        want.append(sum(desired.values()))
    return np.array(times), np.array(run), np.array(want)


def step_at(times, values, at):
    """Value of a right-continuous step function at each of `at` (the last change at or before)."""
    idx = np.searchsorted(times, at, side="right") - 1
    return values[np.clip(idx, 0, len(values) - 1)]


def finish(fig, path, grid):
    """Saves a figure; a sweep with a grid names the grid point on the figure itself, so that a PNG
    looked at on its own still says which scenario it shows."""
    if grid:
        fig.suptitle(grid, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def policy_colors(policies):
    cycle = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    return {p: cycle[i % len(cycle)] for i, p in enumerate(policies)}


# Policies often produce identical curves (the same seed, the same outcome); a line style and width
# per policy keeps a curve visible when another one lies exactly on top of it.
STYLES = [("-", 2.6), ("--", 2.0), (":", 2.2), ("-.", 1.6), ((0, (5, 1)), 1.3), ((0, (1, 1)), 1.1)]


def style(policies, p):
    ls, lw = STYLES[policies.index(p) % len(STYLES)]
    return {"ls": ls, "lw": lw}


def ecdf(ax, values, label, color, **kw):
    v = np.sort(values)
    if len(v) == 0:
        return
    y = np.arange(1, len(v) + 1) / len(v)
    ax.step(np.concatenate([[v[0]], v]), np.concatenate([[0], y]), where="post", label=f"{label} (n={len(v)})",
            color=color, **kw)


def plot_latency_cdf(runs, policies, colors, path, grid=""):
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    titles = {"placed": "placement latency (submitted → placed)", "started": "time to running (submitted → started)"}
    for ax, kind in zip(axes, ("placed", "started")):
        all_zero = True
        for p in policies:
            values = np.concatenate([r["latency"][kind] for r in runs if r["policy"] == p] or [np.array([])])
            all_zero = all_zero and (len(values) == 0 or np.all(values == 0))
            ecdf(ax, values, p, colors[p], **style(policies, p))
        ax.set_title(titles[kind])
        ax.set_xlabel("seconds")
        ax.set_ylabel("fraction of replicas")
        ax.set_ylim(0, 1.02)
        ax.grid(alpha=0.3)
        if all_zero:
            ax.text(0.5, 0.5, "every value is 0 s:\nplaced in the same instant", transform=ax.transAxes,
                    ha="center", va="center", color="0.3")
        ax.legend(loc="upper left", fontsize=8)  # a CDF rises to the right: upper left stays clear
    finish(fig, path, grid)


def plot_failures(runs, policies, colors, path, grid=""):
    """One panel per failure (by order of occurrence): replicas running from before the crash until
    after the slowest recovery, mean over seeds, band from the least to the most of any seed."""
    n_fail = max((len(r["failures"]) for r in runs), default=0)
    if n_fail == 0:
        return False
    shown = min(n_fail, MAX_FAILURES_SHOWN)
    fig, axes = plt.subplots(1, shown, figsize=(5.5 * shown, 4), squeeze=False)
    slowest = max([f.get("recovery_time") or f.get("detection_time") or 0 for r in runs for f in r["failures"]] or [0])
    after = max(MIN_AFTER, 1.5 * slowest)
    rel = np.arange(-0.25 * after, after + STEP / 2, STEP)
    for k in range(shown):
        ax = axes[0][k]
        host = None
        desired_line = None
        for p in policies:
            curves, detect = [], []
            for r in runs:
                if r["policy"] != p or len(r["failures"]) <= k:
                    continue
                f = r["failures"][k]
                host = f["host"]
                times, run, want = r["curve"]
                curves.append(step_at(times, run, f["failed_at"] + rel))
                desired_line = step_at(times, want, f["failed_at"] + rel)
                if f.get("detection_time") is not None:
                    detect.append(f["detection_time"])
            if not curves:
                continue
            c = np.array(curves)
            ax.plot(rel, c.mean(axis=0), color=colors[p], label=f"{p} (mean of {len(curves)})", **style(policies, p))
            ax.fill_between(rel, c.min(axis=0), c.max(axis=0), color=colors[p], alpha=0.15, step=None)
            if detect:
                ax.axvline(np.mean(detect), color=colors[p], ls=":", lw=1)
        if desired_line is not None:
            ax.plot(rel, desired_line, color="0.4", ls="--", lw=1, label="desired")
        ax.axvline(0, color="red", lw=1)
        ax.text(0, ax.get_ylim()[0], " crash", color="red", va="bottom", fontsize=8)
        ax.set_title(f"failure {k + 1}: host {host}")
        ax.set_xlabel("seconds since the crash")
        ax.set_ylabel("replicas running")
        ax.grid(alpha=0.3)
        ax.legend(loc="lower right", fontsize=8)
    finish(fig, path, grid)
    return True


def typical_request(summary, ts):
    """The request of the service with the most desired replicas at the end: the 'typical request' of
    the fragmentation metric (analysis/metrics.cc)."""
    services = summary["inventory"]["services"]
    desired = ts[(ts.scope == "service") & (ts.metric == "desired")]
    if not desired.empty:
        last = desired[desired.time == desired.time.max()]
        name = last.sort_values("value", ascending=False).iloc[0]["name"]
        if name in services:
            return services[name]
    return next(iter(services.values()), {"cpu": 0, "memory_mib": 0})


def host_frame(run):
    """Per-host samples (time, name, up, cpu, memory as fractions of capacity) or None."""
    ts = run["ts"]
    hosts = ts[ts.scope == "host"]
    if hosts.empty:
        return None
    wide = hosts.pivot_table(index=["time", "name"], columns="metric", values="value").reset_index()
    for col in ("up", "cpu_allocated", "memory_allocated"):
        if col not in wide.columns:
            return None
    return wide


def fragmentation_over_time(run):
    """Share of free cpu on hosts up where the typical request no longer fits, at each sample time."""
    wide = host_frame(run)
    if wide is None:
        return None
    inv = run["summary"]["inventory"]["hosts"]
    req = typical_request(run["summary"], run["ts"])
    wide = wide[wide.up > 0.5].copy()
    wide["cap_cpu"] = wide.name.map(lambda h: inv.get(h, {}).get("cpu", 0))
    wide["cap_mem"] = wide.name.map(lambda h: inv.get(h, {}).get("memory_mib", 0))
    wide["free_cpu"] = ((1 - wide.cpu_allocated) * wide.cap_cpu).clip(lower=0)
    wide["free_mem"] = ((1 - wide.memory_allocated) * wide.cap_mem).clip(lower=0)
    eps = 1e-9
    stranded = (wide.free_cpu + eps < req["cpu"]) | (wide.free_mem + eps < req["memory_mib"])
    wide["stranded"] = np.where(stranded, wide.free_cpu, 0.0)
    g = wide.groupby("time")[["free_cpu", "stranded"]].sum()
    return (g.stranded / g.free_cpu.where(g.free_cpu > 0)).fillna(0.0)


def cluster_series(run, metric):
    ts = run["ts"]
    s = ts[(ts.scope == "cluster") & (ts.metric == metric)]
    return s.set_index("time").value if not s.empty else None


def mean_band(ax, series_list, color, label, **kw):
    df = pd.concat(series_list, axis=1)
    ax.plot(df.index, df.mean(axis=1), color=color, label=f"{label} (mean of {df.shape[1]})", **kw)
    ax.fill_between(df.index, df.min(axis=1), df.max(axis=1), color=color, alpha=0.15)


def plot_utilisation(runs, policies, colors, path, grid=""):
    fig, axes = plt.subplots(1, 3, figsize=(15, 4))
    panels = [
        (axes[0], lambda r: cluster_series(r, "cpu_allocated"), "cpu allocated / capacity of hosts up", "fraction"),
        (axes[1], fragmentation_over_time, "fragmentation: free cpu where the typical request no longer fits",
         "fraction of free cpu"),
        (axes[2], lambda r: cluster_series(r, "hosts_in_use"), "hosts running a replica", "hosts"),
    ]
    for ax, get, title, ylabel in panels:
        any_data = False
        for p in policies:
            series = [s for s in (get(r) for r in runs if r["policy"] == p) if s is not None]
            if series:
                mean_band(ax, series, colors[p], p, **style(policies, p))
                any_data = True
        if not any_data:
            ax.text(0.5, 0.5, "not in timeseries.csv\n(no per-host samples at this scale)", transform=ax.transAxes,
                    ha="center", va="center", color="0.3")
        else:
            ax.legend(fontsize=8)
        for f in (runs[0]["failures"] if runs else []):
            ax.axvline(f["failed_at"], color="red", lw=0.8, alpha=0.6)
        if ylabel.startswith("fraction"):
            ax.set_ylim(bottom=0, top=max(0.05, ax.get_ylim()[1]))  # an all-zero line sits on the axis
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("simulated seconds")
        ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3)
    finish(fig, path, grid)


def per_host_load(run):
    """Per host: mean cpu allocated share over the samples where it was up, and replicas at the end."""
    wide = host_frame(run)
    if wide is None:
        return None, None
    up = wide[wide.up > 0.5]
    mean_cpu = up.groupby("name").cpu_allocated.mean()
    last = wide[wide.time == wide.time.max()]
    replicas = last.set_index("name").get("replicas_running")
    return mean_cpu, replicas


def plot_host_load(runs, policies, colors, path, grid=""):
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    cpu_data, rep_data = [], []
    for p in policies:
        cpu, reps = [], []
        for r in runs:
            if r["policy"] != p:
                continue
            c, n = per_host_load(r)
            if c is not None:
                cpu.extend(c.to_list())
            if n is not None:
                reps.extend(n.to_list())
        cpu_data.append(cpu)
        rep_data.append(reps)
    rng = np.random.default_rng(0)  # jitter only; fixed so the figure is reproducible
    for ax, data, title, ylabel in (
        (axes[0], cpu_data, "cpu allocated per host (time-mean while up)", "fraction of the host's cpu"),
        (axes[1], rep_data, "replicas running per host at the end", "replicas"),
    ):
        if not any(data):
            ax.text(0.5, 0.5, "no per-host samples in timeseries.csv", transform=ax.transAxes, ha="center")
            continue
        ax.boxplot([d if d else [np.nan] for d in data], labels=policies, showfliers=False)
        for i, (p, d) in enumerate(zip(policies, data)):
            x = i + 1 + rng.uniform(-0.15, 0.15, len(d))
            ax.scatter(x, d, s=8, alpha=0.4, color=colors[p])
        ax.set_title(title, fontsize=10)
        ax.set_ylabel(ylabel)
        ax.grid(alpha=0.3, axis="y")
    finish(fig, path, grid)


def load_runs(runs_csv):
    df = read_csv(runs_csv, ["grid", "policy", "seed", "run_dir"])
    base = os.path.dirname(os.path.abspath(runs_csv))
    runs = []
    index = df[["grid", "policy", "seed", "run_dir"]].drop_duplicates()
    index["grid"] = index["grid"].fillna("")
    for grid, policy, seed, run_dir in index.itertuples(index=False):
        d = run_dir if os.path.isabs(run_dir) else os.path.join(base, run_dir)
        summary = read_summary(d)
        events = read_csv(os.path.join(d, "events.csv"), ["time", "kind", "service", "replica", "host", "detail"])
        ts = read_csv(os.path.join(d, "timeseries.csv"), ["time", "scope", "name", "metric", "value"])
        runs.append({
            "grid": grid, "policy": policy, "seed": seed, "dir": d, "summary": summary, "ts": ts,
            "latency": latencies(events), "curve": running_curve(events),
            "failures": summary["metrics"].get("failures", []),
        })
    return runs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", required=True, help="runs.csv written by drydock report")
    ap.add_argument("--out", required=True, help="directory for the PNGs and plots.json")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    try:
        runs = load_runs(args.runs)
    except ResultsError as e:
        print(f"plots.py: {e}", file=sys.stderr)
        return 1
    if not runs:
        print(f"plots.py: {args.runs}: no runs", file=sys.stderr)
        return 1
    grids = list(dict.fromkeys(r["grid"] for r in runs))
    policies = list(dict.fromkeys(r["policy"] for r in runs))
    colors = policy_colors(policies)
    plots = []
    for gi, grid in enumerate(grids):
        sub = [r for r in runs if r["grid"] == grid]
        suffix = "" if len(grids) == 1 else f"-g{gi + 1}"
        where = f" [{grid}]" if grid else ""
        seeds = len({r["seed"] for r in sub})

        name = f"latency_cdf{suffix}.png"
        plot_latency_cdf(sub, policies, colors, os.path.join(args.out, name), grid)
        plots.append({"file": name, "title": f"Placement latency and time to running{where}",
                      "caption": f"Empirical CDF over every replica of every run ({seeds} seeds pooled) of each "
                                 "policy: left, submitted → placed; right, submitted → started (image pull and "
                                 "container start included). Further left is faster."})

        name = f"failures{suffix}.png"
        if plot_failures(sub, policies, colors, os.path.join(args.out, name), grid):
            plots.append({"file": name, "title": f"Replicas running around each host failure{where}",
                          "caption": "Replicas running from before each injected host crash (red line at 0) until "
                                     "well after the slowest recovery, from the event logs: line = mean over seeds, band = the "
                                     "least and the most of any seed; dotted vertical = mean time the host was "
                                     "declared down; dashed grey = desired replicas. The dip is what the crash "
                                     "took; its width is detection plus replacement."})

        name = f"utilisation{suffix}.png"
        plot_utilisation(sub, policies, colors, os.path.join(args.out, name), grid)
        plots.append({"file": name, "title": f"Utilisation and fragmentation over time{where}",
                      "caption": "From timeseries.csv, mean over seeds with min-max band: left, cpu allocated as "
                                 "a fraction of the capacity of hosts up; middle, fragmentation = share of free "
                                 "cpu on hosts where the typical request (of the largest service) no longer "
                                 "fits; right, hosts running at least one replica. Red lines: host crashes."})

        name = f"host_load{suffix}.png"
        plot_host_load(sub, policies, colors, os.path.join(args.out, name), grid)
        plots.append({"file": name, "title": f"Per-host load distribution{where}",
                      "caption": "One point per host and seed: left, the host's cpu allocated as a fraction of "
                                 "its capacity, averaged over the samples while it was up; right, replicas "
                                 "running on it at the end. Boxes: quartiles and median. A tall box is an "
                                 "uneven (packed) cluster, a flat one an even (spread) cluster."})

    with open(os.path.join(args.out, "plots.json"), "w") as f:
        json.dump(plots, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
