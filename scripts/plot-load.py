#!/usr/bin/python3
"""Plots a load/HPA run: request rate, replicas desired and running, p99 latency against the SLO.
   scripts/plot-load.py RESULTS_DIR OUT.png [SERVICE] [SLO_SECONDS]
Uses Debian's python3-pandas and python3-matplotlib (call /usr/bin/python3, see DESIGN.md)."""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

results, out = sys.argv[1], sys.argv[2]
service = sys.argv[3] if len(sys.argv) > 3 else "api"
slo = float(sys.argv[4]) if len(sys.argv) > 4 else None
ts = pd.read_csv(f"{results}/timeseries.csv")
s = ts[(ts.scope == "service") & (ts.name == service)].pivot_table(index="time", columns="metric", values="value")
hours = s.index / 3600.0
fig, ax = plt.subplots(3, 1, figsize=(9, 8), sharex=True)
ax[0].plot(hours, s["request_rate"], label="offered")
ax[0].plot(hours, s["dropped_rate"], label="dropped", color="red")
ax[0].set_ylabel("requests/s")
ax[0].legend(loc="upper left")
ax[1].step(hours, s["desired"], where="post", label="desired (HPA)")
ax[1].step(hours, s["running"], where="post", label="running")
ax[1].set_ylabel("replicas")
ax[1].legend(loc="upper left")
ax[2].plot(hours, s["latency_p99"] * 1000, label="p99")
ax[2].plot(hours, s["latency_p50"] * 1000, label="p50")
if slo:
    ax[2].axhline(slo * 1000, color="red", linestyle="--", label="SLO (p99)")
ax[2].set_ylabel("latency (ms)")
ax[2].set_yscale("log")
ax[2].set_xlabel("time (h)")
ax[2].legend(loc="upper left")
fig.suptitle(f"{service}: load, HPA replicas and latency")
fig.tight_layout()
fig.savefig(out, dpi=90)
