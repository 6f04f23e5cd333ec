// peers.js - the feed-ingest job done by DuckDB or by the sqlite3 shell, timed.
//
//   node bench/feed/peers.js duckdb|sqlite3 --events E.csv --watchlist W.tsv
//        --dir DIR --out FILE.json
//
// The job `jindu feed ingest` does, in its plainest form: read the event file,
// join it with the watchlist on the ID number, write the matching events as
// alerts into a table of a database file and commit. Neither peer checks
// anything (check digits, times, divisions): a malformed line is read like any
// other and matches nothing. The watchlist is loaded into the peer's database
// first and not timed, as jindu's is already in its database; the time runs
// from opening the database to the commit (DuckDB: to closing the instance,
// which checkpoints). DuckDB runs with its default threads (one per CPU); the
// sqlite3 shell has one thread.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ALERT_COLUMNS = 'event_id, person_id, id_number, name, time, place, division, details, reason';

function options(argv) {
  const o = { peer: argv[0] };
  for (let i = 1; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) throw new Error(`bad argument '${argv[i]}'`);
    o[argv[i].slice(2)] = argv[i + 1];
  }
  for (const k of ['events', 'watchlist', 'dir', 'out'])
    if (!o[k]) throw new Error(`missing --${k}`);
  if (o.peer !== 'duckdb' && o.peer !== 'sqlite3') throw new Error(`unknown peer '${o.peer}'`);
  return o;
}

// SQL string literal.
const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

// ---- DuckDB ----

async function duckdb(o) {
  const { DuckDBInstance } = require('@duckdb/node-api');
  const file = path.join(o.dir, 'peer.duckdb');
  const open = async (f) => {
    const instance = await DuckDBInstance.create(f);
    return { instance, db: await instance.connect() };
  };

  let { instance, db } = await open(file);
  await db.run(`CREATE TABLE watch AS SELECT * FROM read_csv(${lit(o.watchlist)}, delim = '\t',
    header = false, quote = '', auto_detect = false,
    columns = {'id_number': 'VARCHAR', 'person_id': 'BIGINT', 'reason': 'VARCHAR'})`);
  await db.run(`CREATE TABLE alert (event_id VARCHAR, person_id BIGINT, id_number VARCHAR, name VARCHAR,
    time VARCHAR, place VARCHAR, division VARCHAR, details VARCHAR, reason VARCHAR)`);
  const threads = (await db.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
  const version = (await db.runAndReadAll('SELECT version()')).getRows()[0][0];
  db.closeSync();
  instance.closeSync();

  const t0 = process.hrtime.bigint();
  ({ instance, db } = await open(file));
  await db.run(`INSERT INTO alert
    SELECT e.event_id, w.person_id, e.id_number, e.name, e.time, e.place, e.division, e.details, w.reason
    FROM read_csv(${lit(o.events)}, header = true, delim = ',', quote = '"', escape = '"',
      auto_detect = false, columns = {'event_id': 'VARCHAR', 'id_number': 'VARCHAR', 'name': 'VARCHAR',
      'time': 'VARCHAR', 'place': 'VARCHAR', 'division': 'VARCHAR', 'details': 'VARCHAR'}) e
    JOIN watch w ON w.id_number = e.id_number`);
  db.closeSync();
  instance.closeSync();
  const elapsed = ms(t0);

  ({ instance, db } = await open(file));
  const alerts = (await db.runAndReadAll('SELECT count(*) FROM alert')).getRows()[0][0];
  db.closeSync();
  instance.closeSync();
  return { ms: elapsed, alerts: Number(alerts), version: String(version), threads: Number(threads) };
}

// ---- sqlite3 ----

function sqlite3(db, script) {
  const r = spawnSync('sqlite3', ['-bail', db], { input: script, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  if (r.status !== 0 || r.stderr.trim()) throw new Error(`sqlite3: ${(r.stderr || '').trim().split('\n').slice(0, 3).join('; ')}`);
  return r.stdout;
}

// The shell's dot-commands take file names in double quotes.
const dq = (s) => `"${String(s).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

function sqlite(o) {
  const file = path.join(o.dir, 'peer.sqlite');
  sqlite3(file, `CREATE TABLE watch (id_number TEXT PRIMARY KEY, person_id INTEGER, reason TEXT) WITHOUT ROWID;
CREATE TABLE alert (event_id TEXT, person_id INTEGER, id_number TEXT, name TEXT, time TEXT, place TEXT,
  division TEXT, details TEXT, reason TEXT);
.mode tabs
.import ${dq(o.watchlist)} watch
`);
  const t0 = process.hrtime.bigint();
  sqlite3(file, `PRAGMA temp_store = MEMORY;
CREATE TEMP TABLE event (event_id TEXT, id_number TEXT, name TEXT, time TEXT, place TEXT, division TEXT,
  details TEXT);
.import --csv --skip 1 ${dq(o.events)} event
BEGIN;
INSERT INTO alert (${ALERT_COLUMNS})
  SELECT e.event_id, w.person_id, e.id_number, e.name, e.time, e.place, e.division, e.details, w.reason
  FROM event e JOIN watch w ON w.id_number = e.id_number;
COMMIT;
`);
  const elapsed = ms(t0);
  const alerts = Number(sqlite3(file, 'SELECT count(*) FROM alert;').trim());
  const version = sqlite3(':memory:', 'SELECT sqlite_version();').trim();
  return { ms: elapsed, alerts, version, threads: 1 };
}

async function main() {
  const o = options(process.argv.slice(2));
  fs.mkdirSync(o.dir, { recursive: true });
  const r = o.peer === 'duckdb' ? await duckdb(o) : sqlite(o);
  r.peer = o.peer;
  fs.writeFileSync(o.out, JSON.stringify(r) + '\n');
  process.stdout.write(`${o.peer}: ${r.alerts} alerts in ${(r.ms / 1000).toFixed(2)} s\n`);
}

main().catch((e) => {
  process.stderr.write(`peers: ${e.message}\n`);
  process.exit(1);
});
