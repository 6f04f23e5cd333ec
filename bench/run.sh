#!/bin/sh
# run.sh - make bench: jindu at the scale of issues 3 and 4, side by side with
# bare SQLite (and, for the feed, DuckDB).
#
#   1. a demo county of JINDU_BENCH_PERSONS persons (default 200000), kept in
#      build/bench/ and reused while it holds that many persons;
#   2. the server on a free loopback port: searches, the persons list and a
#      township's worklist over HTTP (bench/measure.js http);
#   3. the same SQL in the sqlite3 shell on the same database (measure.js sql);
#   4. import of JINDU_BENCH_ROWS generated rows (default 200000) into a new
#      database, and SQLite's bare .import of the same file;
#   5. feed ingestion of JINDU_BENCH_EVENTS generated events (default 5000000)
#      on a copy of the demo county, and the same job in DuckDB and the sqlite3
#      shell (bench/feed/run.sh; measures the peers only, and says so, when
#      this build has no `jindu feed`);
#   6. the table on stdout and in docs/benchmarks.md (bench/report.js).
#
# JINDU_BENCH_REPS (default 200) timed requests per case at most, and at most
# JINDU_BENCH_SECONDS (default 20) per case, so that a slow case cannot hold
# the run for long; every step has a time limit. Temporary files and the
# server are removed on exit, also after a failure or an interrupt.
set -eu

cd "$(dirname "$0")/.."
persons=${JINDU_BENCH_PERSONS:-200000}
rows=${JINDU_BENCH_ROWS:-200000}
reps=${JINDU_BENCH_REPS:-200}
seconds=${JINDU_BENCH_SECONDS:-20}
jindu=build/jindu
cache=build/bench
db=$cache/demo-$persons.db

die() {
	echo "bench: $*" >&2
	exit 1
}

for n in "$persons" "$rows" "$reps" "$seconds"; do
	case $n in '' | *[!0-9]* | 0) die "counts must be whole numbers above 0 (got '$n')" ;; esac
done
for t in node sqlite3 stdbuf timeout curl git; do
	command -v "$t" >/dev/null 2>&1 || die "'$t' is needed"
done
[ -x "$jindu" ] || die "no $jindu: run make first"
# The commit measured: the tree as it is when the run starts (make has just built it).
commit=$(git rev-parse --short HEAD 2>/dev/null) || commit=unknown
[ -z "$(git status --porcelain -- src Makefile 2>/dev/null)" ] ||
	commit="$commit, with uncommitted changes in src/"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jindu-bench.XXXXXX")
server=
cleanup() {
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null || :
		wait "$server" 2>/dev/null || :
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 1. the demo county ----
count=
if [ -f "$db" ] && [ -f "$db.key" ]; then
	count=$(sqlite3 "$db" 'SELECT count(*) FROM person' 2>/dev/null) || count=
fi
if [ "$count" = "$persons" ]; then
	echo "bench: reusing $db ($persons persons)"
else
	new=$cache/demo-$persons.new.db
	mkdir -p "$cache"
	rm -f "$db" "$db.key" "$db-wal" "$db-shm" "$new" "$new.key" "$new-wal" "$new-shm"
	echo "bench: making $db with $persons persons (about 90 s for 200000)"
	timeout --foreground $((persons / 200 + 300)) \
		"$jindu" demo --db "$new" --persons "$persons" --seed 1 >"$tmp/demo.log" || die "jindu demo failed: $(tail -n 3 "$tmp/demo.log")"
	sqlite3 "$new" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
	mv "$new.key" "$db.key"
	mv "$new" "$db"
	rm -f "$new-wal" "$new-shm"
fi

# ---- 2. over HTTP ----
# The day's refresh (what falls due today, for every open measure) before
# the server starts, so that it does not run while requests are timed: the
# server runs it once a day, and at start only when that day's is not done.
refresh_start=$(date +%s)
timeout --foreground 900 "$jindu" refresh --db "$db" >"$tmp/refresh.log" ||
	die "jindu refresh failed: $(tail -n 3 "$tmp/refresh.log")"
echo "bench: $(cat "$tmp/refresh.log") in $(($(date +%s) - refresh_start)) s"
admin_token=$("$jindu" token create --db "$db" --user admin --label bench)
officer_token=$("$jindu" token create --db "$db" --user officer.enjiang --label bench)
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1",
	() => { console.log(s.address().port); s.close(); });')
"$jindu" serve --db "$db" --listen "127.0.0.1:$port" --quiet 2>"$tmp/serve.log" &
server=$!
i=0
until curl -sf -o /dev/null "http://127.0.0.1:$port/healthz"; do
	i=$((i + 1))
	[ $i -le 100 ] && kill -0 "$server" 2>/dev/null ||
		die "the server did not start: $(tail -n 3 "$tmp/serve.log")"
	sleep 0.2
done
echo "bench: server on 127.0.0.1:$port; up to $reps requests or $seconds s per case"
JINDU_BENCH_TOKEN_ADMIN=$admin_token JINDU_BENCH_TOKEN_OFFICER=$officer_token \
	timeout --foreground $((12 * (seconds + 40) + 120)) node bench/measure.js http --db "$db" \
	--url "http://127.0.0.1:$port" --reps "$reps" --seconds "$seconds" --out "$tmp/http.json"
kill "$server"
wait "$server" 2>/dev/null || :
server=

# ---- 3. the same SQL, bare ----
echo "bench: the same statements in the sqlite3 shell"
timeout --foreground $((12 * (seconds + 40) + 120)) node bench/measure.js sql --db "$db" \
	--reps "$reps" --seconds "$seconds" --out "$tmp/sql.json"

# ---- 4. import ----
echo "bench: import of $rows rows"
"$jindu" init --db "$tmp/import.db" >"$tmp/init.log"
towns=$(sqlite3 "$tmp/import.db" "SELECT group_concat(name, ',') FROM division
	WHERE parent = (SELECT division FROM user WHERE login = 'admin')
	AND (name GLOB '*镇' OR name GLOB '*乡')")
node bench/gen-persons.js --rows "$rows" --towns "$towns" >"$tmp/persons.csv"
t0=$(date +%s%N)
if timeout --foreground 900 "$jindu" import persons "$tmp/persons.csv" --db "$tmp/import.db" \
	>"$tmp/import.log" 2>&1; then
	status=0
else
	status=$?
	tail -n 5 "$tmp/import.log" >&2
fi
t1=$(date +%s%N)
imported=$(sqlite3 "$tmp/import.db" 'SELECT count(*) FROM person')
t2=$(date +%s%N)
timeout --foreground 300 sqlite3 :memory: ".import --csv $tmp/persons.csv t"
t3=$(date +%s%N)
printf '{"rows": %s, "jindu_ms": %s, "jindu_status": %s, "imported": %s, "peer_ms": %s}\n' \
	"$rows" $(((t1 - t0) / 1000000)) "$status" "$imported" $(((t3 - t2) / 1000000)) \
	>"$tmp/import.json"

# ---- 5. feed ----
sh bench/feed/run.sh "$db" "$tmp/feed.json"

# ---- 6. report ----
JINDU_BENCH_COMMIT=$commit node bench/report.js --http "$tmp/http.json" --sql "$tmp/sql.json" \
	--import "$tmp/import.json" --feed "$tmp/feed.json" --out docs/benchmarks.md
echo "bench: written to docs/benchmarks.md"
