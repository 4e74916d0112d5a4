#include "model/go_rand.h"

#include <stdexcept>

namespace drydock {

namespace {

constexpr std::uint64_t kMask63 = (std::uint64_t{1} << 63) - 1;
constexpr std::int32_t kM = 2147483647;  // 2^31 - 1

// The Park-Miller step x' = 48271 x mod (2^31 - 1), by Schrage's method as Go computes it.
std::int32_t seed_step(std::int32_t x) {
  constexpr std::int32_t a = 48271, q = 44488, r = 3399;
  const std::int32_t hi = x / q, lo = x % q;
  x = a * lo - r * hi;
  if (x < 0) x += kM;
  return x;
}

std::int32_t normalise_seed(std::int64_t seed) {
  seed %= kM;
  if (seed < 0) seed += kM;
  if (seed == 0) seed = 89482311;
  return static_cast<std::int32_t>(seed);
}

// The 607 seeding words: after 20 discarded steps, each word mixes three Park-Miller values, shifted
// by `high`, `mid` and 0 bits.
std::array<std::uint64_t, GoRand::kLen> seed_words(std::int64_t seed, int high, int mid) {
  std::array<std::uint64_t, GoRand::kLen> words{};
  auto word = [](std::int32_t v) { return static_cast<std::uint64_t>(static_cast<std::int64_t>(v)); };
  std::int32_t x = normalise_seed(seed);
  for (int i = -20; i < GoRand::kLen; ++i) {
    x = seed_step(x);
    if (i < 0) continue;
    std::uint64_t u = word(x) << high;
    x = seed_step(x);
    u ^= word(x) << mid;
    x = seed_step(x);
    words[i] = u ^ word(x);
  }
  return words;
}

// Polynomials over Z/2^64 modulo P(x) = x^607 - x^334 - 1, the characteristic polynomial of
// y[k] = y[k-273] + y[k-607]. If x^n = sum c_i x^i (mod P) then y[n+j] = sum c_i y[i+j].
using Poly = std::vector<std::uint64_t>;
constexpr int kLen = GoRand::kLen;
constexpr int kLag = GoRand::kLen - GoRand::kTap;  // 334

void reduce(Poly& c) {
  for (int i = static_cast<int>(c.size()) - 1; i >= kLen; --i) {
    c[i - GoRand::kTap] += c[i];  // x^i = x^(i-273) + x^(i-607)
    c[i - kLen] += c[i];
  }
  c.resize(kLen);
}

Poly multiply(const Poly& a, const Poly& b) {
  Poly c(2 * kLen - 1, 0);
  for (int i = 0; i < kLen; ++i) {
    if (a[i] == 0) continue;
    for (int j = 0; j < kLen; ++j) c[i + j] += a[i] * b[j];
  }
  reduce(c);
  return c;
}

Poly times_x(const Poly& a) {
  Poly c(kLen + 1, 0);
  for (int i = 0; i < kLen; ++i) c[i + 1] = a[i];
  reduce(c);
  return c;
}

std::array<std::uint64_t, kLen> compute_cooked() {
  // The generator behind the cooked table: seeded with 1 (its seeding mixes three Park-Miller words
  // with shifts 20 and 10), tap 0, feed 334, then stepped 7.8e12 times.
  const std::array<std::uint64_t, kLen> start = seed_words(1, 20, 10);
  // Step t (1-based) writes y[606 + t] into slot (334 - t) mod 607, so slot p starts with
  // y[(333 - p) mod 607] and after T steps holds y[T + ((333 - p - T) mod 607)].
  auto mod = [](std::int64_t v) { return static_cast<int>(((v % kLen) + kLen) % kLen); };
  std::vector<std::uint64_t> y(2 * kLen);
  for (int i = 0; i < kLen; ++i) y[i] = start[mod(kLag - 1 - i)];
  for (int i = kLen; i < 2 * kLen; ++i) y[i] = y[i - kLen] + y[i - GoRand::kTap];

  constexpr std::uint64_t kSteps = 7'800'000'000'000ULL;
  Poly power(kLen, 0);
  power[0] = 1;
  for (int bit = 63; bit >= 0; --bit) {
    power = multiply(power, power);
    if ((kSteps >> bit) & 1) power = times_x(power);
  }
  std::array<std::uint64_t, kLen> cooked{};
  for (int p = 0; p < kLen; ++p) {
    const int j = mod(static_cast<std::int64_t>(kLag - 1 - p) - static_cast<std::int64_t>(kSteps % kLen));
    std::uint64_t v = 0;
    for (int i = 0; i < kLen; ++i) v += power[i] * y[i + j];
    cooked[p] = v & kMask63;
  }
  return cooked;
}

}  // namespace

const std::array<std::uint64_t, GoRand::kLen>& GoRand::cooked_state() {
  static const std::array<std::uint64_t, kLen> cooked = compute_cooked();
  return cooked;
}

void GoRand::seed_with(std::int64_t seed) {
  const auto& cooked = cooked_state();
  tap_ = 0;
  feed_ = kLen - kTap;
  const std::array<std::uint64_t, kLen> words = seed_words(seed, 40, 20);
  for (int i = 0; i < kLen; ++i) vec_[i] = words[i] ^ cooked[i];
}

std::int64_t GoRand::int63() {
  if (--tap_ < 0) tap_ += kLen;
  if (--feed_ < 0) feed_ += kLen;
  const std::uint64_t x = vec_[feed_] + vec_[tap_];
  vec_[feed_] = x;
  return static_cast<std::int64_t>(x & kMask63);
}

std::uint32_t GoRand::uint32() { return static_cast<std::uint32_t>(int63() >> 31); }
std::int32_t GoRand::int31() { return static_cast<std::int32_t>(int63() >> 32); }

std::int64_t GoRand::int63n(std::int64_t n) {
  if (n <= 0) throw std::invalid_argument("GoRand::int63n: n must be positive");
  if ((n & (n - 1)) == 0) return int63() & (n - 1);
  const std::int64_t max = static_cast<std::int64_t>((std::uint64_t{1} << 63) - 1 - ((std::uint64_t{1} << 63) % static_cast<std::uint64_t>(n)));
  std::int64_t v = int63();
  while (v > max) v = int63();
  return v % n;
}

std::int32_t GoRand::int31n(std::int32_t n) {
  if (n <= 0) throw std::invalid_argument("GoRand::int31n: n must be positive");
  if ((n & (n - 1)) == 0) return int31() & (n - 1);
  const std::int32_t max = static_cast<std::int32_t>((std::uint32_t{1} << 31) - 1 - ((std::uint32_t{1} << 31) % static_cast<std::uint32_t>(n)));
  std::int32_t v = int31();
  while (v > max) v = int31();
  return v % n;
}

int GoRand::intn(int n) {
  if (n <= 0) throw std::invalid_argument("GoRand::intn: n must be positive");
  return static_cast<int>(int31n(static_cast<std::int32_t>(n)));
}

double GoRand::float64() {
  for (;;) {
    const double f = static_cast<double>(int63n(std::int64_t{1} << 53)) / static_cast<double>(std::int64_t{1} << 53);
    if (f < 1) return f;
  }
}

std::int32_t GoRand::lemire_int31n(std::int32_t n) {
  std::uint32_t v = uint32();
  std::uint64_t prod = static_cast<std::uint64_t>(v) * static_cast<std::uint64_t>(n);
  std::uint32_t low = static_cast<std::uint32_t>(prod);
  if (low < static_cast<std::uint32_t>(n)) {
    const std::uint32_t thresh = static_cast<std::uint32_t>(-n) % static_cast<std::uint32_t>(n);
    while (low < thresh) {
      v = uint32();
      prod = static_cast<std::uint64_t>(v) * static_cast<std::uint64_t>(n);
      low = static_cast<std::uint32_t>(prod);
    }
  }
  return static_cast<std::int32_t>(prod >> 32);
}

std::vector<int> GoRand::perm(int n) {
  std::vector<int> m(n);
  for (int i = 0; i < n; ++i) {
    const int j = intn(i + 1);
    m[i] = m[j];
    m[j] = i;
  }
  return m;
}

}  // namespace drydock
