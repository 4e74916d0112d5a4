#!/usr/bin/env bash
# README command 2: install what is missing, build what is stale, run every test.
#   scripts/test.sh
# Unit and end-to-end tests run under CTest; live tests (real Docker daemons) and notebook checks run
# when their scripts exist. The last line is "tests: N passed, M failed".
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh || exit 1
bash scripts/build.sh || exit 1

passed=0
failed=0
log=$(mktemp /tmp/drydock-ctest.XXXXXX.log)
(cd build && ctest --output-on-failure -j "$(nproc)" --timeout 900) 2>&1 | tee "$log"
line=$(grep -E "tests passed, [0-9]+ tests failed out of [0-9]+" "$log" | tail -n 1)
if [ -n "$line" ]; then
  total=$(echo "$line" | sed -E 's/.*out of ([0-9]+).*/\1/')
  bad=$(echo "$line" | sed -E 's/.* ([0-9]+) tests failed.*/\1/')
  passed=$((passed + total - bad))
  failed=$((failed + bad))
else
  echo "drydock: ctest did not report a result" >&2
  failed=$((failed + 1))
fi

# Optional suites: each prints its own output and exits non-zero on failure.
for suite in scripts/live-tests.sh scripts/notebook-tests.sh; do
  [ -x "$suite" ] || continue
  echo "== $suite"
  if bash "$suite"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "drydock: $suite failed" >&2; fi
done

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
