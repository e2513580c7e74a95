#!/usr/bin/env bash
# The project's two entry points (see README):
#   tools/dev.sh open [govbench options]   install what is missing, build, open the workbench
#   tools/dev.sh test                      install what is missing, build with warnings as errors, run every test
# Both are safe to run again: packages already present are not touched and
# builds are incremental.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

action="${1:-open}"
[[ $# -gt 0 ]] && shift

"$root/tools/install-deps.sh" --quiet

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
  -h|--help|help)
    sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    ;;
  *)
    echo "dev.sh: unknown action '$action' (use open or test)" >&2
    exit 2
    ;;
esac
