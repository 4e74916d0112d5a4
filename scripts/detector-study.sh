#!/usr/bin/env bash
# The failure-detector study: runs workloads/scenarios/detector-study*.yaml under each detector and
# several seeds (each seed shifts every host's heartbeat phase, so crashes land at different points of
# the heartbeat cycle) and prints detection time against false suspicions.
#   scripts/detector-study.sh [BUILD_DIR] [SEEDS]      default: build, 5 seeds
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
seeds=${2:-5}
bin="$build/drydock"
out=${DETECTOR_STUDY_OUT:-results/detector-study}
mkdir -p "$out"

detectors=(
  "swarm|{kind: fixed-timeout, preset: swarm}"
  "kubernetes-grace|{kind: fixed-timeout, preset: kubernetes-grace}"
  "phi-accrual|{kind: phi-accrual}"
  "phi-accrual-10|{kind: phi-accrual, threshold: 10}"
  "phi-exponential|{kind: phi-exponential}"
  "phi-exponential-3|{kind: phi-exponential, threshold: 3, suspect_threshold: 1.5}"
)

for scenario in detector-study detector-study-long-pauses; do
  for d in "${detectors[@]}"; do
    name=${d%%|*}
    spec=${d#*|}
    yaml="$out/$scenario-$name.yaml"
    # The kubernetes presets also set a 10 s heartbeat; the study keeps every detector on the same 5 s
    # beats (the scenario's explicit control.heartbeat wins over a preset).
    sed "s|detector: {kind: fixed-timeout, preset: swarm}|detector: $spec|" "workloads/scenarios/$scenario.yaml" > "$yaml"
    for seed in $(seq 1 "$seeds"); do
      "$bin" run "$yaml" --seed "$seed" --quiet --out "$out/$scenario-$name-s$seed" > /dev/null &
    done
    wait
  done
done

/usr/bin/python3 - "$out" "$seeds" <<'PY'
import json, sys, statistics
out, seeds = sys.argv[1], int(sys.argv[2])
names = ["swarm", "kubernetes-grace", "phi-accrual", "phi-accrual-10", "phi-exponential", "phi-exponential-3"]
for scenario in ["detector-study", "detector-study-long-pauses"]:
    print(f"\n{scenario} ({seeds} seeds; 4 crashes + 2 hangs to detect per run)")
    print(f"{'detector':<20}{'detected':>9}{'mean s':>9}{'p50 s':>8}{'max s':>8}{'false susp.':>12}{'false downs':>12}{'rep-s lost':>11}")
    for name in names:
        det, falses, downs, lost, found, total = [], 0, 0, 0.0, 0, 0
        for seed in range(1, seeds + 1):
            m = json.load(open(f"{out}/{scenario}-{name}-s{seed}/summary.json"))["metrics"]
            for f in m["failures"]:
                total += 1
                lost += f["replica_seconds_lost"]
                if f["detection_time"] is not None:
                    found += 1
                    det.append(f["detection_time"])
            falses += m["false_suspicions"]
            downs += m["false_downs"]
        det.sort()
        mean = statistics.mean(det) if det else float("nan")
        p50 = statistics.median(det) if det else float("nan")
        mx = max(det) if det else float("nan")
        print(f"{name:<20}{found:>5}/{total:<3}{mean:>9.2f}{p50:>8.2f}{mx:>8.2f}{falses:>12}{downs:>12}{lost/seeds:>11.0f}")
PY
