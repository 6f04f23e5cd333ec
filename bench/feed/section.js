// section.js - the "Feed ingestion" section of docs/benchmarks.md, from bench/feed/run.sh's result.
//
//   const { section } = require('./feed/section');
//   const { markdown, missed, unmeasured, terminal } = section(JSON.parse(text));
//
// markdown is the section (from its heading on); missed names the targets not
// met, unmeasured what could not be measured; terminal holds lines for the
// narrow table report.js prints.
'use strict';

const { TARGET_FEED_EPS } = require('../cases');

const ISSUE_EVENTS = 5000000;
const int = (x) => Math.round(x).toLocaleString('en-US');
const secs = (ms) => (ms / 1000).toFixed(2);
const eps = (events, ms) => (events * 1000) / ms;
const verdict = (ok) => (ok ? 'pass' : 'FAIL');

function table(head, rows) {
  const line = (r) => `| ${r.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function section(f) {
  const n = f.events, missed = [], unmeasured = [], terminal = [];
  const j = f.jindu && f.jindu.summary ? f.jindu : null;
  const again = f.jindu_again && f.jindu_again.summary ? f.jindu_again : null;
  const jEps = j ? eps(n, j.ms) : null;
  const dEps = eps(n, f.duckdb.ms), sEps = eps(n, f.sqlite3.ms);
  const ratio = (x) => (jEps ? `${(jEps / x).toFixed(2)}×` : '—');
  const na = '`jindu feed` is not in this build';

  const rows = [];
  if (j) {
    const s = j.summary;
    rows.push(['`jindu feed ingest` (.csv)', int(s.read), int(s.matched), int(s.rejected), int(s.alerts),
      secs(j.ms), int(jEps)]);
    if (again) {
      rows.push(['the same file again', int(again.summary.read), '—', '—', `${int(again.new_alerts)} new`,
        secs(again.ms), int(eps(n, again.ms))]);
    }
  } else {
    rows.push(['`jindu feed ingest` (.csv)', int(n), '—', '—', '—', '—', `not measured: ${na}`]);
  }
  rows.push([`DuckDB ${f.duckdb.version} (${f.duckdb.threads} threads)`, int(n), int(f.duckdb.alerts), '— (no checks)',
    int(f.duckdb.alerts), secs(f.duckdb.ms), int(dEps)]);
  rows.push([`\`sqlite3\` shell ${f.sqlite3.version}`, int(n), int(f.sqlite3.alerts), '— (no checks)',
    int(f.sqlite3.alerts), secs(f.sqlite3.ms), int(sEps)]);
  const resultTable = table(['Measurement', 'Events read', 'Matched', 'Rejected', 'Alerts', 'Seconds', 'Events/s'], rows);

  let targetTable;
  if (j) {
    const fast = jEps >= TARGET_FEED_EPS, beat = jEps > dEps;
    const targets = [
      [`at least ${int(TARGET_FEED_EPS)} events/s end to end, alerts committed`, `${int(jEps)} events/s`, verdict(fast)],
      ['faster than DuckDB\'s plain join on the same CPUs', `jindu ÷ DuckDB = ${ratio(dEps)}`, verdict(beat)],
      ['(for comparison) the sqlite3 shell', `jindu ÷ sqlite3 = ${ratio(sEps)}`, '—'],
    ];
    if (!fast) missed.push(`feed ingestion at ${int(TARGET_FEED_EPS)} events/s`);
    if (!beat) missed.push('feed ingestion faster than DuckDB');
    if (again) {
      const ok = again.new_alerts === 0;
      targets.push(['a batch delivered twice raises no new alerts', `${int(again.new_alerts)} new alerts`, verdict(ok)]);
      if (!ok) missed.push('feed re-delivery (new alerts)');
    }
    targetTable = table(['Target', 'Measured', 'Result'], targets);
  } else {
    unmeasured.push(`feed ingestion (${na})`);
    targetTable = `The targets are not measured: ${na}. The peers ran against a generated watchlist ` +
      `of ${int(f.watchlist)} valid ID numbers instead of one from the database.`;
  }

  const e = f.expect, bad = e.bad;
  const all = (x) => (x && x.runs_ms ? x.runs_ms.map(secs).join(', ') : x ? secs(x.ms) : '—');
  const runs = (f.duckdb.runs_ms || [f.duckdb.ms]).length;
  const runList = `jindu ${all(j)}; DuckDB ${all(f.duckdb)}; sqlite3 ${all(f.sqlite3)}`;
  const small = n < ISSUE_EVENTS
    ? `\n\n**Not the size of the issue**: it asks for ${int(ISSUE_EVENTS)} events; this run used ${int(n)}.`
    : '';
  const source = j ? `of the demo county's ${int(f.persons)} persons on file, \`jindu feed watchlist --reveal\``
    : `generated, as ${na}`;
  const markdown = `## Feed ingestion

Issue 4 (动态管控预警): a partner's batch of events — hotel check-ins, internet cafés,
parcels, tickets — is matched against the watchlist by ID number at ${int(TARGET_FEED_EPS)}
events/s or more, end to end with the alerts committed, and faster than DuckDB's plain join
on the same ${f.nproc} CPUs.

The batch (\`bench/feed/gen-events.js\`): ${int(n)} hotel check-ins from ${e.from} to ${e.to},
${(f.bytes / 2 ** 20).toFixed(0)} MB of .csv, with unique event ids, valid GB 11643 ID numbers, names,
hotels and divisions of the demo county, local and ISO 8601 times, and details with quoted
commas. ${int(e.hits)} events (${(100 * e.hits / n).toFixed(2)}%) carry the ID number of one of the
${int(f.watchlist)} persons on the watchlist (${source}), the others ID numbers of people not
on it.
${int(e.rejected)} lines (${(100 * e.rejected / n).toFixed(2)}%) are malformed — ${int(bad.check_digit)} with a wrong
check digit, ${int(bad.time)} with a time that is not one, ${int(bad.missing_id)} without an ID number,
${int(bad.missing_time)} without a time — and carry no watched ID number, so a plain join finds the
same ${int(e.hits)} matches.

- **jindu**: \`jindu feed ingest\` of the file, from a source of kind hotel, on a copy of the demo
  database — timed from the start of the process to its exit: it reads and checks every line,
  writes the malformed ones to a rejects file, matches the ID numbers against the watchlist
  and commits an alert for each match. Its summary line must agree with the generator's counts
  (events read, matched, rejected) and the alerts it reports must be in the database afterwards,
  otherwise the benchmark fails. Each run ingests the file for a new source, so the events are
  new to it every time. At the end the same file again, as from a partner that delivers a
  batch twice: jindu knows the batch by the digest of its bytes and reports its counts again;
  the alerts it adds are counted in the database.
- **DuckDB** (\`@duckdb/node-api\`, default threads, one per CPU): \`read_csv\` of the file with
  every column typed VARCHAR and no detection, a hash join with the watchlist table, the matches
  inserted into an alert table of a database file; timed from opening the database to closing
  it, which checkpoints.
- **sqlite3 shell**: \`.import --csv\` into a temporary table (\`temp_store=MEMORY\`), then one
  transaction that inserts the join with the watchlist table (\`WITHOUT ROWID\`, keyed by ID
  number) into an alert table; timed from starting the shell to its exit after the commit.

Neither peer checks anything — no check digit, no time, no division — so their malformed lines
are read like the others; their watchlists are loaded before the clock starts, as jindu's is
already in its database. Events/s is events read ÷ seconds.${small}

jindu and the peers take turns, ${runs === 1 ? "once" : `${runs} times`} each, so that a moment when the machine is busy with
something else falls on one run of one of them rather than on all of one; the table shows the
best run of each. All runs, in seconds: ${runList}.

${resultTable}

${targetTable}
`;

  const pad = (s, w) => String(s) + ' '.repeat(Math.max(0, w - String(s).length));
  if (j) {
    terminal.push(pad(`feed ${n} events`, 34) + pad(`>=${TARGET_FEED_EPS / 1e6}M/s`, 10) +
      pad(`${secs(j.ms)}s`, 9) + pad(`${(jEps / 1e6).toFixed(2)}M/s`, 18) + pad(`${secs(f.duckdb.ms)}s`, 9) +
      verdict(jEps >= TARGET_FEED_EPS && jEps > dEps));
  } else {
    terminal.push(pad(`feed ${n} events`, 34) + `not measured (${na}); DuckDB ${secs(f.duckdb.ms)} s, ` +
      `sqlite3 ${secs(f.sqlite3.ms)} s`);
  }
  return { markdown, missed, unmeasured, terminal };
}

module.exports = { section };
