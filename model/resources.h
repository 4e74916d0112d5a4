// A resource vector: CPU cores, memory in MiB and GPUs (fractions allowed, as in Alibaba's GPU trace).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>

namespace drydock {

enum class Dim : std::size_t { kCpu = 0, kMemory = 1, kGpu = 2 };
inline constexpr std::size_t kDims = 3;
inline constexpr std::array<const char*, kDims> kDimNames = {"cpu", "memory", "gpu"};

struct Resources {
  double cpu = 0;         // cores
  double memory_mib = 0;  // MiB
  double gpu = 0;         // devices; 0.5 = half of one

  double operator[](Dim d) const { return d == Dim::kCpu ? cpu : d == Dim::kMemory ? memory_mib : gpu; }
  double& operator[](Dim d) { return d == Dim::kCpu ? cpu : d == Dim::kMemory ? memory_mib : gpu; }

  Resources& operator+=(const Resources& o) {
    cpu += o.cpu;
    memory_mib += o.memory_mib;
    gpu += o.gpu;
    return *this;
  }
  Resources& operator-=(const Resources& o) {
    cpu -= o.cpu;
    memory_mib -= o.memory_mib;
    gpu -= o.gpu;
    return *this;
  }
  friend Resources operator+(Resources a, const Resources& b) { return a += b; }
  friend Resources operator-(Resources a, const Resources& b) { return a -= b; }
  friend Resources operator*(Resources a, double k) { return {a.cpu * k, a.memory_mib * k, a.gpu * k}; }
  bool operator==(const Resources&) const = default;

  // True when every dimension of `demand` fits in this (free) vector. The epsilon absorbs the rounding
  // of repeated additions of fractional requests (0.1 CPU ten times is not exactly 1.0).
  bool fits(const Resources& demand) const {
    constexpr double kEps = 1e-9;
    return demand.cpu <= cpu + kEps && demand.memory_mib <= memory_mib + kEps && demand.gpu <= gpu + kEps;
  }
  bool non_negative() const { return cpu >= 0 && memory_mib >= 0 && gpu >= 0; }
};

}  // namespace drydock
