# Shared settings of the local testbed scripts (sourced, not run).
#
# Each testbed host is one dockerd in its own network namespace (dd-hN) with its own address on a
# bridge (dd-br0, 10.77.0.0/24), its own data/exec roots, containerd namespace and cgroup. The host's
# cgroup holds the daemon, its containerd and the shims (in .../daemon) and, through --cgroup-parent,
# the containers (in .../containers), so a host can be crashed (SIGKILL to all of it) or hung (frozen)
# as one unit. Works with cgroup v1 (the freezer hierarchy) and v2 (cgroup.freeze).
set -euo pipefail

TB_ROOT=${DRYDOCK_TESTBED:-/var/lib/drydock-testbed}
TB_BRIDGE=dd-br0
TB_NET=10.77.0
TB_IMAGE=drydock/busybox:latest
if [ -d /sys/fs/cgroup/freezer ]; then
  TB_CG_MODE=v1; TB_CG_ROOT=/sys/fs/cgroup/freezer
else
  TB_CG_MODE=v2; TB_CG_ROOT=/sys/fs/cgroup
fi

tb_host_ns() { echo "dd-h$1"; }
tb_host_dir() { echo "$TB_ROOT/h$1"; }
tb_host_addr() { echo "$TB_NET.$((10 + $1))"; }
tb_host_sock() { echo "$TB_ROOT/h$1/docker.sock"; }
tb_host_cgroup() { echo "drydock-tb-h$1"; }
tb_host_cg_dir() { echo "$TB_CG_ROOT/drydock-tb-h$1"; }
# tb_freeze N 1|0: freeze or thaw everything of host N.
tb_freeze() {
  local d; d=$(tb_host_cg_dir "$1")
  [ -d "$d" ] || return 0
  if [ "$TB_CG_MODE" = v1 ]; then
    if [ "$2" = 1 ]; then echo FROZEN >"$d/freezer.state"; else echo THAWED >"$d/freezer.state"; fi
  else
    echo "$2" >"$d/cgroup.freeze"
  fi
}

# The Debian client talks to the Debian daemon (API 1.41); a newer client on PATH also negotiates.
tb_docker() { local i=$1; shift; /usr/bin/docker -H "unix://$(tb_host_sock "$i")" "$@"; }

# Hosts that exist: the numbers of the dd-hN namespaces.
tb_hosts() { ip netns list 2>/dev/null | sed -n 's/^dd-h\([0-9]\+\).*/\1/p' | sort -n; }

# Every pid in a host's freezer cgroup subtree (daemon, containerd, shims, containers).
tb_host_pids() {
  local cg; cg=$(tb_host_cg_dir "$1")
  [ -d "$cg" ] || return 0
  find "$cg" -name cgroup.procs -exec cat {} + 2>/dev/null | sort -u
}

tb_log() { echo "testbed: $*" >&2; }
