// Go 1.x's math/rand, reimplemented so that an experiment seeded the way its authors seeded Go's global
// generator draws the very same numbers (the FGD paper's simulator shuffles, resamples and breaks ties
// with it: ../shared/gpu/FGD-PROTOCOL.md section 1.3). Only the calls those experiments make are here.
//
// The source is an additive lagged Fibonacci generator, y[k] = y[k-607] + y[k-273] (mod 2^64), whose
// seeded state is XORed with a fixed "cooked" vector: the state of the same generator seeded with 1
// after 7.8e12 steps. Rather than carry 607 magic constants, cooked_state() computes that vector by
// jumping ahead (x^7.8e12 modulo the characteristic polynomial), in about 20 ms once per process.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace drydock {

class GoRand {
 public:
  static constexpr int kLen = 607;
  static constexpr int kTap = 273;

  explicit GoRand(std::int64_t seed = 1) { seed_with(seed); }
  void seed_with(std::int64_t seed);  // rand.Seed

  std::int64_t int63();         // rand.Int63: uniform in [0, 2^63)
  std::uint32_t uint32();       // rand.Uint32
  std::int32_t int31();         // rand.Int31
  std::int64_t int63n(std::int64_t n);  // rand.Int63n, n > 0 (rejection sampling)
  std::int32_t int31n(std::int32_t n);  // rand.Int31n, n > 0 (rejection sampling)
  int intn(int n);                      // rand.Intn, n > 0
  double float64();                     // rand.Float64
  // rand.Shuffle's index sequence: for i = n-1 down to 1, swap(i, j) with j uniform in [0, i], drawn by
  // the multiply-shift int31n that Shuffle (and only Shuffle) uses.
  template <class Swap>
  void shuffle(int n, Swap swap) {
    for (int i = n - 1; i > 0; --i) swap(i, static_cast<int>(lemire_int31n(i + 1)));
  }
  std::vector<int> perm(int n);  // rand.Perm

  // The 607 cooked words (low 63 bits), computed on first use.
  static const std::array<std::uint64_t, kLen>& cooked_state();

 private:
  std::int32_t lemire_int31n(std::int32_t n);
  std::array<std::uint64_t, kLen> vec_{};
  int tap_ = 0;
  int feed_ = kLen - kTap;
};

}  // namespace drydock
