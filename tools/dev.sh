#!/usr/bin/env bash
# The project's entry points (see README):
#   tools/dev.sh open [govbench options]   install what is missing, build, open the workbench
#   tools/dev.sh test                      install what is missing, build with warnings as errors, run every test
#   tools/dev.sh bench [run_suite options] install what is missing (and pandas), build release, run the benchmark
#                                          suite and print its table (docs/BENCHMARKS.md; --update-docs writes it there)
# All are safe to run again: packages already present are not touched and
# builds are incremental.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

action="${1:-open}"
[[ $# -gt 0 ]] && shift

if [[ "$action" == "bench" ]]; then
  "$root/tools/install-deps.sh" --quiet --bench
else
  "$root/tools/install-deps.sh" --quiet
fi

case "$action" in
  open)
    cmake --preset release >/dev/null
    cmake --build --preset release --target govbench  # the workbench only: tests are built by "test"
    exec "$root/build/release/workbench/app/govbench" "$@"
    ;;
  test)
    if [[ ! -d "$root/../shared/data/real" ]]; then
      echo "dev.sh: warning: ../shared/data/real is missing; the tests on real data will fail" >&2
    fi
    cmake --preset ci
    cmake --build --preset ci
    ctest --preset ci -j2 "$@"
    ;;
  bench)
    if [[ ! -d "$root/../shared/data/real" ]]; then
      echo "dev.sh: warning: ../shared/data/real is missing; the import of the real CSV is skipped" >&2
    fi
    cmake --preset release >/dev/null
    targets=(govbench govbench_bench)
    # The GUI benchmarks exist only when the GUI is built; case 6 only once its branch is merged.
    for t in govbench_bench_ui govbench_bench_scenario; do
      if cmake --build --preset release --target help | grep -q "^$t:"; then targets+=("$t"); fi
    done
    cmake --build --preset release --target "${targets[@]}"
    exec python3 "$root/bench/run_suite.py" --build "$root/build/release" "$@"
    ;;
  -h|--help|help)
    sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    ;;
  *)
    echo "dev.sh: unknown action '$action' (use open, test or bench)" >&2
    exit 2
    ;;
esac
