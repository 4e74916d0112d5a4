#!/usr/bin/env bash
# Executes every notebook in notebooks/ on a small sweep made here (2 policies x 3 seeds of the standard
# scenario), so that the notebooks never rot. Exits non-zero when the sweep or any notebook fails.
#   DRYDOCK_BIN=build/drydock scripts/notebook-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${DRYDOCK_BIN:-build/drydock}
if [ ! -x "$bin" ]; then
  echo "notebook-tests: $bin is not built (build it, or set DRYDOCK_BIN)" >&2
  exit 1
fi
# Debian's jupyter runs Debian's python3 (with pandas and matplotlib); the python3 first on PATH may not.
if [ ! -x /usr/bin/jupyter-nbconvert ] || ! /usr/bin/python3 -c 'import ipykernel' 2>/dev/null; then
  scripts/deps.sh jupyter-nbconvert python3-nbconvert python3-ipykernel
fi

work=$(mktemp -d /tmp/drydock-notebooks.XXXXXX)
trap 'rm -rf "$work"' EXIT
sweep="$work/sweep"
if ! "$bin" compare workloads/scenarios/seed-100-replicas.yaml --policies spread,binpack --seeds 3 \
      --out "$sweep" --quiet --no-plots >"$work/compare.log" 2>&1; then
  cat "$work/compare.log" >&2
  echo "notebook-tests: drydock compare failed" >&2
  exit 1
fi

status=0
for nb in notebooks/*.ipynb; do
  if DRYDOCK_RESULTS="$sweep" DRYDOCK_RUN="$sweep/runs/binpack/seed-1" \
     /usr/bin/jupyter nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
       --ExecutePreprocessor.kernel_name=python3 --output-dir "$work/executed" "$nb" >"$work/nb.log" 2>&1; then
    echo "notebook-tests: $nb ok"
  else
    tail -n 40 "$work/nb.log" >&2
    echo "notebook-tests: $nb FAILED" >&2
    status=1
  fi
done
exit $status
