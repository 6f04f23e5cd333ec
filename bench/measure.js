// measure.js - times each case end to end over HTTP, or its bare SQL in sqlite3.
//
//   node bench/measure.js http --db DB --url URL --out FILE   (tokens in the
//        environment: JINDU_BENCH_TOKEN_ADMIN, JINDU_BENCH_TOKEN_OFFICER)
//   node bench/measure.js sql  --db DB --out FILE
//
// Each case: a few warm-up runs, then up to --reps timed runs, stopping early
// when --seconds have passed (at least --min-reps runs), so that a slow case
// cannot make the benchmark run for hours. HTTP requests go one at a time
// over one kept-alive connection and are timed on the client, from sending
// the request to the last byte of the body. SQL is timed by sqlite3's own
// `.timer` (real time, millisecond resolution), one sqlite3 process per case
// with the connection settings the server uses.
'use strict';

const fs = require('fs');
const http = require('http');
const { spawn, execFileSync } = require('child_process');
const path = require('path');
const cases = require('./cases');
const csql = require('./csql');

function options(argv) {
  const o = { reps: 200, seconds: 20, 'min-reps': 10, warmup: 5 };
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined)
      throw new Error(`bad argument '${argv[i]}'`);
    o[argv[i].slice(2)] = argv[i + 1];
  }
  for (const k of ['reps', 'seconds', 'min-reps', 'warmup']) o[k] = Number(o[k]);
  return o;
}

function stats(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { n: s.length, min: s[0], median: at(0.5), p95: at(0.95), max: s[s.length - 1] };
}

// Runs one(i) for warm-up, then timed; one returns the milliseconds of run i.
async function loop(o, one) {
  for (let i = 0; i < o.warmup; i++) await one(i);
  const ms = [], start = Date.now();
  for (let i = 0; i < o.reps; i++) {
    if (i >= o['min-reps'] && Date.now() - start > o.seconds * 1000) break;
    ms.push(await one(i));
  }
  return ms;
}

// ---- HTTP ----

function client(base) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let sockets = 0;
  const get = (p, token) => new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.get(base + p, { agent, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode, body: Buffer.concat(chunks),
        ms: Number(process.hrtime.bigint() - t0) / 1e6,
      }));
      res.on('error', reject);
    });
    req.on('socket', (s) => { if (!s.__bench) { s.__bench = true; sockets++; } });
    req.setTimeout(120000, () => req.destroy(new Error(`timeout: ${p}`)));
    req.on('error', reject);
  });
  return { get, sockets: () => sockets, close: () => agent.destroy() };
}

async function runHttp(o, plan) {
  const tokens = {
    admin: process.env.JINDU_BENCH_TOKEN_ADMIN,
    'officer.enjiang': process.env.JINDU_BENCH_TOKEN_OFFICER,
  };
  const c = client(o.url);
  const out = [];
  for (const k of plan.cases) {
    const token = tokens[k.user];
    if (!token) throw new Error(`no token for ${k.user}`);
    const first = await c.get(k.paths[0], token);
    if (first.status !== 200)
      throw new Error(`${k.paths[0]}: HTTP ${first.status}: ${first.body.toString().slice(0, 200)}`);
    let total = null, items = null;
    if (k.paths[0].startsWith('/api/')) {
      const j = JSON.parse(first.body);
      total = j.total;
      items = j.items.length;
    }
    let bytes = 0;
    const ms = await loop(o, async (i) => {
      const r = await c.get(k.paths[i % k.paths.length], token);
      if (r.status !== 200) throw new Error(`${k.paths[i % k.paths.length]}: HTTP ${r.status}`);
      bytes = Math.max(bytes, r.body.length);
      return r.ms;
    });
    const s = stats(ms);
    out.push({ id: k.id, ...s, bytes, total, items });
    process.stderr.write(`  http ${k.label.padEnd(32)} median ${s.median.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  (n=${s.n})\n`);
  }
  const sockets = c.sockets();
  c.close();
  return { results: out, connections: sockets };
}

// ---- bare SQL in sqlite3 ----

// A value as the argument of `.parameter set`: an SQL literal (null is NULL), double-quoted
// for the shell's argument parser.
function param(v) {
  const lit = v === null ? 'NULL'
    : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  return `"${lit.replace(/["\\]/g, '\\$&')}"`;
}

const oneLine = (s) => s.replace(/\s+/g, ' ').trim() + ';';
const setParams = (p) => Object.entries(p).map(([k, v]) => `.parameter set ?${k} ${param(v)}\n`).join('');

// One sqlite3 process; each run sends its statements and waits for as many
// "Run Time: real S" lines.
function shell(db, pragmas) {
  // stdbuf: sqlite3 writes to a pipe through a block buffer; the timer lines
  // must arrive as each run ends.
  const p = spawn('stdbuf', ['-oL', 'sqlite3', db], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buf = '', waiting = null, err = '';
  const times = [];
  const flush = () => {
    if (waiting && times.length >= waiting.n) {
      const w = waiting;
      waiting = null;
      w.resolve(times.splice(0, w.n));
    }
  };
  p.stdout.on('data', (d) => {
    buf += d;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const m = /^Run Time: real ([0-9.]+)/.exec(line);
      if (m) times.push(Number(m[1]) * 1000);
    }
    flush();
  });
  p.stderr.on('data', (d) => { err += d; });
  p.on('exit', () => { if (waiting) waiting.reject(new Error(`sqlite3: ${err}`)); });
  p.stdin.write(pragmas.map((x) => x + ';\n').join('') + '.output /dev/null\n.timer on\n');
  return {
    run: (text, n) => new Promise((resolve, reject) => {
      waiting = { n, resolve, reject };
      p.stdin.write(text);
      flush();
    }),
    close: () => new Promise((resolve) => { p.on('close', resolve); p.stdin.end('.quit\n'); }),
  };
}

async function runSql(o, plan) {
  const pragmas = csql.connectionPragmas(path.join(__dirname, '..', 'src/store/sqlite.c'));
  const out = [];
  for (const k of plan.cases) {
    // What the first run's count statement finds: the report sets it beside
    // the server's total, so a peer measuring different work would show.
    let total = null;
    if (k.kind === 'search') {
      const text = setParams(k.params[0]) + oneLine(k.sql[0]) + '\n';
      total = Number(execFileSync('sqlite3', [o.db], { input: text, encoding: 'utf8' }).trim());
    }
    const sh = shell(o.db, pragmas);
    const ms = await loop(o, async (i) => {
      const p = k.params[i % k.params.length];
      const t = await sh.run(setParams(p) + k.sql.map(oneLine).join('\n') + '\n', k.sql.length);
      return t.reduce((a, b) => a + b, 0);
    });
    await sh.close();
    const s = stats(ms);
    out.push({ id: k.id, ...s, total, statements: k.sql.length });
    process.stderr.write(`  sql  ${k.label.padEnd(32)} median ${s.median.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  (n=${s.n})\n`);
  }
  return { results: out, pragmas, plans: plans(o.db, plan) };
}

// EXPLAIN QUERY PLAN of the search and worklist statements, first values.
function plans(db, plan) {
  const search = plan.cases.find((k) => k.kind === 'search');
  const browse = plan.cases.find((k) => k.id === 'page-list');
  const work = plan.cases.find((k) => k.kind === 'work');
  const names = ['search, count', 'search, one page', 'persons list (no query), count',
    'persons list (no query), one page', 'worklist, summaries to compute',
    'worklist, counts', 'worklist, one page'];
  return [[search, 0], [search, 1], [browse, 0], [browse, 1], [work, 0], [work, 1], [work, 2]]
    .map(([k, i], j) => ({
    label: names[j],
    plan: execFileSync('sqlite3', [db], {
      input: setParams(k.params[0]) + 'EXPLAIN QUERY PLAN ' + oneLine(k.sql[i]) + '\n', encoding: 'utf8',
    }).trim(),
  }));
}

async function main() {
  const [mode, ...rest] = process.argv.slice(2);
  const o = options(rest);
  if (!o.db || !o.out || (mode !== 'http' && mode !== 'sql') || (mode === 'http' && !o.url))
    throw new Error('usage: measure.js http|sql --db DB --out FILE [--url URL] [--reps N] [--seconds S]');
  const plan = cases.build(o.db);
  const r = mode === 'http' ? await runHttp(o, plan) : await runSql(o, plan);
  const cs = plan.cases.map(({ id, label, kind, target_ms, example, paths, user }) =>
    ({ id, label, kind, target_ms, example, path: paths[0], values: paths.length, user }));
  fs.writeFileSync(o.out, JSON.stringify({ mode, persons: plan.persons,
    persons_total: plan.persons_total, town: plan.town.name, reps: o.reps, seconds: o.seconds,
    cases: cs, ...r }, null, 1));
}

main().catch((e) => {
  process.stderr.write(`measure.js: ${e.message}\n`);
  process.exit(1);
});
