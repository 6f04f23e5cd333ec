// cases.js - what the benchmark asks: real search values from the database,
// the HTTP request for each case and the SQL the server runs for it.
'use strict';

const { execFileSync } = require('child_process');
const path = require('path');
const csql = require('./csql');

const ROOT = path.join(__dirname, '..');
const src = (f) => path.join(ROOT, f);

// Targets from issue 3, "Scale" (at 200,000 persons).
const TARGET_SEARCH_MS = 50;
const TARGET_WORK_MS = 100;
const TARGET_IMPORT_S = 60;
// Target from issue 4, 动态管控预警 (and: faster than DuckDB's plain join).
const TARGET_FEED_EPS = 1000000;
const SAMPLES = 20; // persons whose values the search cases cycle through

function sql(db, query) {
  const out = execFileSync('sqlite3', ['-json', db, query], { encoding: 'utf8' });
  return out.trim() ? JSON.parse(out) : [];
}

// Mirrors search_keys() in src/store/sqlite-person.c: the keys of person_key
// the search text is looked up by (null when it cannot be that form).
function searchKeys(q) {
  q = q.replace(/^[ \t]+|[ \t]+$/g, '');
  const digits = (/^[0-9]*/.exec(q) || [''])[0].length;
  if (!q) return { name: null, pinyin: null, idTail: null, phone: null, address: '""', bigram: null };
  return {
    name: 'n' + q,
    pinyin: /^[A-Za-z]{2,}$/.test(q) ? 'p' + q.toLowerCase() : null,
    idTail: q.length === 4 && (digits === 4 || (digits === 3 && /[xX]$/.test(q)))
      ? 't' + q.toUpperCase() : null,
    phone: q.length >= 5 && digits === q.length ? 'h' + q : null,
    address: '"' + q.replace(/"/g, '""') + '"',
    bigram: [...q].length === 2 && !/[ \t]/.test(q) ? 'a' + q : null,
  };
}

// Parameters of the person list statements, by number: what
// persons_filter_from_query() and store_person_list() bind for a plain
// search (no filter but the text) or, with q empty, for the list alone. A
// number not listed here stops the run, so a new filter in the store cannot
// be silently measured wrong.
function searchParams(prefix, q, limit) {
  const k = searchKeys(q);
  const p = {
    1: prefix, 2: k.name, 3: '', 4: '', 5: '', 6: -1, 7: 0, 8: 0, 9: 0,
    10: k.pinyin, 11: k.idTail, 12: k.phone, 13: limit, 14: 0,
    15: '', 16: '', 17: '', 18: '',
  };
  if (q) Object.assign(p, { 19: k.address, 20: k.bigram });
  return p;
}

function check(sqlText, params, what) {
  for (const m of sqlText.matchAll(/\?(\d+)/g))
    if (!(m[1] in params))
      throw new Error(`${what}: parameter ?${m[1]} is new in the store; give it its "no filter" value in bench/cases.js`);
}

function build(db) {
  const person = csql.load(src('src/store/sqlite-person.c'));
  const countSql = csql.statement(person, 'store_person_list', 'count_sql');
  const countSearchSql = csql.statement(person, 'store_person_list', 'count_search_sql');
  // The default order: first found, newest first. store_person_list() takes
  // the search form (through person_key) for a search text, and for the
  // whole county's list the form that walks the index of the order
  // (+p.division), as its count chooses for so many files.
  const lists = csql.tableEntry(person, 'PERSON_SORT_FOUND');
  const listFor = (q) => {
    const desc = lists.filter((s) => /ORDER BY \+?p\.first_found_date DESC/.test(s));
    return q ? desc.find((s) => /person_key/.test(s))
      : desc.find((s) => /\+p\.division >=/.test(s));
  };
  // A worklist: is anything stale (nothing is, once warm), the counts, one page.
  const measure = csql.load(src('src/store/sqlite-measure.c'));
  const workSqls = [
    csql.statement(measure, 'store_measure_stale_count', 'sql'),
    csql.statement(measure, 'store_work_counts', 'sql'),
    csql.statement(measure, 'store_work_page', 'sql'),
  ];
  const workPerPage = csql.defineNumber(src('src/web/page-work.c'), 'PER_PAGE');
  const d = new Date();
  const today = d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate();
  const perPage = csql.defineNumber(src('src/web/page-persons.c'), 'PER_PAGE');
  const apiLimit = 50; // api_persons(): limit defaults to 50

  const prefixOf = (login) => {
    const r = sql(db, `SELECT d.prefix AS prefix, d.name AS name FROM user u JOIN division d ON d.code = u.division WHERE u.login = '${login}'`);
    if (!r.length) throw new Error(`${db}: no user ${login}`);
    return r[0];
  };
  const county = prefixOf('admin'), town = prefixOf('officer.enjiang');

  const all = sql(db, 'SELECT count(*) AS n FROM person')[0].n;
  const n = sql(db, 'SELECT count(*) AS n FROM person WHERE closed_date = 0')[0].n;
  const step = Math.max(1, Math.floor(n / SAMPLES));
  const people = sql(db, `SELECT name, name_pinyin, name_initials, substr(id_masked, -4) AS tail,
      replace(replace(phone, '-', ''), ' ', '') AS phone FROM (
        SELECT *, row_number() OVER (ORDER BY id) AS rn FROM person
        WHERE closed_date = 0 AND length(name) >= 2 AND name_pinyin <> '' AND length(phone) >= 7)
      WHERE (rn - 1) % ${step} = 0 LIMIT ${SAMPLES}`);
  if (!people.length) throw new Error(`${db}: no persons to search for`);

  const search = (id, label, values, opts = {}) => {
    const limit = opts.html ? perPage : apiLimit;
    const listSql = listFor(values[0]);
    if (!listSql) throw new Error('src/store/sqlite-person.c: no list statement ordered by p.first_found_date DESC');
    const runs = values.map((q) => {
      const params = searchParams(county.prefix, q, limit);
      check(q ? countSearchSql : countSql, params, 'count_sql');
      check(listSql, params, 'list sql');
      return { q, params };
    });
    return {
      id, label, kind: 'search', target_ms: TARGET_SEARCH_MS, user: 'admin',
      paths: runs.map((r) => (opts.html ? '/persons' : '/api/v1/persons') +
                              (r.q ? `?q=${encodeURIComponent(r.q)}` : '')),
      example: values[0],
      sql: [values[0] ? countSearchSql : countSql, listSql],
      params: runs.map((r) => r.params),
    };
  };
  // view: 0 overdue, 1 overdue or due soon (the page's default), 2 all (the API's)
  const work = (id, label, p, view, limit) => {
    const params = { 1: town.prefix, 2: today, 3: 0, 4: view, 5: limit, 6: 0 };
    workSqls.forEach((s, i) => check(s, params, `worklist sql ${i + 1}`));
    return {
      id, label, kind: 'work', target_ms: TARGET_WORK_MS, user: 'officer.enjiang',
      paths: [p], example: town.name, sql: workSqls, params: [params],
    };
  };

  return {
    county, town, persons: n, persons_total: all,
    cases: [
      search('name', 'search: full name', people.map((p) => p.name)),
      search('fragment', 'search: part of a name', people.map((p) => [...p.name].slice(1).join(''))),
      search('pinyin', 'search: full pinyin', people.map((p) => p.name_pinyin)),
      search('initials', 'search: initials', people.map((p) => p.name_initials)),
      search('idtail', 'search: last 4 of ID', people.map((p) => p.tail)),
      search('phone', 'search: phone digits', people.map((p) => p.phone.slice(-6))),
      search('page-search', 'page /persons?q= (name)', people.map((p) => p.name), { html: true }),
      search('page-list', 'page /persons (no query)', [''], { html: true }),
      work('work-api', `worklist API (${town.name})`, '/api/v1/work', 2, apiLimit),
      work('work-page', `page /work (${town.name})`, '/work', 1, workPerPage),
    ],
  };
}

module.exports = { build, TARGET_SEARCH_MS, TARGET_WORK_MS, TARGET_IMPORT_S, TARGET_FEED_EPS };
