#!/usr/bin/env bash
# Live-mode tests against real Docker daemons: installs docker.io and busybox-static, starts a local
# testbed of 3 daemons (live/testbed/up), runs the live test programs, and always tears the testbed
# down again, also when a test fails or the run is interrupted. Needs root (namespaces, dockerd).
# Called by scripts/test.sh when present; runs on its own too. Exit status: non-zero if any test failed.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "live-tests: needs root (network namespaces and dockerd); skipping" >&2
  exit 0
fi
# prometheus: tests/live/test_prometheus_live.cc scrapes a manager with a real one (loopback, bounded).
scripts/deps.sh docker.io busybox-static iproute2 util-linux openssl prometheus etcd-server socat

# One testbed per machine (its bridge and namespaces have fixed names): a second run, from another
# checkout, waits for the first instead of tearing its daemons down under it.
exec 9>/run/drydock-testbed.lock
if ! flock -n 9; then
  echo "live-tests: another testbed run holds /run/drydock-testbed.lock; waiting" >&2
  flock 9
fi

build_dir=${DRYDOCK_BUILD_DIR:-build}
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >&2
fi
cmake --build "$build_dir" -j "$(nproc)" --target live_unit_tests live_e2e_tests live_chaos_tests drydock_live_cli drydock >&2

work=$(mktemp -d /tmp/drydock-live-tests.XXXXXX)
export DRYDOCK_TESTBED=${DRYDOCK_TESTBED:-/var/lib/drydock-testbed}
cleanup() {
  status=$?
  scripts/etcd-cluster.sh down "$work/etcd" || true
  live/testbed/down || true
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

live/testbed/up 3 "$work/hosts.yaml" >/dev/null
export DRYDOCK_HOSTS="$work/hosts.yaml"
# Managers on etcd: a 3-member cluster on loopback for the failover tests (tests/live/test_manager_etcd.cc).
DRYDOCK_ETCD=$(scripts/etcd-cluster.sh up "$work/etcd")
export DRYDOCK_ETCD

failed=0
for t in live_unit_tests live_e2e_tests; do
  echo "== $t" >&2
  # Bounded: a hung daemon must fail the run, not stall the CI budget.
  if ! timeout 900 "$build_dir/tests/live/$t" --gtest_color=no; then
    echo "live-tests: $t FAILED" >&2
    failed=1
  fi
done

# Chaos (tests/live/test_chaos.cc): 120 s of random faults and operations, then heal and converge;
# about 4 minutes in all on 3 hosts. DRYDOCK_CHAOS_SECONDS changes the length.
echo "== live_chaos_tests (${DRYDOCK_CHAOS_SECONDS:=120} s)" >&2
export DRYDOCK_CHAOS_SECONDS
if ! timeout 900 "$build_dir/tests/live/live_chaos_tests" --gtest_color=no; then
  echo "live-tests: live_chaos_tests FAILED" >&2
  failed=1
fi

# Sim vs live: one short scenario run live and simulated, reported side by side by the same analysis.
# The check is that both load and compare (every headline row has a figure on both sides), not that
# they agree to a given tolerance: the figures are in the log for a person to judge.
echo "== sim vs live (live/scenarios/testbed-sim-vs-live.yaml)" >&2
drydock="$build_dir/cli/drydock"
[ -x "$drydock" ] || drydock="$build_dir/drydock"
scenario=live/scenarios/testbed-sim-vs-live.yaml
if "$drydock" run "$scenario" --quiet --out "$work/sim" >&2 &&
   "$drydock" live "$scenario" --hosts "$work/hosts.yaml" --out "$work/live" >&2 &&
   "$drydock" report --sim "$work/sim" --live "$work/live" --out "$work/sim-vs-live.md"; then
  for row in all_running_at time_to_running.p50 failures.detection_time failures.recovery_time churn; do
    if ! grep -Eq "^\| \**$row\** \| [^|]* \| [0-9.e+-]+ \| [0-9.e+-]+ \|" "$work/sim-vs-live.md"; then
      echo "live-tests: sim vs live: no figure on both sides for $row" >&2
      failed=1
    fi
  done
else
  echo "live-tests: sim vs live FAILED" >&2
  failed=1
fi
exit $failed
