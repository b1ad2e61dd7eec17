#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmark: a page of materials through market-server's REST API against
# the same SELECT straight to PostgreSQL.
#
#   meson test -C _build --benchmark --verbose server-list
#
# Starts a throwaway cluster (build-aux/pg-cluster), migrates a database,
# serves it on 127.0.0.1 (a free port), registers a tenant and gives it
# MKT_BENCH_MATERIALS materials (100000) through the API's bulk route, 500
# a request. Then, for MKT_BENCH_DURATION seconds (12) with
# MKT_BENCH_CONNECTIONS connections (4) each, the server having
# MKT_BENCH_THREADS database threads (as many as the cores):
#
#   - wrk on GET /api/v1/inventory/materials?limit=50 with the tenant's token;
#   - pgbench, as the application role, on the transaction the server runs
#     for that page: its tenant's set_config and the SELECT (the statement
#     is read from the server's own log_statement lines, not copied here).
#
#   - pgbench again on that transaction with the server's own setting of
#     plan_cache_mode (a generic plan): a stricter baseline;
#   - pgbench again on every statement the request ran (its tenant, its
#     authorisation and the page), sent as the server sends them: in one
#     pipeline, with generic plans. That is the request's database work
#     alone, to tell the server's own time from PostgreSQL's.
#
# Prints the rates and latencies, the ratio API / pgbench of the page (the
# target is 0.5 or more), the load average before and after, and the
# server's resident memory. Everything listens on
# loopback and is stopped and removed on exit, failed or not.
#
# MARKET_SERVER is the market-server program (meson passes it). Installs
# the packages it needs (wrk, curl, PostgreSQL) when missing, as
# build-aux/deps.sh's MKT_BENCH_PACKAGES lists them.
set -euo pipefail

me=bench-server
srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
server=${MARKET_SERVER:-}
n_materials=${MKT_BENCH_MATERIALS:-100000}
duration=${MKT_BENCH_DURATION:-12}
connections=${MKT_BENCH_CONNECTIONS:-4}
# The server's database threads (MARKET_THREADS): as many as the machine
# has cores, by default; more only add switches between them here, where
# PostgreSQL answers from the same machine.
threads_server=${MKT_BENCH_THREADS:-$(nproc)}
chunk=500
list_path="/api/v1/inventory/materials?limit=50"

die () {
  echo "$me: $*" >&2
  exit 1
}

{ [ -n "$server" ] && [ -x "$server" ]; } || die "set MARKET_SERVER to the market-server program"
case "$n_materials$duration$connections$threads_server" in
  *[!0-9]*) die "MKT_BENCH_MATERIALS, MKT_BENCH_DURATION, MKT_BENCH_CONNECTIONS and MKT_BENCH_THREADS are whole numbers" ;;
esac

# shellcheck source=../build-aux/deps.sh
. "$srcdir/build-aux/deps.sh"
# shellcheck disable=SC2086
mkt_install_packages $MKT_BENCH_PACKAGES || die "cannot install:$(mkt_missing_packages $MKT_BENCH_PACKAGES)"

pg_bindir=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$pg_bindir/pgbench" ] || die "no pgbench in $pg_bindir (the postgresql package has it)"

work=$(mktemp -d "${TMPDIR:-/tmp}/mkt-bench-server.XXXXXX")
server_pid=""
MKT_PG_DIR=""

cleanup () {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "$status" != 0 ] && [ -s "$work/server.log" ]; then
    echo "$me: the server's last log lines:" >&2
    tail -n 20 "$work/server.log" >&2
  fi
  if [ -n "$MKT_PG_DIR" ]; then
    "$srcdir/build-aux/pg-cluster" stop "$MKT_PG_DIR" || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Seconds since the epoch, with nanoseconds.
now () {
  date +%s.%N
}

elapsed () {
  awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'
}

# The cluster, the database, the schema -------------------------------------

eval "$("$srcdir/build-aux/pg-cluster" start)"
pg_port=${MKT_PG_URL##*:}
pg_port=${pg_port%%/*}
psql_admin=("$pg_bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres)

"${psql_admin[@]}" -d postgres -c "CREATE DATABASE market"
DATABASE_URL="postgresql://postgres@127.0.0.1:$pg_port/market" "$server" migrate >"$work/migrate.log" 2>&1 ||
  { cat "$work/migrate.log" >&2; die "market-server migrate failed"; }

# The server ------------------------------------------------------------------

secret=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
DATABASE_URL="postgresql://market_app@127.0.0.1:$pg_port/market" \
MARKET_TOKEN_SECRET=$secret \
MARKET_RATE_LIMIT=0 \
MARKET_THREADS=$threads_server \
  "$server" serve --listen 127.0.0.1:0 >"$work/server.out" 2>"$work/server.log" &
server_pid=$!

base=""
for _ in $(seq 300); do
  base=$(sed -n 's/^Listening on \(http:[^ ]*\).*/\1/p' "$work/server.out")
  [ -n "$base" ] && break
  kill -0 "$server_pid" 2>/dev/null || die "market-server serve exited before it listened"
  sleep 0.1
done
[ -n "$base" ] || die "market-server serve did not listen within 30 s"
base=${base%/}

# POSTs $2 (a file) to $1; prints the answer, fails on a status other than 2xx.
post () {
  local status
  status=$(curl -sS -o "$work/answer" -w '%{http_code}' -X POST \
                -H 'Content-Type: application/json' ${token:+-H "Authorization: Bearer $token"} \
                --data-binary "@$2" "$base$1") || die "POST $1: curl failed"
  case "$status" in
    2??) cat "$work/answer" ;;
    *) echo "$me: POST $1 answered $status:" >&2; cat "$work/answer" >&2; echo >&2; exit 1 ;;
  esac
}

# The tenant and its materials ------------------------------------------------

token=""
cat >"$work/register.json" <<EOF
{"business_name": "Bench Yarns", "currency": "EUR", "name": "Bench", "email": "bench@example.com",
 "password": "a long benchmark passphrase"}
EOF
token=$(post /api/v1/auth/register "$work/register.json" |
          sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p')
[ -n "$token" ] || die "registering gave no access_token"
tenant=$("${psql_admin[@]}" -d market -A -t -c "SELECT id FROM tenant")
case "$tenant" in
  *[!0-9a-f-]*|"") die "cannot read the tenant's id back: $tenant" ;;
esac

# Bodies of at most $chunk creations each, written at once by awk.
mkdir "$work/bulk"
awk -v n="$n_materials" -v chunk="$chunk" -v dir="$work/bulk" 'BEGIN {
  split("yarn fabric bead notion packaging", kinds, " ")
  split("Natural Rust Teal Mustard Heather Moss Berry", colours, " ")
  for (i = 0; i < n; i++) {
    if (i % chunk == 0) {
      if (i > 0) { printf "]}\n" > file; close (file) }
      file = sprintf ("%s/%06d.json", dir, i / chunk)
      printf "{\"operations\": [" > file
    }
    printf "%s{\"data\": {\"kind\": \"%s\", \"name\": \"Material %d\", \"brand\": \"Hillside Mill\", " \
           "\"sku\": \"SKU-%07d\", \"colour\": \"%s\", \"unit\": \"m\", \"supplier\": \"CraftSupply Co.\"}}",
           i % chunk ? ", " : "", kinds[i % 5 + 1], i, i, colours[i % 7 + 1] > file
  }
  if (n > 0) printf "]}\n" > file
}'

start=$(now)
for body in "$work"/bulk/*.json; do
  post /api/v1/inventory/materials/bulk "$body" >/dev/null
done
seed_s=$(elapsed "$start")
count=$("${psql_admin[@]}" -d market -A -t -c "SELECT count(*) FROM material WHERE tenant_id = '$tenant'")
[ "$count" = "$n_materials" ] || die "$count materials stored, not $n_materials"
echo "seeded $count materials through POST …/materials/bulk ($chunk a request) in $seed_s s"
"${psql_admin[@]}" -d market -c "VACUUM ANALYZE"

# The statement the server runs for the page ----------------------------------

# One request with every statement logged, then logging off again.
"${psql_admin[@]}" -d postgres -c "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
sleep 0.5
log_from=$(wc -c <"$MKT_PG_DIR/server.log")
curl -sS -f -o /dev/null -H "Authorization: Bearer $token" "$base$list_path" || die "GET $list_path failed"
sleep 0.5
"${psql_admin[@]}" -d postgres -c "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null
tail -c +"$((log_from + 1))" "$MKT_PG_DIR/server.log" >"$work/statements.log"

# The prepared statement's text ("execute <name>: SELECT … FROM "material" …")
# and its parameters ("DETAIL:  parameters: $1 = '…', $2 = '51'").
select_sql=$(grep -m 1 -E 'execute [^:]*: SELECT .* FROM "material" ' "$work/statements.log" |
               sed 's/.*execute [^:]*: //') || true
[ -n "$select_sql" ] || { cat "$work/statements.log" >&2; die "the server's SELECT of the page is not in the log"; }
select_params=$(grep -A 1 -m 1 -F "$select_sql" "$work/statements.log" |
                  sed -n 's/.*DETAIL: *[Pp]arameters: //p')

# pgbench's variables stand for the parameters: $1 → :p1 and so on (with
# -M prepared, pgbench sends them as parameters again).
script_sql=$select_sql
pgbench_vars=()
declare -A values=()
while [[ "$select_params" =~ \$([0-9]+)\ =\ \'([^\']*)\' ]]; do
  values[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
  select_params=${select_params#*"${BASH_REMATCH[0]}"}
done
for i in $(printf '%s\n' "${!values[@]}" | sort -rn); do
  pgbench_vars+=(-D "p$i=${values[$i]}")
  script_sql=${script_sql//"\$$i"/":p$i"}
done
[ "${values[1]:-}" = "$tenant" ] || { cat "$work/statements.log" >&2; die "the SELECT's first parameter is not the tenant: ${values[1]:-none}"; }
# The tenant's set_config, sent with it: "$1 = '<tenant>', $2 = '<include deleted>'".
include_deleted=$(grep -A 1 -m 1 -F "app.current_tenant_id" "$work/statements.log" |
                    sed -n "s/.*\$2 = '\([^']*\)'.*/\1/p") || true
[ -n "$include_deleted" ] || die "the server set no tenant in the page's transaction"

cat >"$work/list.sql" <<EOF
BEGIN;
SELECT set_config ('app.current_tenant_id', :p1, true), set_config ('app.include_deleted', '$include_deleted', true);
$script_sql;
COMMIT;
EOF
echo "pgbench's transaction (the server's SELECT, as market_app):"
sed 's/^/  /' "$work/list.sql"

# Every statement the request ran (its tenant, its authorisation, the
# page), with their parameters in place, in one pipeline as the server
# sends them (what goes before a sync is one transaction): the whole
# request's database work. The connection's own setup, made once, is left
# out.
echo '\startpipeline' >"$work/request.sql"
n_statements=0
sql=""
flush_statement () {
  if [ -n "$sql" ]; then
    printf '%s;\n' "$sql" >>"$work/request.sql"
    n_statements=$((n_statements + 1))
  fi
  sql=""
}
while IFS= read -r line; do
  if [[ "$line" == *"LOG:  execute "* ]]; then
    flush_statement
    sql=${line#*LOG:  execute }
    sql=${sql#*: }
    case "$sql" in
      *"'lock_timeout'"*|*"'plan_cache_mode'"*) sql="" ;;
    esac
  elif [[ "$line" == *"DETAIL:  "[Pp]"arameters: "* ]] && [ -n "$sql" ]; then
    params=${line#*arameters: }
    declare -A request_values=()
    while [[ "$params" =~ \$([0-9]+)\ =\ (\'[^\']*\') ]]; do
      request_values[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
      params=${params#*"${BASH_REMATCH[0]}"}
    done
    for i in $(printf '%s\n' "${!request_values[@]}" | sort -rn); do
      sql=${sql//"\$$i"/"${request_values[$i]}"}
    done
    unset request_values
  elif [[ "$line" == *"LOG:  "* ]]; then
    flush_statement
  fi
done <"$work/statements.log"
flush_statement
echo '\endpipeline' >>"$work/request.sql"

# The measurements ------------------------------------------------------------

threads=$(( connections < 2 ? connections : 2 ))
load_before=$(cut -d ' ' -f 1-3 /proc/loadavg)
echo
echo "wrk: ${duration} s, $connections connections, $threads threads, GET $list_path"
wrk --latency -t "$threads" -c "$connections" -d "${duration}s" \
    -H "Authorization: Bearer $token" "$base$list_path" | tee "$work/wrk.out"
wrk_non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' "$work/wrk.out")
[ -z "$wrk_non2xx" ] || die "$wrk_non2xx answers were not 2xx"

rss_kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/$server_pid/status")
hwm_kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status")

echo
echo "pgbench: ${duration} s, $connections connections, $threads threads, prepared"
(cd "$work" &&
  "$pg_bindir/pgbench" -n -h 127.0.0.1 -p "$pg_port" -U market_app -M prepared \
      -c "$connections" -j "$threads" -T "$duration" -l --log-prefix=pglog \
      "${pgbench_vars[@]}" -f list.sql market) | tee "$work/pgbench.out"

# The server's connections keep one generic plan per statement
# (configure_connection() in src/server/mkt-pg-store.c); left to itself,
# PostgreSQL plans the page's SELECT again on every run. The same SELECT
# with the server's setting: the stricter baseline.
echo
echo "pgbench: ${duration} s, $connections connections, $threads threads, prepared, plan_cache_mode=force_generic_plan"
(cd "$work" &&
  PGOPTIONS="-c plan_cache_mode=force_generic_plan" \
  "$pg_bindir/pgbench" -n -h 127.0.0.1 -p "$pg_port" -U market_app -M prepared \
      -c "$connections" -j "$threads" -T "$duration" -l --log-prefix=generic \
      "${pgbench_vars[@]}" -f list.sql market) | tee "$work/pgbench-generic.out"

echo
echo "pgbench, the request's $n_statements statements in one pipeline, generic plans: ${duration} s"
sed 's/^/  /' "$work/request.sql"
(cd "$work" &&
  PGOPTIONS="-c plan_cache_mode=force_generic_plan" \
  "$pg_bindir/pgbench" -n -h 127.0.0.1 -p "$pg_port" -U market_app -M prepared \
      -c "$connections" -j "$threads" -T "$duration" -f request.sql market) | tee "$work/pgbench-request.out"

# wrk's figures are in its own units (us, ms, s): in ms.
wrk_ms () {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) printf "%.3f", v / 1000
    else if (v ~ /ms$/) printf "%.3f", v + 0
    else if (v ~ /m$/) printf "%.3f", v * 60000
    else printf "%.3f", v * 1000 }'
}
api_rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$work/wrk.out")
api_p50=$(wrk_ms "$(awk '$1 == "50%" { print $2 }' "$work/wrk.out")")
api_p99=$(wrk_ms "$(awk '$1 == "99%" { print $2 }' "$work/wrk.out")")
pg_tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/pgbench.out")
generic_tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/pgbench-generic.out")
pg_avg=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$work/pgbench.out")
request_tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$work/pgbench-request.out")
request_avg=$(sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p' "$work/pgbench-request.out")
# The per-transaction log's third column is the latency in µs.
cat "$work"/pglog.* | awk '{ print $3 }' | sort -n >"$work/pg-latencies"
pg_n=$(wc -l <"$work/pg-latencies")
pg_pct () {
  awk -v n="$pg_n" -v p="$1" 'BEGIN { k = int ((n - 1) * p / 100) + 1 } NR == k { printf "%.3f", $1 / 1000; exit }' \
    "$work/pg-latencies"
}
pg_p50=$(pg_pct 50)
pg_p99=$(pg_pct 99)
cat "$work"/generic.* | awk '{ print $3 }' | sort -n >"$work/pg-latencies"
pg_n=$(wc -l <"$work/pg-latencies")
generic_p50=$(pg_pct 50)
generic_p99=$(pg_pct 99)
ratio=$(awk -v a="$api_rps" -v b="$pg_tps" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')
generic_ratio=$(awk -v a="$api_rps" -v b="$generic_tps" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }')

echo
echo "server-list: $count materials, page of 50, ${duration} s, $connections connections, $threads_server database threads, load average $load_before before, $(cut -d ' ' -f 1-3 /proc/loadavg) after"
printf '  API (wrk):      %10.1f requests/s   p50 %8s ms   p99 %8s ms\n' "$api_rps" "$api_p50" "$api_p99"
printf '  SQL (pgbench):  %10.1f transactions/s   p50 %8s ms   p99 %8s ms   average %s ms\n' \
       "$pg_tps" "$pg_p50" "$pg_p99" "$pg_avg"
printf '  SQL, generic plan: %10.1f transactions/s   p50 %8s ms   p99 %8s ms\n' \
       "$generic_tps" "$generic_p50" "$generic_p99"
echo "  ratio API / pgbench: $ratio (target ≥ 0.50)"
echo "  ratio API / pgbench with the server's generic plans: $generic_ratio"
printf '  SQL of a whole request (%s statements in one pipeline, as the server sends them): %.1f requests/s, average %s ms\n' \
       "$n_statements" "$request_tps" "$request_avg"
echo "  market-server RSS: $((rss_kb / 1024)) MB now, $((hwm_kb / 1024)) MB peak"
