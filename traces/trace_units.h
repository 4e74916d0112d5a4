// The stated machine sizes that turn normalised trace resources into drydock units.
//
// Google 2011 publishes CPU and memory divided by the largest machine's (so 1.0 = that machine); Alibaba
// 2018 publishes memory on a [0, 100] scale; Azure publishes size buckets such as ">24" cores. None of
// them says what the real machine was, so a replay must state an assumption. These are ours, and every
// one of them is a parameter (`--machine-cpu`, `--machine-memory-gib` on the command line).
#pragma once

namespace drydock::traces {

struct TraceUnits {
  // Google 2011: the largest machine (normalised 1.0). The 2011 fleet's common sizes are 0.25, 0.5 and
  // 1.0 of it. We state 1.0 = 32 cores and 128 GiB: a large dual-socket server of 2011, and a round
  // number that keeps a 0.5 machine at 16 cores / 64 GiB.
  double google_cpu_cores = 32;
  double google_memory_mib = 128 * 1024;

  // Alibaba 2018: cpu is in cores (machines) or 1/100 core (requests): no assumption needed. Memory is
  // normalised to [0, 100]; the trace's machines have 96 cores, and we state 100 = 512 GiB for them.
  double alibaba_memory_mib_at_100 = 512 * 1024;

  // Azure vmtable: the open-ended buckets ">24" cores and ">64" GB are read as these values.
  double azure_cores_above_24 = 32;
  double azure_memory_gib_above_64 = 128;

  // SWF: one "processor" is this many cores; memory is in KB per processor when given.
  double swf_cores_per_processor = 1;
};

}  // namespace drydock::traces
