// The reduction of per-attempt rows to arrived-% columns, on hand-made rows (FGD-PROTOCOL.md 1.5, 2.4).
#include <gtest/gtest.h>

#include "fill/fill_columns.h"

namespace drydock::fill {
namespace {

TEST(PythonRound, RoundsTheExactBinaryValueHalfToEven) {
  EXPECT_DOUBLE_EQ(python_round(2.675, 2), 2.67);   // 2.675 is 2.67499999... in binary
  EXPECT_DOUBLE_EQ(python_round(0.125, 2), 0.12);   // an exact tie goes to even
  EXPECT_DOUBLE_EQ(python_round(0.375, 2), 0.38);
  EXPECT_DOUBLE_EQ(python_round(95.14499, 2), 95.14);
}

FillEvent row(std::int64_t arrived, std::int64_t used, double fragment) {
  FillEvent e;
  e.arrived_milli = arrived;
  e.used_milli = used;
  e.idle_milli = 200000 - used;
  e.fragment_milli = fragment;
  return e;
}

TEST(ReduceColumns, RoundHalfEvenColumnsWithNeighbourFallbackAndEmptyCells) {
  // Capacity 200 GPUs = 200000 milli, so 1 % = 2000 milli.
  // arrived 0 -> x 0; 1000 (0.5 %) -> 0 (half to even); 3000 (1.5 %) -> 2; 5000 (2.5 %) -> 2; 8000 -> 4.
  // used 0, 1000, 2000, 3000, 4000 -> allocation 0, .5, 1, 1.5, 2 %.
  const std::vector<FillEvent> events = {row(0, 0, 20000), row(1000, 1000, 20000), row(3000, 2000, 20000),
                                         row(5000, 3000, 20000), row(8000, 4000, 20000)};
  const auto cols = reduce_columns(events, 200000, 6);
  ASSERT_EQ(cols.size(), 7u);
  EXPECT_DOUBLE_EQ(cols[0].gpu_alloc_pct, 0.25);  // mean(0, .5)
  EXPECT_DOUBLE_EQ(cols[1].gpu_alloc_pct, 0.75);  // no row at 1: rows at 0 and 2: mean(0, .5, 1, 1.5)
  EXPECT_DOUBLE_EQ(cols[2].gpu_alloc_pct, 1.25);  // mean(1, 1.5)
  EXPECT_DOUBLE_EQ(cols[3].gpu_alloc_pct, 1.5);   // rows at 2 and 4: mean(1, 1.5, 2)
  EXPECT_DOUBLE_EQ(cols[4].gpu_alloc_pct, 2.0);
  EXPECT_DOUBLE_EQ(cols[5].gpu_alloc_pct, 2.0);   // from the row at 4
  EXPECT_TRUE(cols[6].empty);                     // nothing within 5..7
  EXPECT_FALSE(cols[5].empty);
  // Fragment 20000 milli = 10 % of capacity; of idle (200000 - used): at 4, 100 * 20000 / 196000.
  EXPECT_DOUBLE_EQ(cols[4].frag_pct, 10.0);
  EXPECT_DOUBLE_EQ(cols[4].frag_ratio_pct, 100.0 * 20000 / 196000);
  EXPECT_DOUBLE_EQ(cols[0].frag_ratio_pct, (100.0 * 20000 / 200000 + 100.0 * 20000 / 199000) / 2);
}

}  // namespace
}  // namespace drydock::fill
