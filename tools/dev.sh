#!/usr/bin/env bash
# The project's entry points (see README):
#   tools/dev.sh open [govbench options]   install what is missing, build, open the workbench
#   tools/dev.sh test                      install what is missing, build with clang, AddressSanitizer and
#                                          UndefinedBehaviorSanitizer, warnings as errors (the asan preset), check
#                                          formatting (lint), run clang-tidy (tidy), then run every test
#   tools/dev.sh test-gcc                  build with gcc, optimised, warnings as errors (the ci preset: the
#                                          compiler and optimisation of the release build) and run every test
#   tools/dev.sh bench [run_suite options] install what is missing (and pandas), build release, run the benchmark
#                                          suite and print its table (docs/BENCHMARKS.md; --update-docs writes it there)
#   tools/dev.sh format                    reformat every C++ file with clang-format (.clang-format)
#   tools/dev.sh lint                      check formatting (clang-format); "test" runs it after the build
#   tools/dev.sh tidy [--analyzer]         run clang-tidy (.clang-tidy) on workbench/ with the asan build's compile
#                                          commands; "test" runs it after lint;
#                                          --analyzer adds the clang static analyzer (slow: about 25 minutes)
#   tools/dev.sh fuzz [SECONDS]            build the libFuzzer targets (clang) and run each for SECONDS (default 60)
#   tools/dev.sh monkey [SEED [FRAMES [PANEL]]]  build the GUI monkey under ASan+UBSan and run it (docs/RELIABILITY.md)
#   tools/dev.sh hub                       start a throw-away PostgreSQL hub for team mode (database `team`, a free
#                                          local port, a temporary folder) and print its URL; it keeps running
#   tools/dev.sh hub stop FOLDER           stop that hub and remove its folder
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

# The C++ files under version control (every file when this is not a git checkout).
cxx_files() {
  if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$root" ls-files '*.cpp' '*.hpp' '*.h'
  else
    find workbench tests bench fuzz -name '*.cpp' -o -name '*.hpp' -o -name '*.h'
  fi
}

lint() {
  # Formatting: any difference fails, naming the file and line.
  if ! cxx_files | xargs clang-format --dry-run -Werror; then
    echo "dev.sh: clang-format would change the files above; run 'tools/dev.sh format' and commit the result" >&2
    return 1
  fi
  echo "lint: clang-format: every file formatted"
}

tidy() {
  # clang-tidy (.clang-tidy) on the program's own sources, with the asan
  # build's compile commands (clang's own flags); any warning fails.
  # --analyzer adds the clang static analyzer, which .clang-tidy leaves out
  # for its time.
  local checks=()
  if [[ "${1:-}" == "--analyzer" ]]; then
    checks=(-checks='clang-analyzer-*,-clang-analyzer-optin.performance.Padding')
  elif [[ $# -gt 0 ]]; then
    echo "dev.sh: tidy takes no option but --analyzer (got '$1')" >&2
    return 2
  fi
  cmake --preset asan >/dev/null
  cmake --build --preset asan >/dev/null
  local log="$root/build/asan/clang-tidy.log" started=$SECONDS
  mapfile -t sources < <(cxx_files | grep -E '^workbench/.*\.cpp$')
  # run-clang-tidy colours its output whatever it is written to: the
  # colour codes are taken out of the log.
  if ! run-clang-tidy -quiet -p "$root/build/asan" -j 2 "${checks[@]}" -extra-arg=-Wno-unknown-warning-option \
      "${sources[@]/#/$root/}" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >"$log" ||
      grep -qE '(warning|error): ' "$log"; then
    grep -E '(warning|error): ' "$log" | sort -u >&2 || tail -20 "$log" >&2
    echo "dev.sh: clang-tidy found the problems above (full log: build/asan/clang-tidy.log)" >&2
    return 1
  fi
  echo "lint: clang-tidy: no warnings in ${#sources[@]} files ($((SECONDS - started)) s)"
}

case "$action" in
  format)
    cxx_files | xargs clang-format -i
    echo "format: done"
    ;;
  lint)
    lint
    ;;
  tidy)
    tidy "$@"
    ;;
  open)
    cmake --preset release >/dev/null
    cmake --build --preset release --target govbench  # the workbench only: tests are built by "test"
    exec "$root/build/release/workbench/app/govbench" "$@"
    ;;
  test)
    if [[ ! -d "$root/../shared/data/real" ]]; then
      echo "dev.sh: warning: ../shared/data/real is missing; the tests on real data will fail" >&2
    fi
    # Each step says how long it took, so a slow CI run shows where.
    step_started=$SECONDS
    took() {
      echo "dev.sh: $1 took $((SECONDS - step_started)) s"
      step_started=$SECONDS
    }
    # One build, by clang with AddressSanitizer and UndefinedBehaviorSanitizer
    # (docs/RELIABILITY.md): memory errors, leaks and undefined behaviour
    # fail the run, as do compiler warnings. clang compiles this tree in
    # under half gcc's time, and its sanitized code runs faster; gcc, the
    # release build's compiler, has "test-gcc".
    cmake --preset asan
    cmake --build --preset asan
    took "the build"
    lint
    tidy
    took "lint and clang-tidy"
    ctest --preset asan -j2 "$@"
    took "the suite under ASan and UBSan"
    ;;
  test-gcc)
    if [[ ! -d "$root/../shared/data/real" ]]; then
      echo "dev.sh: warning: ../shared/data/real is missing; the tests on real data will fail" >&2
    fi
    cmake --preset ci
    cmake --build --preset ci
    ctest --preset ci -j2 "$@"
    ;;
  monkey)
    seed="${1:-$RANDOM}" frames="${2:-20000}" panel="${3:-all}"
    cmake --preset asan >/dev/null
    cmake --build --preset asan --target govbench_gui_monkey
    export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 LSAN_OPTIONS="suppressions=$root/tools/lsan.supp"
    exec "$root/build/asan/tests/govbench_gui_monkey" --seed "$seed" --frames "$frames" --panel "$panel"
    ;;
  fuzz)
    seconds="${1:-60}"
    if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [[ "$seconds" -lt 1 ]]; then
      echo "dev.sh: fuzz takes a number of seconds per target (got '$seconds')" >&2
      exit 2
    fi
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz
    failed=0
    for bin in "$root"/build/fuzz/fuzz/fuzz_*; do
      [[ -x "$bin" ]] || continue
      t="${bin##*/fuzz_}"
      work="$root/build/fuzz/work/$t" crashes="$root/build/fuzz/crashes/$t"
      mkdir -p "$work" "$crashes"
      dirs=("$work" "$root/fuzz/corpus/$t")
      [[ -d "$root/fuzz/regressions/$t" ]] && dirs+=("$root/fuzz/regressions/$t")
      dict=()
      [[ -f "$root/fuzz/dict/$t.dict" ]] && dict=("-dict=$root/fuzz/dict/$t.dict")
      log="$root/build/fuzz/$t.log"
      # A workbook is a zip archive, whose directory is at its end: its seeds
      # (and useful mutations) are longer than the other targets' inputs.
      max_len=4096
      [[ "$t" == xlsx_reader ]] && max_len=65536
      if "$bin" "${dirs[@]}" "${dict[@]}" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
           -rss_limit_mb=2048 -artifact_prefix="$crashes/" -print_final_stats=1 >"$log" 2>&1; then
        runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")"
        echo "fuzz $t: ok, $runs inputs in ${seconds}s (log: build/fuzz/$t.log)"
      else
        failed=1
        echo "fuzz $t: FAILED; the input is in build/fuzz/crashes/$t/ (log: build/fuzz/$t.log):" >&2
        grep -m3 -E "invariant violated|ERROR: (AddressSanitizer|libFuzzer)|runtime error" "$log" >&2 || tail -5 "$log" >&2
        echo "  fix it, then keep the input: cp build/fuzz/crashes/$t/<file> fuzz/regressions/$t/" >&2
      fi
    done
    exit "$failed"
    ;;
  bench)
    if [[ ! -d "$root/../shared/data/real" ]]; then
      echo "dev.sh: warning: ../shared/data/real is missing; the import of the real CSV is skipped" >&2
    fi
    cmake --preset release >/dev/null
    targets=(govbench govbench_bench)
    # The GUI benchmarks exist only when the GUI is built; case 6 only once its branch is merged.
    for t in govbench_bench_ui govbench_bench_scenario govbench_bench_team; do
      if cmake --build --preset release --target help | grep -q "^$t:"; then targets+=("$t"); fi
    done
    cmake --build --preset release --target "${targets[@]}"
    exec python3 "$root/bench/run_suite.py" --build "$root/build/release" "$@"
    ;;
  hub)
    # A throw-away PostgreSQL 15 for team mode: its data and Unix socket in a
    # temporary folder, no TCP, trust authentication, the superuser govbench
    # (the same set-up as the tests' gbtest::PgServer). As root, the server
    # runs as the postgres user.
    pgbin=/usr/lib/postgresql/15/bin
    as_server_user() {
      if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
    }
    if [[ "${1:-}" == "stop" ]]; then
      folder="${2:-}"
      if [[ -z "$folder" || ! -f "$folder/data/PG_VERSION" ]]; then
        echo "dev.sh: hub stop takes the folder 'tools/dev.sh hub' printed (got '${folder}')" >&2
        exit 2
      fi
      as_server_user "$pgbin/pg_ctl" -D "$folder/data" -m fast -w stop >/dev/null || true
      rm -rf "$folder"
      echo "hub: stopped; $folder removed"
      exit 0
    elif [[ $# -gt 0 ]]; then
      echo "dev.sh: hub takes nothing, or 'stop FOLDER' (got '$1')" >&2
      exit 2
    fi
    folder="$(mktemp -d /tmp/govbench-hub-XXXXXX)"
    chmod 755 "$folder"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$folder"
    if ! as_server_user "$pgbin/initdb" -D "$folder/data" -A trust -U govbench --no-sync -E UTF8 --locale=C \
        >"$folder/initdb.log" 2>&1; then
      cat "$folder/initdb.log" >&2
      rm -rf "$folder"
      echo "dev.sh: initdb failed" >&2
      exit 1
    fi
    port=""
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      p=$((20000 + RANDOM % 40000))
      # free over TCP too, so the number means one server on this machine
      (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
      if as_server_user "$pgbin/pg_ctl" -D "$folder/data" -l "$folder/log" -w -t 30 \
          -o "-p $p -k $folder -c listen_addresses='' -c fsync=off" start >/dev/null; then
        port=$p
        break
      fi
    done
    if [[ -z "$port" ]]; then
      tail -20 "$folder/log" >&2 || true
      rm -rf "$folder"
      echo "dev.sh: the hub's PostgreSQL did not start" >&2
      exit 1
    fi
    "$pgbin/createdb" -h "$folder" -p "$port" -U govbench team
    echo "hub: PostgreSQL 15 running in $folder (log: $folder/log)"
    echo "hub: URL  postgresql:///team?host=$folder&port=$port&user=govbench"
    echo "hub: members connect as themselves: ...&user=NAME once the owner has added them"
    echo "hub: stop it with: tools/dev.sh hub stop $folder"
    ;;
  -h|--help|help)
    sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    ;;
  *)
    echo "dev.sh: unknown action '$action' (use open, test, test-gcc, bench, fuzz, monkey, format, lint, tidy or hub)" >&2
    exit 2
    ;;
esac
