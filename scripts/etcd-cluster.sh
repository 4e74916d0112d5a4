#!/usr/bin/env bash
# A 3-member etcd cluster on loopback (Debian's etcd-server), for managers on etcd and their tests.
#
#   scripts/etcd-cluster.sh up [DIR]     starts it (idempotent), prints the --store URL on stdout
#   scripts/etcd-cluster.sh down [DIR]   stops it and removes its data
#
# Members m1..m3 listen for clients on 127.0.0.1:BASE+1..3 and for peers on BASE+11..13
# (BASE = $DRYDOCK_ETCD_PORT_BASE, default 23780). DIR defaults to /tmp/drydock-etcd.
set -euo pipefail
cd "$(dirname "$0")/.."
action=${1:-up}
dir=${2:-/tmp/drydock-etcd}
base=${DRYDOCK_ETCD_PORT_BASE:-23780}
members=3

client_url() { echo "http://127.0.0.1:$((base + $1))"; }
peer_url() { echo "http://127.0.0.1:$((base + 10 + $1))"; }
store_url() {
  local urls=()
  for i in $(seq 1 $members); do urls+=("127.0.0.1:$((base + i))"); done
  (IFS=,; echo "etcd://${urls[*]}")
}

case "$action" in
  up)
    scripts/deps.sh etcd-server >&2
    mkdir -p "$dir"
    initial=()
    for i in $(seq 1 $members); do initial+=("m$i=$(peer_url "$i")"); done
    cluster=$(IFS=,; echo "${initial[*]}")
    for i in $(seq 1 $members); do
      pidfile="$dir/m$i.pid"
      if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then continue; fi
      state=new
      [ -d "$dir/m$i.data/member" ] && state=existing
      etcd --name "m$i" --data-dir "$dir/m$i.data" \
        --listen-client-urls "$(client_url "$i")" --advertise-client-urls "$(client_url "$i")" \
        --listen-peer-urls "$(peer_url "$i")" --initial-advertise-peer-urls "$(peer_url "$i")" \
        --initial-cluster "$cluster" --initial-cluster-state "$state" --initial-cluster-token drydock \
        --heartbeat-interval 100 --election-timeout 1000 >"$dir/m$i.log" 2>&1 </dev/null &
      echo $! >"$pidfile"
    done
    # Healthy when every member answers and the cluster has a leader (a write goes through).
    for _ in $(seq 1 100); do
      ok=1
      for i in $(seq 1 $members); do
        curl -sf -m 1 "$(client_url "$i")/health" | grep -q '"health":"true"' || ok=0
      done
      [ $ok = 1 ] && break
      sleep 0.2
    done
    if [ $ok != 1 ]; then
      echo "etcd-cluster: not healthy after 20 s; logs in $dir/m*.log" >&2
      tail -n 5 "$dir"/m*.log >&2
      exit 1
    fi
    echo "etcd-cluster: $members members up ($dir)" >&2
    store_url
    ;;
  down)
    for i in $(seq 1 $members); do
      pidfile="$dir/m$i.pid"
      [ -f "$pidfile" ] || continue
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$dir"
    ;;
  *)
    echo "usage: scripts/etcd-cluster.sh up|down [DIR]" >&2
    exit 2
    ;;
esac
