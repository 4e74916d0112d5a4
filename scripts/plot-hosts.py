#!/usr/bin/python3
"""Plots cluster autoscaler runs side by side: hosts powered on, hosts running a replica, power drawn
(the stated linear model, timeseries.csv power_w_all_up) and replicas running over time, one line per run.
   scripts/plot-hosts.py OUT.png LABEL=RESULTS_DIR [LABEL=RESULTS_DIR ...]
Uses Debian's python3-pandas and python3-matplotlib (call /usr/bin/python3, see DESIGN.md)."""
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

out, runs = sys.argv[1], [a.split("=", 1) for a in sys.argv[2:]]
fig, ax = plt.subplots(3, 1, figsize=(9, 8), sharex=True)
for label, results in runs:
    ts = pd.read_csv(f"{results}/timeseries.csv")
    c = ts[ts.scope == "cluster"].pivot_table(index="time", columns="metric", values="value")
    s = ts[ts.scope == "service"].groupby(["time", "metric"]).value.sum().unstack()
    minutes = c.index / 60.0
    ax[0].step(minutes, c["hosts_up"], where="post", label=f"{label}: up")
    ax[0].step(minutes, c["hosts_in_use"], where="post", linestyle=":", label=f"{label}: running a replica")
    if "power_w_all_up" in c:
        kwh = c["energy_kwh_all_up"].iloc[-1]
        ax[1].step(minutes, c["power_w_all_up"], where="post", label=f"{label}: {kwh:.3f} kWh in all")
    ax[2].step(s.index / 60.0, s["running"], where="post", label=f"{label}: running")
ax[0].set_ylabel("hosts")
ax[0].legend(loc="upper right", fontsize="small")
ax[1].set_ylabel("power (W), hosts up")
ax[1].legend(loc="upper right", fontsize="small")
ax[2].step(s.index / 60.0, s["desired"], where="post", color="grey", linestyle="--", label="desired")
ax[2].set_ylabel("replicas")
ax[2].set_xlabel("minutes")
ax[2].legend(loc="upper right", fontsize="small")
fig.tight_layout()
fig.savefig(out, dpi=90)
