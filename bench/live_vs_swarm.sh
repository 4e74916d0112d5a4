#!/usr/bin/env bash
# bench/live_vs_swarm.sh [--record]: drydock and Docker Swarm side by side on the same local testbed
# (HOSTS dockerd hosts in network namespaces, live/testbed/up HOSTS; default 3), the same image and the
# same policy (spread):
#   1. time from `service create --replicas=REPLICAS` (default 100) until they all run, and their spread;
#   2. crash the last host for real (daemon and containers SIGKILLed): time until it is declared down,
#      and until its replicas run again elsewhere (REPLICAS running on the surviving hosts).
# DETECTORS=swarm runs drydock with Swarm's detector only (the fair comparison, and half the time).
# drydock runs twice: with Swarm's failure detector (5 s heartbeats, down after 15 s) and with a fast
# one (1 s probes, down after 5 s). Prints a Markdown section; --record appends it to bench/RESULTS.md.
# Needs root; brings the testbed up if it is not, and down again at the end if it brought it up.
set -euo pipefail
cd "$(dirname "$0")/.."
record=0
[ "${1:-}" = "--record" ] && record=1
source live/testbed/common.sh
set +e  # measurements go on when one probe command fails

REPLICAS=${REPLICAS:-100}
HOSTS=${HOSTS:-3}
DETECTORS=${DETECTORS:-swarm,fast}
LAST=$HOSTS
hosts_yaml=$TB_ROOT/hosts.yaml
brought_up=0
if [ "$(tb_hosts | wc -l)" -lt "$HOSTS" ] || [ ! -f "$hosts_yaml" ]; then
  live/testbed/up "$HOSTS" >/dev/null || exit 1
  brought_up=1
fi
cleanup() {
  [ -n "${mgr_pid:-}" ] && kill "$mgr_pid" 2>/dev/null && wait "$mgr_pid" 2>/dev/null
  for i in $(seq 1 "$HOSTS"); do tb_docker "$i" swarm leave --force >/dev/null 2>&1; done
  [ $brought_up = 1 ] && live/testbed/down
}
trap cleanup EXIT

# The drydock binary: the full one if built, else the live-only one of the tests.
DRYDOCK=${DRYDOCK:-}
for c in build/drydock build-live/drydock build/tests/live/drydock_live_cli build-live/tests/live/drydock_live_cli; do
  [ -z "$DRYDOCK" ] && [ -x "$c" ] && "$c" manager --help >/dev/null 2>&1 && DRYDOCK=$c
done
[ -n "$DRYDOCK" ] || { echo "bench: build drydock first (scripts/build.sh)" >&2; exit 1; }

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
running_on() {  # running drydock containers of the bench on host N
  tb_docker "$1" ps -q --filter label=drydock.cluster=bench --filter label=drydock.service=web 2>/dev/null | wc -l
}
running_total() {  # on hosts 1..$1
  local n=0
  for i in $(seq 1 "$1"); do n=$(( n + $(running_on "$i") )); done
  echo $n
}
spread() { for i in $(seq 1 "$HOSTS"); do running_on "$i"; done | paste -sd/; }
declare -A R  # results

run_drydock() {  # $1 = label, then manager flags
  local label=$1; shift
  rm -f "$TB_ROOT/bench.db"*
  "$DRYDOCK" manager --hosts "$hosts_yaml" --state "$TB_ROOT/bench.db" --port 17070 --cluster bench "$@" \
    >"$TB_ROOT/bench-manager-$label.log" 2>&1 &
  mgr_pid=$!
  local api=http://127.0.0.1:17070
  for _ in $(seq 1 100); do "$DRYDOCK" host ls --manager $api >/dev/null 2>&1 && break; sleep 0.1; done
  sleep 1
  local t0; t0=$(now)
  "$DRYDOCK" service create --manager $api --name web --replicas "$REPLICAS" --memory 16 --cpu 0.01 \
    drydock/busybox:latest sleep 100000 >/dev/null
  while [ "$(running_total "$HOSTS")" -lt "$REPLICAS" ]; do sleep 0.2; done
  R[$label,create]=$(since "$t0")
  R[$label,spread]=$(spread)
  sleep 2
  t0=$(now)
  live/testbed/crash "$LAST" kill 2>/dev/null
  local down=""
  while true; do
    [ -z "$down" ] && "$DRYDOCK" host ls --manager $api 2>/dev/null | grep -q "^h$LAST *down" && down=$(since "$t0")
    if [ "$(running_total $((HOSTS - 1)))" -ge "$REPLICAS" ]; then break; fi
    sleep 0.2
  done
  R[$label,replaced]=$(since "$t0")
  R[$label,down]=${down:-"(not seen)"}
  live/testbed/up "$HOSTS" >/dev/null 2>&1  # the crashed host back; drydock removes the dead containers it held
  "$DRYDOCK" service rm web --manager $api >/dev/null
  for _ in $(seq 1 3000); do [ "$(running_total "$HOSTS")" -eq 0 ] && break; sleep 0.2; done
  kill "$mgr_pid"; wait "$mgr_pid" 2>/dev/null; mgr_pid=""
}

run_swarm() {
  local label=swarm
  tb_docker 1 swarm init --advertise-addr "$(tb_host_addr 1)" >/dev/null || return
  local token; token=$(tb_docker 1 swarm join-token -q worker)
  for i in $(seq 2 "$HOSTS"); do tb_docker "$i" swarm join --advertise-addr "$(tb_host_addr "$i")" --token "$token" "$(tb_host_addr 1):2377" >/dev/null; done
  local victim; victim=$(tb_docker "$LAST" info --format '{{.Swarm.NodeID}}')
  sleep 2
  swarm_running() {  # running tasks of web, optionally not on node $1
    local ids; ids=$(tb_docker 1 service ps -q --filter desired-state=running web 2>/dev/null)
    [ -z "$ids" ] && { echo 0; return; }
    tb_docker 1 inspect --format '{{.NodeID}} {{.Status.State}}' $ids 2>/dev/null |
      awk -v skip="${1:-none}" '$2 == "running" && $1 != skip' | wc -l
  }
  local t0; t0=$(now)
  tb_docker 1 service create --detach --no-resolve-image --name web --replicas "$REPLICAS" \
    --reserve-cpu 0.01 --reserve-memory 16M --limit-memory 16M drydock/busybox:latest sleep 100000 >/dev/null
  while [ "$(swarm_running)" -lt "$REPLICAS" ]; do sleep 0.2; done
  R[$label,create]=$(since "$t0")
  R[$label,spread]=$(for n in $(tb_docker 1 node ls -q); do
      tb_docker 1 node ps --filter desired-state=running -q "$n" | wc -l; done | paste -sd/)
  sleep 2
  t0=$(now)
  live/testbed/crash "$LAST" kill 2>/dev/null
  local down=""
  while true; do
    [ -z "$down" ] && [ "$(tb_docker 1 node inspect --format '{{.Status.State}}' "$victim")" = down ] && down=$(since "$t0")
    [ "$(swarm_running "$victim")" -ge "$REPLICAS" ] && break
    sleep 0.2
  done
  R[$label,replaced]=$(since "$t0")
  R[$label,down]=${down:-"(not seen)"}
  tb_docker 1 service rm web >/dev/null
  for _ in $(seq 1 3000); do [ "$(tb_docker 1 ps -q | wc -l)" -eq 0 ] && break; sleep 0.2; done
  live/testbed/up "$HOSTS" >/dev/null 2>&1
}

echo "bench: drydock with Swarm's detector" >&2
run_drydock drydock-swarm-detector --probe-period 5 --suspect-after 7.5 --down-after 15
if [[ $DETECTORS == *fast* ]]; then
  echo "bench: drydock with a fast detector" >&2
  run_drydock drydock-fast-detector --probe-period 1 --suspect-after 2 --down-after 5
fi
echo "bench: Docker Swarm" >&2
run_swarm

fast_row=""
[[ $DETECTORS == *fast* ]] && fast_row="| drydock | fast: 1 s probes, down after 5 s | ${R[drydock-fast-detector,create]} | ${R[drydock-fast-detector,spread]} | ${R[drydock-fast-detector,down]} | ${R[drydock-fast-detector,replaced]} |"$'\n'
section=$(cat <<MD

## Live: drydock vs Docker Swarm on the local testbed (bench/live_vs_swarm.sh)

$(date -u +%Y-%m-%d), $(nproc) cores, dockerd $(dockerd --version | awk '{print $3}' | tr -d ,), $HOSTS daemons in network
namespaces (live/testbed/up $HOSTS), image drydock/busybox (busybox-static), $REPLICAS replicas of \`sleep\`, policy spread
(Swarm's own, and drydock's \`spread\`). Crash = host h$LAST's dockerd, containerd, shims and containers SIGKILLed
(live/testbed/crash $LAST kill). Times in seconds from the command / the crash, polled every 0.2 s from the daemons' own
listings (ground truth), one run each; the machine was shared with other builds, so expect noise.

| orchestrator | detector | $REPLICAS running after | spread over h1..h$HOSTS | crashed host declared down after | its replicas running elsewhere after |
|---|---|---|---|---|---|
| drydock | Swarm's: 5 s probes, down after 15 s | ${R[drydock-swarm-detector,create]} | ${R[drydock-swarm-detector,spread]} | ${R[drydock-swarm-detector,down]} | ${R[drydock-swarm-detector,replaced]} |
${fast_row}| Docker Swarm 20.10 | 5 s heartbeats, down after ~15 s | ${R[swarm,create]:-?} | ${R[swarm,spread]:-?} | ${R[swarm,down]:-?} | ${R[swarm,replaced]:-?} |
MD
)
echo "$section"
[ $record = 1 ] && echo "$section" >> bench/RESULTS.md
exit 0
