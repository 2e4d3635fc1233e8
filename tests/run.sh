#!/usr/bin/env bash
# The one test command: installs what the tests need, runs every test project, prints one summary.
#
#   tests/run.sh [extra dotnet test arguments...]      e.g. tests/run.sh --filter "FullyQualifiedName~List"
#
# On a fresh Debian/Ubuntu machine (with the .NET 10 SDK) it first installs, quietly and only when
# missing: redis-tools (redis-cli, redis-benchmark), python3-redis, node + npm, and the
# node client suite's packages (npm install, from the lock file). Then `dotnet test AkkaKv.sln -c Release`; the integration
# project starts AkkaKv in-process and runs the real-client suites in tests/clients/ against it.
# The last line is always `Tests: N passed, M failed[, K skipped]`; the exit status is non-zero if
# the build failed or any test failed.
set -uo pipefail

ROOT=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
cd "$ROOT"

say() { echo "run.sh: $*" >&2; }

as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    say "need root (or sudo) to run: $*"
    return 1
  fi
}

apt_updated=0
apt_update_once() {
  ((apt_updated)) && return 0
  apt_updated=1
  as_root apt-get update -qq >/dev/null 2>&1
}

# Installs the given Debian packages that are not installed yet; refreshes the package lists once,
# and only if they are empty (fresh image) or an install fails on stale lists.
apt_install_missing() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    say "missing packages ${missing[*]} and no apt-get to install them"
    return 1
  fi
  say "installing ${missing[*]}"
  if ! compgen -G "/var/lib/apt/lists/*_Packages" >/dev/null; then apt_update_once; fi
  local install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends)
  if ! as_root "${install[@]}" "${missing[@]}" >/dev/null 2>&1; then
    apt_update_once
    as_root "${install[@]}" "${missing[@]}" >/dev/null || return 1
  fi
}

prerequisites() {
  if ! command -v dotnet >/dev/null 2>&1; then
    say "the .NET 10 SDK is required (https://dot.net); dotnet is not on PATH"
    return 1
  fi
  if command -v dpkg-query >/dev/null 2>&1; then
    local pkgs=(redis-tools python3-redis)
    command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
    command -v npm >/dev/null 2>&1 || pkgs+=(npm)
    apt_install_missing "${pkgs[@]}" || return 1
  else
    local tool
    for tool in redis-cli redis-benchmark node npm; do
      command -v "$tool" >/dev/null 2>&1 || say "warning: $tool not found (not a Debian system: install it yourself)"
    done
  fi
  local node_dir=tests/clients/node
  if [[ ! -d $node_dir/node_modules || $node_dir/package-lock.json -nt $node_dir/node_modules/.package-lock.json ]]; then
    # npm install rather than npm ci: it installs the locked versions too, but tolerates the platform-specific
    # optional packages (msgpackr's prebuilt extractors) a registry mirror may not carry, which npm ci refuses.
    say "npm install in $node_dir"
    npm install --prefix "$node_dir" --no-audit --no-fund --loglevel=error >/dev/null || return 1
  fi
}

if ! prerequisites; then
  say "could not install the test prerequisites"
  echo "Tests: 0 passed, 0 failed"
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Build with every core, then run the test projects one at a time: several live servers, a fuzzer and timing
# tests sharing 2 cores at once would make each other flaky.
if dotnet build AkkaKv.sln -c Release --nologo -v q 2>&1 | tee "$log"; then
  dotnet test AkkaKv.sln -c Release --no-build --nologo -m:1 "$@" 2>&1 | tee -a "$log"
  rc=${PIPESTATUS[0]}
else
  rc=1
fi

passed=0 failed=0 skipped=0 projects=0 failed_projects=0
summary_re='(Passed|Failed)! +- +Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+), +Total: +([0-9]+)'
while IFS= read -r line; do
  line=$(sed -E 's/\x1b\[[0-9;]*[A-Za-z]//g' <<<"$line") # drop colour codes, if any
  if [[ $line =~ $summary_re ]]; then
    projects=$((projects + 1))
    [[ ${BASH_REMATCH[1]} == Failed ]] && failed_projects=$((failed_projects + 1))
    failed=$((failed + BASH_REMATCH[2]))
    passed=$((passed + BASH_REMATCH[3]))
    skipped=$((skipped + BASH_REMATCH[4]))
  fi
done < <(grep -aE '(Passed|Failed)! +- +Failed:' "$log")

echo
if ((projects == 0)); then
  say "no test results: the build failed or no test project ran (dotnet test exit code $rc)"
  ((rc == 0)) && rc=1
elif ((rc != 0 && failed == 0)); then
  say "dotnet test exited with code $rc (build error, crashed or aborted test host?)"
fi
((failed_projects > 0 || failed > 0)) && ((rc == 0)) && rc=1

line="Tests: $passed passed, $failed failed"
((skipped > 0)) && line+=", $skipped skipped"
echo "$line"
exit "$rc"
