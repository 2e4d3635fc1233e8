#!/usr/bin/env bash
# Side-by-side benchmark of AkkaKv, redis-server and Garnet on loopback (issue 5, tier 2).
#
#   benchmarks/compare.sh [--out FILE] [--rounds N] [--quick] [--skip-build]
#
# Starts the three servers fresh (no persistence, 127.0.0.1 only), runs the same redis-benchmark workloads
# on each, interleaved (AkkaKv, Redis, Garnet, then the next workload; the whole list again per round), and
# prints per workload the median ops/s, p50 and p99 over the rounds with the ratios AkkaKv/Redis and
# AkkaKv/Garnet. Then restarts them and measures bytes per key after 1,000,000 random SETs of 100 bytes.
# The report is markdown; --out also writes it to FILE, keeping whatever FILE has from the line
# "<!-- analysis: kept by compare.sh -->" on. A full run takes about 5.5 minutes on 2 cores (5 rounds, build included).
#
# Why interleaved rounds and medians: run-to-run noise on this machine is 10-30% (shared/DESIGN.md §6),
# so servers are compared inside one run, close together in time, never against an older run.
set -euo pipefail

ROOT=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.." && pwd)
HOST=127.0.0.1 # the only address this script ever talks to or binds
ARTIFACTS="$ROOT/.artifacts/bench"
SERVER_DLL="$ARTIFACTS/bin/AkkaKv.Host/release/akkakv-server.dll"
GARNET_VERSION=2.2.5
GARNET_DIR="$ROOT/.artifacts/garnet"
GARNET_BIN="$GARNET_DIR/garnet-server"

SERVERS=(akkakv redis garnet)
declare -A PORT=([akkakv]=7461 [redis]=7462 [garnet]=7463)
declare -A TITLE=([akkakv]=AkkaKv [redis]=Redis [garnet]=Garnet)
declare -A PID=()

START_TIMEOUT_S=30   # PING wait after a server start
BENCH_TIMEOUT_S=120  # per redis-benchmark call; a healthy one needs < 15 s
BUILD_TIMEOUT_S=600  # dotnet build / dotnet tool install (NuGet restore can stall on a bad network)
CLI_TIMEOUT_S=15     # per redis-cli call (FLUSHALL of ~1M keys included)
STOP_TIMEOUT_S=10    # SIGTERM grace before SIGKILL

OUT=""
ANALYSIS_MARKER="<!-- analysis: kept by compare.sh -->"
ROUNDS=5 # noise between rounds here reaches 30%: five make the median steady, in ~5.5 minutes
QUICK=0
SKIP_BUILD=0
WORK=""          # temp dir: server cwd, logs, raw results
ELAPSED=""       # run time, for the report
FAILURES=0       # benchmark calls that failed or timed out (reported, and the exit code)
COMMAND_LINE="benchmarks/compare.sh $*"

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
warn() { log "WARNING: $*"; }
die() { log "ERROR: $*"; exit 1; }

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  cat <<'EOF'
Options:
  --out FILE     also write the markdown report to FILE
  --rounds N     rounds of the interleaved workloads (default 5, at least 2 for a real comparison)
  --quick        smoke run: 1 round, 1/20 of the requests, 100,000 SETs for memory
  --skip-build   use the existing Release build in .artifacts/bench
EOF
}

parse_args() {
  while (($#)); do
    case "$1" in
      --out) [[ $# -ge 2 ]] || die "--out needs a file"; OUT=$2; shift 2 ;;
      --out=*) OUT=${1#--out=}; shift ;;
      --rounds) [[ $# -ge 2 ]] || die "--rounds needs a number"; ROUNDS=$2; shift 2 ;;
      --rounds=*) ROUNDS=${1#--rounds=}; shift ;;
      --quick) QUICK=1; shift ;;
      --skip-build) SKIP_BUILD=1; shift ;;
      -h|--help) usage; exit 0 ;;
      *) usage >&2; die "unknown option '$1'" ;;
    esac
  done
  [[ $ROUNDS =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive integer, got '$ROUNDS'"
  if ((QUICK)); then ROUNDS=1; fi
  if [[ -n $OUT ]]; then
    # A bad directory should fail now, not after minutes of work.
    [[ -d $(dirname -- "$OUT") ]] || die "--out: directory $(dirname -- "$OUT") does not exist"
  fi
}

require_tools() {
  local tool
  for tool in dotnet redis-server redis-benchmark redis-cli timeout awk sort readlink; do
    command -v "$tool" >/dev/null || die "'$tool' not found on PATH (redis-* come from Debian's redis-server/redis-tools packages)"
  done
  [[ -r /proc/self/status ]] || die "/proc is needed to read server RSS (VmRSS)"
}

# --- building and installing ----------------------------------------------------------------------------

build_akkakv() {
  if ((SKIP_BUILD)); then
    [[ -f $SERVER_DLL ]] || die "--skip-build but $SERVER_DLL is missing"
    return
  fi
  log "building AkkaKv (Release) into .artifacts/bench ..."
  local buildlog="$WORK/build.log"
  # Own artifacts path: other sessions build Debug/Release into their own, concurrently.
  if ! timeout -k 10 "$BUILD_TIMEOUT_S" dotnet build "$ROOT/src/AkkaKv.Host" -c Release --artifacts-path "$ARTIFACTS" \
      -nologo -v quiet -clp:ErrorsOnly >"$buildlog" 2>&1; then
    cat "$buildlog" >&2
    die "AkkaKv build failed or took over ${BUILD_TIMEOUT_S}s (output above)"
  fi
  [[ -f $SERVER_DLL ]] || die "build succeeded but $SERVER_DLL is missing"
}

install_garnet() {
  if [[ ! -x $GARNET_BIN ]]; then
    log "installing garnet-server $GARNET_VERSION into .artifacts/garnet ..."
    timeout -k 10 "$BUILD_TIMEOUT_S" dotnet tool install --tool-path "$GARNET_DIR" garnet-server \
      --version "$GARNET_VERSION" >&2 || die "could not install garnet-server $GARNET_VERSION (NuGet reachable?)"
    [[ -x $GARNET_BIN ]] || die "garnet-server not found at $GARNET_BIN after install"
  fi
  # The peer's numbers in DESIGN.md are for this version; another one in the tool path would change them.
  local version
  version=$(timeout 30 "$GARNET_BIN" --version 2>/dev/null | head -n 1 || true)
  [[ $version == *" $GARNET_VERSION"* ]] \
    || die "$GARNET_BIN reports '$version', expected $GARNET_VERSION (remove $GARNET_DIR to reinstall)"
}

# --- servers --------------------------------------------------------------------------------------------

cli() { # cli PORT ARGS...: redis-cli against our loopback server, never allowed to hang
  local port=$1; shift
  timeout -k 5 "$CLI_TIMEOUT_S" redis-cli -h "$HOST" -p "$port" "$@"
}

port_in_use() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# Starts one server in WORK (so any file it might write lands there) and records its pid. Each command
# is exec'd from the subshell so $! is the server itself: RSS is read from /proc/$!.
launch() {
  local name=$1 port=${PORT[$1]} logfile="$WORK/$1.log"
  case "$name" in
    akkakv)
      # Defaults only (bind 127.0.0.1, no persistence, io-threads/shards = cores): the README's defaults are
      # what we ship. AKKAKV_* variables from the caller's shell would change them, so they are dropped.
      # shellcheck disable=SC2046 # unset takes the names as separate words
      ( cd "$WORK" && unset $(compgen -v AKKAKV_) && exec dotnet "$SERVER_DLL" --port "$port" ) >"$logfile" 2>&1 &
      ;;
    redis)
      ( cd "$WORK" && exec redis-server --port "$port" --bind "$HOST" --save "" --appendonly no \
          --daemonize no --logfile "" ) >"$logfile" 2>&1 &
      ;;
    garnet)
      # Garnet's defaults have no AOF, no checkpoint recovery and no storage tier: persistence is off.
      # Inline socket completions gave Garnet +20-65% with many clients on this machine (DESIGN.md §6);
      # we give it that advantage so the comparison is against Garnet at its best.
      ( cd "$WORK" && exec env DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 \
          "$GARNET_BIN" --port "$port" --bind "$HOST" ) >"$logfile" 2>&1 &
      ;;
  esac
  PID[$name]=$!
}

start_server() {
  local name=$1 port=${PORT[$1]} deadline
  launch "$name"
  deadline=$((SECONDS + START_TIMEOUT_S))
  until [[ $(cli "$port" PING 2>/dev/null) == PONG ]]; do
    if ! kill -0 "${PID[$name]}" 2>/dev/null; then
      tail -n 20 "$WORK/$name.log" >&2
      die "${TITLE[$name]} exited during start (log above)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 20 "$WORK/$name.log" >&2
      die "${TITLE[$name]} did not answer PING on $HOST:$port within ${START_TIMEOUT_S}s"
    fi
    sleep 0.2
  done
  log "${TITLE[$name]} up on $HOST:$port (pid ${PID[$name]})"
}

stop_server() {
  local name=$1 pid=${PID[$1]:-} deadline
  [[ -n $pid ]] || return 0
  unset 'PID[$name]'
  kill -TERM "$pid" 2>/dev/null || return 0
  deadline=$((SECONDS + STOP_TIMEOUT_S))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

start_all() {
  local s
  # Something else on a port would silently be benchmarked instead of our server: check all before starting any.
  for s in "${SERVERS[@]}"; do
    port_in_use "${PORT[$s]}" && die "port ${PORT[$s]} is already in use on $HOST; stop whatever listens there (ss -ltnp)"
  done
  for s in "${SERVERS[@]}"; do start_server "$s"; done
}
stop_all() { local s; for s in "${SERVERS[@]}"; do stop_server "$s"; done; }

cleanup() {
  local status=$?
  stop_all
  [[ -n $WORK && -d $WORK ]] && rm -rf -- "$WORK"
  exit "$status"
}

assert_alive() {
  kill -0 "${PID[$1]}" 2>/dev/null && return
  tail -n 20 "$WORK/$1.log" >&2
  die "${TITLE[$1]} died during the benchmark (log above)"
}

flushall() {
  [[ $(cli "${PORT[$1]}" FLUSHALL) == OK ]] || die "FLUSHALL failed on ${TITLE[$1]}"
}

# --- workloads ------------------------------------------------------------------------------------------

# One line per workload: label | requests per test (full run) | preparation | redis-benchmark arguments.
# Every redis-benchmark test name it prints (SET, GET, LPUSH...) becomes one table row "TEST, label".
WORKLOADS=(
  "50 clients|100000|-|-c 50 -t set,get"
  "50 clients, -P 16|1000000|-|-c 50 -P 16 -t set,get"
  "1 client|20000|-|-c 1 -t set,get"
  "1 KB values, 100 clients|100000|preload_1k|-c 100 -t get"
  "50 clients, -P 16|1000000|-|-c 50 -P 16 -t lpush,lpop,sadd,hset,zadd"
  "10 keys, 50 clients|100000|-|-c 50 -t mset"
  "1M random keys, 50 clients, -P 16|1000000|-|-c 50 -P 16 -r 1000000 -t set,get"
)

requests() { # full-run count, or 1/20 of it for --quick
  if ((QUICK)); then echo $(($1 / 20)); else echo "$1"; fi
}

# GET without -r reads the single key "key:__rand_int__": give it a 1 KB value first, and check it is there
# so the GET rows really move 1 KB per reply.
preload_1k() {
  local port=${PORT[$1]} len
  timeout -k 5 "$BENCH_TIMEOUT_S" redis-benchmark -h "$HOST" -p "$port" -c 1 -n 1 -d 1024 -t set -q >/dev/null 2>&1 \
    || die "1 KB preload failed on ${TITLE[$1]}"
  len=$(cli "$port" STRLEN "key:__rand_int__")
  [[ $len == 1024 ]] || die "1 KB preload on ${TITLE[$1]}: STRLEN key:__rand_int__ is '$len', expected 1024"
}

# Runs one redis-benchmark call and appends "row<TAB>server<TAB>round<TAB>rps<TAB>p50<TAB>p99" per test
# to the file $5.
# -e makes error replies visible: without it a server answering errors would look fast.
run_bench() {
  local name=$1 round=$2 label=$3 n=$4 results=$5; shift 5
  local out errfile="$WORK/bench.err"
  if ! out=$(timeout -k 5 "$BENCH_TIMEOUT_S" redis-benchmark -h "$HOST" -p "${PORT[$name]}" -n "$n" --csv -e "$@" 2>"$errfile"); then
    warn "${TITLE[$name]}: redis-benchmark $* failed or exceeded ${BENCH_TIMEOUT_S}s: $(tail -n 3 "$errfile" | tr '\n' ' ')"
    FAILURES=$((FAILURES + 1))
    return
  fi
  if grep -q 'Error from server' <<<"$out"; then
    warn "${TITLE[$name]}: error replies during redis-benchmark $*: $(grep -m 3 'Error from server' <<<"$out" | tr '\n' ' ')"
    FAILURES=$((FAILURES + 1))
    return
  fi
  # redis-benchmark 7.0's CSV: "test","rps","avg","min","p50","p95","p99","max" (latencies in ms).
  head -n 1 <<<"$out" | grep -q '"p50_latency_ms".*"p99_latency_ms"' \
    || die "redis-benchmark --csv has no p50/p99 columns (need redis-benchmark >= 7.0); got: $(head -n 1 <<<"$out")"
  awk -F, -v label="$label" -v server="$name" -v round="$round" '
    NR > 1 && /^"/ {
      gsub(/"/, "")
      test = $1; sub(/ \(.*/, "", test)      # "MSET (10 keys)" -> "MSET"
      printf "%s, %s\t%s\t%s\t%s\t%s\t%s\n", test, label, server, round, $2, $5, $7
    }' <<<"$out" >>"$results"
}

# One pass over every workload, each server in turn; results go to the file named by $3.
run_pass() {
  local round=$1 divisor=$2 results=$3 line label n prep args name
  for line in "${WORKLOADS[@]}"; do
    IFS='|' read -r label n prep args <<<"$line"
    n=$(($(requests "$n") / divisor))
    for name in "${SERVERS[@]}"; do
      flushall "$name"
      [[ $prep == - ]] || "$prep" "$name"
      # shellcheck disable=SC2086 # args is a list of redis-benchmark options
      run_bench "$name" "$round" "$label" "$n" "$results" $args
      assert_alive "$name"
    done
  done
}

run_rounds() {
  local round
  # An unrecorded pass at 1/20 size first: the .NET servers JIT (and tier up) their hot paths on first use,
  # which would otherwise be charged to round 1 only. Skipped by --quick, which measures nothing anyway.
  if ((!QUICK)); then
    log "warm-up pass (not recorded)"
    run_pass 0 20 "$WORK/warmup.tsv"
  fi
  for ((round = 1; round <= ROUNDS; round++)); do
    log "round $round of $ROUNDS"
    run_pass "$round" 1 "$WORK/results.tsv"
  done
}

# --- memory ---------------------------------------------------------------------------------------------

rss_bytes() { awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$1/status"; }

# INFO's used_memory. Garnet has no used_memory; its nearest is total_main_store_size (hash index + log
# pages in memory), reported in the same column and footnoted.
info_memory() {
  local field=used_memory
  [[ $1 == garnet ]] && field=total_main_store_size
  cli "${PORT[$1]}" INFO memory | tr -d '\r' | awk -F: -v f="$field" '$1 == f { print $2 }'
}

# Fresh servers, empty baseline, SETs of 100-byte values over a 1,000,000-key space, then the deltas.
# Writes "server<TAB>keys<TAB>info_before<TAB>info_after<TAB>rss_before<TAB>rss_after".
measure_memory() {
  local sets name port info0 rss0 info1 rss1 keys
  sets=1000000
  ((QUICK)) && sets=100000
  stop_all
  start_all
  for name in "${SERVERS[@]}"; do
    port=${PORT[$name]}
    info0=$(info_memory "$name"); rss0=$(rss_bytes "${PID[$name]}")
    timeout -k 5 "$BENCH_TIMEOUT_S" redis-benchmark -h "$HOST" -p "$port" -t set -r 1000000 -n "$sets" -d 100 \
      -c 50 -P 16 -q >/dev/null 2>"$WORK/bench.err" \
      || die "memory load failed on ${TITLE[$name]}: $(tail -n 3 "$WORK/bench.err")"
    keys=$(cli "$port" DBSIZE)
    [[ $keys =~ ^[0-9]+$ && $keys -gt 0 ]] || die "DBSIZE on ${TITLE[$name]} after the load is '$keys'"
    sleep 2 # let a background GC / jemalloc purge settle before reading
    info1=$(info_memory "$name"); rss1=$(rss_bytes "${PID[$name]}")
    [[ -n $info0 && -n $info1 ]] || die "INFO memory of ${TITLE[$name]} has no usable memory field"
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$keys" "$info0" "$info1" "$rss0" "$rss1" >>"$WORK/memory.tsv"
    log "${TITLE[$name]}: $keys keys loaded"
  done
  stop_all
}

# --- report ---------------------------------------------------------------------------------------------

machine() {
  local cpu ram os garnet
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
  ram=$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  os=$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null || uname -s)
  garnet=$("$GARNET_BIN" --version 2>/dev/null | head -n 1)
  echo "| | |"
  echo "|---|---|"
  echo "| cores (nproc) | $(nproc) |"
  echo "| CPU | ${cpu:-unknown} |"
  echo "| RAM | $ram |"
  echo "| OS | $os, kernel $(uname -r) |"
  echo "| dotnet | $(dotnet --version) |"
  echo "| redis-server | $(redis-server --version | head -n 1) |"
  echo "| redis-benchmark | $(redis-benchmark --version | head -n 1) |"
  echo "| garnet-server | ${garnet:-unknown} (env DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1) |"
  echo "| AkkaKv | $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)$( [[ -n $(git -C "$ROOT" status --porcelain -- src 2>/dev/null) ]] && echo ' + uncommitted changes in src/'), Release, default io-threads/shards |"
}

# Median per row and server over the rounds, ratios, and whether issue 5's targets hold for the row:
# ops/s >= 1.0x Redis (pipelined rows: >= 1.3x Redis and >= 1.0x Garnet), p99 <= 1.2x Redis.
throughput_table() {
  awk -F'\t' '
    function median(list,   v, n, i, j, t) {
      n = split(list, v, " ")
      for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
      return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    function has(r, s) { return (r SUBSEP s) in rps }
    function ops(r, s) { return has(r, s) ? sprintf("%.0f", median(rps[r, s])) : "-" }
    function lat(r, s, a) { return has(r, s) ? sprintf("%.3f", median(a[r, s])) : "-" }
    function ratio(r, a, b) { return has(r, a) && has(r, b) ? median(rps[r, a]) / median(rps[r, b]) : "" }
    function fmt(x) { return x == "" ? "-" : sprintf("%.2fx", x) }
    !seen[$1]++ { order[++rows] = $1 }
    { rps[$1, $2] = rps[$1, $2] " " $4; p50[$1, $2] = p50[$1, $2] " " $5; p99[$1, $2] = p99[$1, $2] " " $6 }
    END {
      print "| workload | AkkaKv ops/s | Redis ops/s | Garnet ops/s | AkkaKv/Redis | AkkaKv/Garnet | p50 ms A / R / G | p99 ms A / R / G | p99 A/R | targets |"
      print "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|"
      for (i = 1; i <= rows; i++) {
        r = order[i]
        ar = ratio(r, "akkakv", "redis"); ag = ratio(r, "akkakv", "garnet")
        pr = ""
        if (has(r, "akkakv") && has(r, "redis") && median(p99[r, "redis"]) > 0)
          pr = median(p99[r, "akkakv"]) / median(p99[r, "redis"])
        miss = ""
        if (ar == "" || pr == "") miss = "no data"
        else {
          piped = r ~ /-P 16/
          if (ar < (piped ? 1.3 : 1.0)) miss = miss " ops<" (piped ? "1.3" : "1.0") "xR"
          if (piped && (ag == "" || ag < 1.0)) miss = miss " ops<1.0xG"
          if (pr > 1.2) miss = miss " p99>1.2xR"
        }
        printf "| %s | %s | %s | %s | %s | %s | %s / %s / %s | %s / %s / %s | %s | %s |\n", r,
          ops(r, "akkakv"), ops(r, "redis"), ops(r, "garnet"), fmt(ar), fmt(ag),
          lat(r, "akkakv", p50), lat(r, "redis", p50), lat(r, "garnet", p50),
          lat(r, "akkakv", p99), lat(r, "redis", p99), lat(r, "garnet", p99), fmt(pr),
          miss == "" ? "met" : "missed:" miss
      }
    }' "$WORK/results.tsv"
}

# Every round's ops/s side by side, to show the noise the medians smooth over.
rounds_table() {
  awk -F'\t' '
    !seen[$1]++ { order[++rows] = $1 }
    { v[$1, $2] = v[$1, $2] (v[$1, $2] == "" ? "" : " / ") sprintf("%.0f", $4) }
    END {
      print "| workload | AkkaKv | Redis | Garnet |"
      print "|---|--:|--:|--:|"
      for (i = 1; i <= rows; i++) {
        r = order[i]
        printf "| %s | %s | %s | %s |\n", r, v[r, "akkakv"], v[r, "redis"], v[r, "garnet"]
      }
    }' "$WORK/results.tsv"
}

memory_table() {
  awk -F'\t' '
    BEGIN { title["akkakv"] = "AkkaKv"; title["redis"] = "Redis"; title["garnet"] = "Garnet" }
    { n[$1] = $2; info[$1] = ($4 - $3) / $2; rss[$1] = ($6 - $5) / $2; row[++rows] = $1
      base[$1] = sprintf("%.1f / %.1f", $3 / 1048576, $5 / 1048576); load[$1] = sprintf("%.1f / %.1f", $4 / 1048576, $6 / 1048576) }
    function vs(a, s) { return s in a && a["redis"] > 0 ? sprintf("%.2fx", a[s] / a["redis"]) : "-" }
    function vsinfo(s) { return s == "garnet" ? "n/a*" : vs(info, s) }  # Garnet reports a different quantity
    END {
      print "| server | keys | empty MB (INFO / RSS) | loaded MB (INFO / RSS) | bytes/key INFO | bytes/key RSS | INFO vs Redis | RSS vs Redis |"
      print "|---|--:|--:|--:|--:|--:|--:|--:|"
      for (i = 1; i <= rows; i++) {
        s = row[i]
        printf "| %s | %d | %s | %s | %.0f%s | %.0f | %s | %s |\n", title[s], n[s], base[s], load[s],
          info[s], s == "garnet" ? "*" : "", rss[s], vsinfo(s), vs(rss, s)
      }
    }' "$WORK/memory.tsv"
}

report() {
  local n label prep args line
  echo "## Throughput and latency"
  echo
  echo "Run $(date -u '+%Y-%m-%d %H:%M') UTC, took $ELAPSED. Median of $ROUNDS interleaved round(s)$( ((QUICK)) || echo ' after an unrecorded warm-up pass');"
  echo "redis-benchmark shares the $(nproc) cores with the servers, all on 127.0.0.1."
  ((QUICK)) && echo "**Quick smoke run: 1/20 of the requests, 1 round. Not a measurement.**"
  echo
  throughput_table
  echo
  local sizes=""
  for line in "${WORKLOADS[@]}"; do
    IFS='|' read -r label n prep args <<<"$line"
    sizes+="\`$args\` $(requests "$n"); "
  done
  echo "Requests per test: ${sizes%; }."
  echo "p50/p99 are redis-benchmark's per-request latency (for -P 16, per pipeline of 16)."
  echo "\"targets\" checks issue 5: ops/s >= 1.0x Redis (rows with -P 16: >= 1.3x Redis and >= 1.0x Garnet), p99 <= 1.2x Redis."
  echo
  echo "### ops/s per round"
  echo
  rounds_table
  echo
  echo "## Memory"
  echo
  echo "Fresh servers; redis-benchmark -t set -r 1000000 -d 100 -P 16 ($( ((QUICK)) && echo 100000 || echo 1000000) SETs), keys from DBSIZE;"
  echo "bytes per key = (loaded - empty) / keys, from INFO used_memory and from /proc/<pid>/status VmRSS."
  echo
  memory_table
  echo
  echo "\\* Garnet has no used_memory; its column is INFO memory's total_main_store_size (hash index + in-memory log),"
  echo "whose hash index is preallocated, so its delta counts log pages only and is not comparable with used_memory."
  echo "AkkaKv's used_memory is GC.GetTotalMemory(false), so it includes garbage not yet collected."
  echo
  echo "## Machine"
  echo
  machine
  echo
  echo "Reproduce: \`$COMMAND_LINE\`"
}

# CPU busy share over one second, from /proc/stat (the load average lags and counts sleeping tasks here).
cpu_busy_percent() {
  local a b
  a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
  sleep 1
  b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ")
    busy = y[1] - x[1]; total = busy + y[2] - x[2]; printf "%d\n", (total > 0 ? 100 * busy / total : 0) }'
}

main() {
  parse_args "$@"
  require_tools
  WORK=$(mktemp -d /tmp/akkakv-compare.XXXXXX)
  trap cleanup EXIT
  trap 'log "interrupted"; exit 130' INT
  trap 'log "terminated"; exit 143' TERM
  local started=$SECONDS busy
  busy=$(cpu_busy_percent)
  ((busy <= 20)) || warn "the CPUs are ${busy}% busy before we start: other work on these cores skews the numbers"
  build_akkakv
  install_garnet
  : >"$WORK/results.tsv"
  : >"$WORK/memory.tsv"
  start_all
  run_rounds
  measure_memory
  ELAPSED="$(((SECONDS - started) / 60))m$(((SECONDS - started) % 60))s"
  local text
  text=$(report)
  echo "$text"
  if [[ -n $OUT ]]; then
    # A hand-written analysis below the marker line survives the rewrite: the tables change, the reasoning stays.
    local analysis=""
    [[ -f $OUT ]] && analysis=$(sed -n "/^$ANALYSIS_MARKER\$/,\$p" "$OUT")
    printf '# AkkaKv vs Redis vs Garnet\n\n%s\n' "$text" >"$OUT"
    [[ -n $analysis ]] && printf '\n%s\n' "$analysis" >>"$OUT"
    log "report written to $OUT"
  fi
  log "done in $ELAPSED"
  ((FAILURES == 0)) || die "$FAILURES redis-benchmark call(s) failed (warnings above); their cells show '-'"
}

main "$@"
