// A mutation fuzzer in a unit test: thousands of corrupted variants of the standard scenario must
// either load or fail with a ScenarioError, never crash or throw anything else. (Seeded: reproducible.)
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "model/rng.h"
#include "workloads/scenario.h"

namespace drydock {
namespace {

TEST(ScenarioFuzz, CorruptedScenariosFailCleanly) {
  std::ifstream in("workloads/scenarios/seed-100-replicas.yaml");
  ASSERT_TRUE(in) << "run from the repository root";
  std::stringstream text;
  text << in.rdbuf();
  const std::string original = text.str();
  const std::string alphabet = "{}[]:,-#'\"\n 0123456789.abcsGiBMkm!&*|>";
  Rng rng(42);
  int loaded = 0, rejected = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string s = original;
    const int edits = 1 + static_cast<int>(rng.below(4));
    for (int e = 0; e < edits; ++e) {
      const std::size_t pos = rng.below(s.size());
      switch (rng.below(3)) {
        case 0: s[pos] = alphabet[rng.below(alphabet.size())]; break;
        case 1: s.erase(pos, 1 + rng.below(8)); break;
        default: s.insert(pos, 1, alphabet[rng.below(alphabet.size())]); break;
      }
    }
    try {
      parse_scenario(s, "fuzz.yaml");
      ++loaded;
    } catch (const ScenarioError& e) {
      ++rejected;
      EXPECT_EQ(std::string(e.what()).rfind("fuzz.yaml", 0), 0u) << e.what();
    }
  }
  EXPECT_GT(rejected, 0);
  EXPECT_GT(loaded + rejected, 0);
}

}  // namespace
}  // namespace drydock
