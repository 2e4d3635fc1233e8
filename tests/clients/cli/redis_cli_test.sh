#!/usr/bin/env bash
# redis-cli / redis-benchmark suite: what an operator at a shell sees when talking to AkkaKv.
#
#   AKKAKV_PORT=6390 tests/clients/cli/redis_cli_test.sh
#
# Runs against $AKKAKV_HOST:$AKKAKV_PORT (default 127.0.0.1:6379) and needs the server to itself
# (FLUSHALL). Outputs are compared exactly (a diff is printed on mismatch). Without a tty redis-cli
# prints replies raw ("1", not "(integer) 1"); --no-raw forces the human format, and both are checked.
# Exits non-zero if any check fails.
set -euo pipefail

HOST=${AKKAKV_HOST:-127.0.0.1}
PORT=${AKKAKV_PORT:-6379}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for tool in redis-cli redis-benchmark; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install redis-tools)" >&2; exit 2; }
done

checks=0
failures=0

cli() { timeout 30 redis-cli -h "$HOST" -p "$PORT" "$@"; } # a hung server fails the check, not the run

pass() { checks=$((checks + 1)); }

fail() { # name, expected, actual
  checks=$((checks + 1))
  failures=$((failures + 1))
  echo "FAIL: $1"
  diff -u --label expected --label actual <(printf '%s\n' "$2") <(printf '%s\n' "$3") || true
}

# check NAME EXPECTED COMMAND...: runs COMMAND (stdout+stderr), compares with EXPECTED exactly
# (trailing newlines aside: $(...) drops them).
check() {
  local name=$1 expected=$2 actual
  shift 2
  actual=$("$@" 2>&1) || true
  if [[ "$actual" == "$expected" ]]; then pass; else fail "$name" "$expected" "$actual"; fi
}

# check_re NAME REGEX TEXT: TEXT must match the (bash ERE) REGEX
check_re() {
  if [[ "$3" =~ $2 ]]; then pass; else fail "$1" "/$2/" "$3"; fi
}

if ! cli PING >/dev/null 2>&1; then
  echo "no server answering at $HOST:$PORT" >&2
  exit 2
fi
cli FLUSHALL >/dev/null

# --- raw output (no tty) -----------------------------------------------------------------------
check "PING" "PONG" cli PING
check "PING msg" "hello world" cli PING "hello world"
check "SET" "OK" cli SET k v
check "GET" "v" cli GET k
check "GET missing" "" cli GET missing
check "INCR" "1" cli INCR n
check "INCRBY" "11" cli INCRBY n 10
check "INCRBYFLOAT" "11.5" cli INCRBYFLOAT n 0.5
check "APPEND" "5" cli APPEND app hello
check "MSET" "OK" cli MSET a 1 b 2 c 3
check "MGET" $'1\n\n3' cli MGET a nope c
check "EXISTS" "3" cli EXISTS a b c nope
check "DEL" "2" cli DEL a b nope
check "TTL missing" "-2" cli TTL missing
check "SET EX" "OK" cli SET t v EX 100
check "EXPIRE GT" "0" cli EXPIRE t 50 GT
check "PERSIST" "1" cli PERSIST t
check "TYPE" "string" cli TYPE k
check "TYPE none" "none" cli TYPE missing
check "GETRANGE" "ell" cli GETRANGE app 1 3
lcs() { cli MSET l1 ohmytext l2 mynewtext >/dev/null && cli LCS l1 l2; }
check "LCS" "mytext" lcs
check "ECHO binary-ish" $'a\tb' cli ECHO $'a\tb'
check "unknown command" "ERR unknown command 'foo', with args beginning with: 'bar' " cli foo bar
check "wrong arity" "ERR wrong number of arguments for 'get' command" cli GET
check "syntax error" "ERR syntax error" cli SET k v NX XX
check "not an integer" "ERR value is not an integer or out of range" cli INCRBY k abc
select_db() { cli -n 5 SET only5 there; cli -n 0 GET only5; cli -n 5 GET only5; }
check "-n selects a db" $'OK\n\nthere' select_db
stdin_arg() { printf 'from stdin' | cli -x SET xk; cli GET xk; }
check "-x reads the last argument from stdin" $'OK\nfrom stdin' stdin_arg
stdin_commands() { printf 'SET s 1\nINCR s\nGET s\nNOPE\nPING\n' | cli; }
check "commands from stdin" $'OK\n2\n2\nERR unknown command \'NOPE\', with args beginning with: \n\nPONG' stdin_commands
info_keyspace() { cli INFO keyspace | tr -d '\r'; }
check "INFO keyspace" $'# Keyspace\ndb0:keys=9,expires=0,avg_ttl=0\ndb5:keys=1,expires=0,avg_ttl=0' info_keyspace
check "CONFIG GET" $'databases\n16' cli CONFIG GET databases
exit_on_error() { cli -e NOPE >/dev/null 2>&1 && echo 0 || echo $?; }
check "-e exits 1 on an error reply" "1" exit_on_error

# --- human output (--no-raw) -------------------------------------------------------------------
nr() { cli --no-raw "$@"; }
check "no-raw PING" "PONG" nr PING
check "no-raw SET" "OK" nr SET k v
check "no-raw GET" '"v"' nr GET k
check "no-raw GET missing" "(nil)" nr GET missing
check "no-raw INCR" "(integer) 3" nr INCR s
check "no-raw MGET" $'1) "v"\n2) (nil)\n3) "3"' nr MGET k missing s
check "no-raw empty KEYS" "(empty array)" nr KEYS "nomatch*"
check "no-raw SET GET" '"v"' nr SET k w GET
check "no-raw error" "(error) ERR unknown command 'foo', with args beginning with: 'bar' " nr foo bar
check "no-raw TTL" "(integer) -1" nr TTL k
check "no-raw CONFIG GET" $'1) "databases"\n2) "16"' nr CONFIG GET databases
binary_value() { printf 'a\000b\r\n\377' | cli -x SET bin >/dev/null; nr GET bin; }
check "no-raw binary" '"a\x00b\r\n\xff"' binary_value

# --- RESP3 (-3) ---------------------------------------------------------------------------------
# HELLO 3 is a map. Values that differ between servers (name, version, connection id) are masked.
mask_hello() { sed -E -e 's/^(1# "server" => )".*"$/\1"<server>"/' -e 's/^(2# "version" => )"[0-9.]+"$/\1"<version>"/' \
  -e 's/^(4# "id" => )\(integer\) [0-9]+$/\1(integer) <id>/' \
  -e 's/^server .*$/server <server>/' -e 's/^version [0-9.]+$/version <version>/' -e 's/^id [0-9]+$/id <id>/'; }
hello3_no_raw() { cli -3 --no-raw HELLO 3 | mask_hello; }
check "-3 HELLO 3 (no-raw map)" \
  $'1# "server" => "<server>"\n2# "version" => "<version>"\n3# "proto" => (integer) 3\n4# "id" => (integer) <id>\n5# "mode" => "standalone"\n6# "role" => "master"\n7# "modules" => (empty array)' \
  hello3_no_raw
hello3_raw() { cli -3 HELLO 3 | mask_hello; }
check "-3 HELLO 3 (raw map)" \
  $'server <server>\nversion <version>\nproto 3\nid <id>\nmode standalone\nrole master\nmodules ' \
  hello3_raw
check "-3 CONFIG GET is a map" '1# "databases" => "16"' cli -3 --no-raw CONFIG GET databases
check "-3 GET missing" "(nil)" cli -3 --no-raw GET missing
check "-3 MGET" $'1) "w"\n2) (nil)' cli -3 --no-raw MGET k missing
check "-3 INCR" "(integer) 4" cli -3 --no-raw INCR s

# --- --scan -------------------------------------------------------------------------------------
cli FLUSHALL >/dev/null
for i in $(seq 1 300); do printf 'SET user:%d x\n' "$i"; done | cli >/dev/null
cli SET other x >/dev/null
scan_users() { cli --scan --pattern 'user:*' | sort -u; }
check "--scan --pattern" "$(seq 1 300 | sed 's/^/user:/' | sort)" scan_users
check "DBSIZE" "301" cli DBSIZE

# --- --pipe: 10,000 SETs in RESP --------------------------------------------------------------------
cli FLUSHALL >/dev/null
for i in $(seq 1 10000); do
  k="pipe:$i"; v="value-$i"
  printf '*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n' "${#k}" "$k" "${#v}" "$v"
done >"$TMP/pipe.resp"
pipe_out=$(cli --pipe <"$TMP/pipe.resp" 2>&1) || true
check_re "--pipe 10000 SETs" $'All data transferred.*errors: 0, replies: 10000$' "$pipe_out"
check "--pipe DBSIZE" "10000" cli DBSIZE
check "--pipe spot check" "value-7777" cli GET pipe:7777
# One bad command among the good ones is counted, not fatal.
printf '*1\r\n$4\r\nPING\r\n*1\r\n$4\r\nNOPE\r\n*2\r\n$3\r\nGET\r\n$9\r\npipe:4242\r\n' >"$TMP/bad.resp"
bad_out=$(cli --pipe <"$TMP/bad.resp" 2>&1) || true
check_re "--pipe counts errors" "errors: 1, replies: 3$" "$bad_out"

# --- redis-benchmark -----------------------------------------------------------------------------
cli FLUSHALL >/dev/null
bench_out=$(timeout 120 redis-benchmark -h "$HOST" -p "$PORT" -q -c 50 -P 16 -t set,get,incr,mset -n 20000 2>&1) \
  && bench_rc=0 || bench_rc=$?
bench_lines=$(printf '%s\n' "$bench_out" | tr '\r' '\n' | grep -E 'requests per second' || true)
check "redis-benchmark exit status" "0" echo "$bench_rc"
if printf '%s\n' "$bench_out" | grep -qE 'ERR|Error|error|WARN'; then
  fail "redis-benchmark reported errors" "(no error lines)" "$(printf '%s\n' "$bench_out" | tr '\r' '\n' | grep -E 'ERR|Error|error|WARN')"
else
  pass
fi
for t in 'SET' 'GET' 'INCR' 'MSET \(10 keys\)'; do
  check_re "redis-benchmark $t" "(^|"$'\n'")$t: [0-9.]+ requests per second" "$bench_lines"
done
check "INCR counter after benchmark" "20000" cli GET counter:__rand_int__

cli FLUSHALL >/dev/null
echo "redis-cli suite: $((checks - failures))/$checks checks passed against $HOST:$PORT"
[[ $failures -eq 0 ]]
