# Shared settings of the local testbed scripts (sourced, not run).
#
# Each testbed host is one dockerd in its own network namespace (dd-hN) with its own address on a
# bridge (dd-br0, 10.77.0.0/24), its own data/exec roots, containerd namespace and freezer cgroup.
# The freezer cgroup holds the daemon, its containerd, the shims and (through --cgroup-parent) the
# containers, so a host can be crashed (SIGKILL to all of it) or hung (frozen) as one unit.
set -euo pipefail

TB_ROOT=${DRYDOCK_TESTBED:-/var/lib/drydock-testbed}
TB_BRIDGE=dd-br0
TB_NET=10.77.0
TB_IMAGE=drydock/busybox:latest
TB_FREEZER=/sys/fs/cgroup/freezer

tb_host_ns() { echo "dd-h$1"; }
tb_host_dir() { echo "$TB_ROOT/h$1"; }
tb_host_addr() { echo "$TB_NET.$((10 + $1))"; }
tb_host_sock() { echo "$TB_ROOT/h$1/docker.sock"; }
tb_host_cgroup() { echo "drydock-tb-h$1"; }

# The Debian client talks to the Debian daemon (API 1.41); a newer client on PATH also negotiates.
tb_docker() { local i=$1; shift; /usr/bin/docker -H "unix://$(tb_host_sock "$i")" "$@"; }

# Hosts that exist: the numbers of the dd-hN namespaces.
tb_hosts() { ip netns list 2>/dev/null | sed -n 's/^dd-h\([0-9]\+\).*/\1/p' | sort -n; }

# Every pid in a host's freezer cgroup subtree (daemon, containerd, shims, containers).
tb_host_pids() {
  local cg="$TB_FREEZER/$(tb_host_cgroup "$1")"
  [ -d "$cg" ] || return 0
  find "$cg" -name cgroup.procs -exec cat {} + 2>/dev/null | sort -u
}

tb_log() { echo "testbed: $*" >&2; }
