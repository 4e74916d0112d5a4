#!/usr/bin/env bash
# README command 1: install what is missing, build what is stale, simulate the standard scenario
# (100 replicas on 10 hosts, one host crashes at 300 s and returns at 900 s) and print its summary.
#   scripts/run-standard.sh [extra drydock run options, e.g. --policy binpack --seed 7]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh --target drydock
exec ./build/drydock run workloads/scenarios/seed-100-replicas.yaml --out results/seed "$@"
