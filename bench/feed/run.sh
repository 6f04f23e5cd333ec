#!/bin/sh
# run.sh - bench/feed: `jindu feed ingest` of a partner's batch, side by side
# with DuckDB and the sqlite3 shell doing the same job on the same file.
#
#   sh bench/feed/run.sh [DEMO_DB [OUT.json]]
#
# bench/run.sh calls it with the demo county it keeps in build/bench/ (default
# build/bench/demo-$JINDU_BENCH_PERSONS.db, which must exist) and reads OUT
# (default build/bench/feed.json) into docs/benchmarks.md. The steps:
#
#   1. a copy of the demo database, so that the cached one is not changed;
#   2. a source (kind hotel) and the watchlist, from `jindu feed`;
#   3. JINDU_BENCH_EVENTS events (default 5000000), about 1% of them carrying
#      an ID number of the watchlist and 0.1% malformed (gen-events.js, which
#      also writes the counts a correct reader must find);
#   4. `jindu feed ingest` of the file, timed end to end; its summary line must
#      agree with the generator's counts (read, matched, rejected) and with the
#      alerts found in the database afterwards, otherwise the benchmark fails;
#   5. DuckDB and the sqlite3 shell: read the file, join on the ID number,
#      write the alerts, commit (peers.js);
#      4 and 5 take turns JINDU_BENCH_RUNS times (default 3): the best run of
#      each counts, and all are kept;
#   6. the same file again, as a partner that delivers a batch twice would,
#      counting the alerts it adds (none is right).
#
# Without `jindu feed` in this build it says so, measures the peers against a
# generated watchlist of as many persons, and exits 0. Every step has a time
# limit; temporary files are removed on exit.
set -eu

cd "$(dirname "$0")/../.."
events=${JINDU_BENCH_EVENTS:-5000000}
persons=${JINDU_BENCH_PERSONS:-200000}
src=${1:-build/bench/demo-$persons.db}
out=${2:-build/bench/feed.json}
jindu=build/jindu

die() {
	echo "bench feed: $*" >&2
	exit 1
}

case $events in '' | *[!0-9]* | 0) die "JINDU_BENCH_EVENTS must be a whole number above 0 (got '$events')" ;; esac
for t in node sqlite3 timeout; do
	command -v "$t" >/dev/null 2>&1 || die "'$t' is needed"
done
[ -x "$jindu" ] || die "no $jindu: run make first"
[ -f "$src" ] && [ -f "$src.key" ] || die "no demo database $src: run make bench"
node -e 'require("@duckdb/node-api")' 2>/dev/null || die "no @duckdb/node-api: run npm ci"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/jindu-feed.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

now() { date +%s%N; }
ms() { echo $((($2 - $1) / 1000000)); }

# The last line of an ingest's output as JSON, with its exit status and time:
# `read N matched M unmatched U duplicates D rejected R alerts A`.
summary() { # LOG STATUS MS
	awk -v status="$2" -v ms="$3" '
		NF { last = $0 }
		END {
			n = split(last, w, " ")
			ok = n == 12 && w[1] == "read" && w[3] == "matched" && w[5] == "unmatched" &&
				w[7] == "duplicates" && w[9] == "rejected" && w[11] == "alerts"
			for (i = 2; ok && i <= 12; i += 2)
				if (w[i] !~ /^[0-9]+$/) ok = 0
			if (!ok) {
				printf "{\"status\": %d, \"ms\": %d, \"summary\": null}\n", status, ms
				exit
			}
			printf "{\"status\": %d, \"ms\": %d, \"summary\": {\"read\": %s, \"matched\": %s, " \
				"\"unmatched\": %s, \"duplicates\": %s, \"rejected\": %s, \"alerts\": %s}}\n",
				status, ms, w[2], w[4], w[6], w[8], w[10], w[12]
		}' "$1"
}

# ---- 1. a copy of the demo county ----
db=$tmp/feed.db
cp "$src" "$db"
cp "$src.key" "$db.key"
[ ! -f "$src-wal" ] || cp "$src-wal" "$db-wal"

# ---- 2. source and watchlist ----
if "$jindu" help feed >/dev/null 2>&1; then
	available=true
	"$jindu" feed source add bench --db "$db" --kind hotel --label 'make bench' >/dev/null ||
		die "jindu feed source add failed"
	timeout --foreground 300 "$jindu" feed watchlist --db "$db" --reveal >"$tmp/watchlist.tsv" ||
		die "jindu feed watchlist failed"
	echo "bench feed: watchlist of $(wc -l <"$tmp/watchlist.tsv") persons from jindu feed watchlist"
else
	available=false
	n=$(sqlite3 "$db" 'SELECT count(*) FROM person')
	echo "bench feed: jindu feed is not available in this build; measuring the peers only," \
		"against a generated watchlist of $n persons"
	node bench/feed/gen-events.js --make-watchlist "$n" >"$tmp/watchlist.tsv"
fi
sqlite3 -separator '	' "$db" "SELECT d.code, CASE WHEN d.level = 5 THEN p.name || d.name ELSE d.name END
	FROM division d JOIN division p ON p.code = d.parent
	WHERE d.level >= 4 AND d.code GLOB (SELECT division FROM user WHERE login = 'admin') || '*'
	ORDER BY d.code" >"$tmp/divisions.tsv"

# ---- 3. the events ----
echo "bench feed: generating $events events"
t0=$(now)
timeout --foreground $((events / 50000 + 120)) node bench/feed/gen-events.js --events "$events" \
	--watchlist "$tmp/watchlist.tsv" --divisions "$tmp/divisions.tsv" --expect "$tmp/expect.json" \
	>"$tmp/events.csv" 2>"$tmp/gen.log" || die "gen-events.js failed: $(tail -n 3 "$tmp/gen.log")"
gen_ms=$(ms "$t0" "$(now)")
bytes=$(wc -c <"$tmp/events.csv")
field() { # FILE.json KEY
	node -e 'const [f, k] = process.argv.slice(1); console.log(JSON.parse(require("fs").readFileSync(f))[k])' "$1" "$2"
}
hits=$(field "$tmp/expect.json" hits)
rejected=$(field "$tmp/expect.json" rejected)
echo "bench feed: $events events ($((bytes / 1048576)) MB) in $gen_ms ms: $hits on the watchlist, $rejected malformed"

# ---- 4. jindu feed ingest, twice ----
limit=$((events / 10000 + 300))
ingest_as() { # NAME SOURCE
	t0=$(now)
	if timeout --foreground "$limit" "$jindu" feed ingest --db "$db" --source "$2" "$tmp/events.csv" \
		--rejects "$tmp/rejects-$1.csv" >"$tmp/$1.log" 2>"$tmp/$1.err"; then
		status=0
	else
		status=$?
	fi
	summary "$tmp/$1.log" "$status" "$(ms "$t0" "$(now)")" >"$tmp/$1.json"
	last=$(awk 'NF { l = $0 } END { print l }' "$tmp/$1.log")
	echo "bench feed: jindu feed ingest ($1): exit $status, $last"
	[ "$status" = 0 ] || die "jindu feed ingest exited $status: $(tail -n 3 "$tmp/$1.err")"
	! grep -q '"summary": null' "$tmp/$1.json" ||
		die "the last line of jindu feed ingest is not 'read N matched M unmatched U duplicates D rejected R alerts A'"
}
alerts() { sqlite3 "$db" 'SELECT count(*) FROM alert'; }
# The checks of a first run: its summary against the generator's counts, its
# alerts against the database.
check_first() { # ALERTS_BEFORE
	before_run=$1
	after=$(alerts)
	# The summary's words, split on purpose: read N matched M … alerts A.
	# shellcheck disable=SC2086
	set -- $last
	[ "$2" = "$events" ] && [ "$4" = "$hits" ] && [ "${10}" = "$rejected" ] ||
		die "jindu feed ingest read $2 matched $4 rejected ${10}; the file holds $events events," \
			"$hits on the watchlist, $rejected malformed"
	[ $((after - before_run)) = "${12}" ] ||
		die "jindu feed ingest reported ${12} alerts; $((after - before_run)) are in the database"
}
peer() { # NAME ROUND
	timeout --foreground "$limit" node bench/feed/peers.js "$1" --events "$tmp/events.csv" \
		--watchlist "$tmp/watchlist.tsv" --dir "$tmp/$1-$2" --out "$tmp/$1-$2.json" ||
		die "the $1 peer failed"
	got=$(field "$tmp/$1-$2.json" alerts)
	[ "$got" = "$hits" ] || die "the $1 peer wrote $got alerts; the file holds $hits events on the watchlist"
	rm -rf "$tmp/$1-$2"
}

# ---- 4 and 5. jindu and its peers, round after round ----
# Each does the whole job JINDU_BENCH_RUNS times (default 3), taking turns,
# so that a moment when the machine is busy with something else falls on
# one run of one of them, not on all of one; the best run of each counts,
# and every run is kept. jindu ingests the batch for a new source each time
# (the events are then new to it), so each run does the whole job.
runs=${JINDU_BENCH_RUNS:-3}
case $runs in '' | *[!0-9]* | 0) die "JINDU_BENCH_RUNS must be a whole number above 0 (got '$runs')" ;; esac
round=1
while [ "$round" -le "$runs" ]; do
	if [ "$available" = true ]; then
		if [ "$round" -gt 1 ]; then
			"$jindu" feed source add "bench-$round" --db "$db" --kind hotel --label 'make bench' >/dev/null ||
				die "jindu feed source add failed"
			src_name=bench-$round
		else
			src_name=bench
		fi
		before=$(alerts)
		ingest_as "first-$round" "$src_name"
		check_first "$before"
	fi
	for p in duckdb sqlite3; do
		peer "$p" "$round"
	done
	round=$((round + 1))
done
# the best of the runs, with all of them: BASE -> JSON
best() {
	node -e '
		const fs = require("fs"), [dir, base, runs] = process.argv.slice(1);
		const all = [];
		for (let i = 1; i <= Number(runs); i++) all.push(JSON.parse(fs.readFileSync(`${dir}/${base}-${i}.json`)));
		const b = all.reduce((x, y) => (y.ms < x.ms ? y : x));
		console.log(JSON.stringify({ ...b, runs_ms: all.map((r) => r.ms) }));' "$tmp" "$1" "$runs"
}
if [ "$available" = true ]; then
	jindu_first=$(best first)
	# a partner delivering the last batch again: known by its digest
	after=$(alerts)
	ingest_as again "$src_name"
	jindu_again=$(sed 's/}$/, "new_alerts": '$(($(alerts) - after))'}/' "$tmp/again.json")
else
	jindu_first=null
	jindu_again=null
fi
duckdb_best=$(best duckdb)
sqlite3_best=$(best sqlite3)

mkdir -p "$(dirname "$out")"
printf '{"events": %s, "bytes": %s, "gen_ms": %s, "available": %s, "persons": %s, "watchlist": %s,
 "expect": %s, "jindu": %s, "jindu_again": %s, "duckdb": %s, "sqlite3": %s, "nproc": %s}\n' \
	"$events" "$bytes" "$gen_ms" "$available" "$(sqlite3 "$db" 'SELECT count(*) FROM person')" \
	"$(wc -l <"$tmp/watchlist.tsv")" "$(cat "$tmp/expect.json")" \
	"$jindu_first" "$jindu_again" "$duckdb_best" "$sqlite3_best" "$(nproc)" >"$out"
