// gen-events.js - a partner feed's batch of N events for the feed-ingest benchmark.
//
//   node bench/feed/gen-events.js --events N --watchlist W.tsv --divisions D.tsv
//        [--hits 0.01] [--bad 0.001] [--seed 1] [--format csv|jsonl]
//        [--from YYYY-MM-DD] [--expect FILE.json] > events.csv
//   node bench/feed/gen-events.js --make-watchlist N [--seed 1] > W.tsv
//
// W.tsv is what `jindu feed watchlist --reveal` prints (ID number, person id,
// reason, tab-separated); D.tsv holds the county's township and village codes
// with a place name (code, name). Deterministic for a seed and --from. Events
// are hotel check-ins over the month from --from (default: 32 days ago, so
// that none is in the future): unique event ids, valid GB 11643 ID numbers, times
// in local form or ISO 8601 with offset, a division of the county, free-text
// details (quoted when they hold a comma). A share --hits of the events carry
// an ID number of the watchlist, the rest random ID numbers of people not on
// it; a share --bad are malformed (a wrong check digit, a time that is not a
// time, an empty ID number or time) and always carry an ID number not on the
// watchlist, so that a checking reader rejects them and a plain join matches
// exactly the hits. The exact counts go to stderr as one JSON line, and to
// --expect.
//
// --make-watchlist writes N random valid ID numbers in the watchlist's format,
// for measuring the peers where `jindu feed` is not available.
'use strict';

const fs = require('fs');

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢钟姜崔谭陆汪范金廖贾夏付方邹熊白孟秦邱江尹薛阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚华建国志红文斌辉玉萍鹏飞宇浩凯琪婷雪琳晨欣怡佳嘉俊波宁海峰林春梅晓燕东亮成龙福生荣新庆云永胜德宏金水根发'];
const HOTELS = ['如家酒店', '锦江之星', '7天连锁酒店', '汉庭酒店', '永丰宾馆', '恩江大酒店', '福来旅社',
  '客来宾馆', '鑫源宾馆', '家和旅馆', '阳光商务酒店', '城南招待所'];
// Provinces and a few counties elsewhere, for people passing through.
const AREAS_OTHER = ['110105', '310115', '440106', '440305', '350203', '430104', '420106', '330106',
  '510107', '320102', '610113', '450103', '520102', '530102', '370102', '410105', '340104', '500103'];
const AREAS_JIANGXI = ['360102', '360111', '360302', '360403', '360502', '360602', '360702', '360802',
  '360821', '360822', '360823', '360824', '360826', '360827', '360828', '360829', '360830', '360881',
  '360902', '361002', '361102'];
const HOME = '360825';
const MONTH_DAYS = 31;
const DAY = 86400000;

function options(argv) {
  const o = { events: null, watchlist: null, divisions: null, hits: 0.01, bad: 0.001, seed: 1,
    format: 'csv', expect: null, 'make-watchlist': null, from: null };
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i].replace(/^--/, '');
    if (!argv[i].startsWith('--') || !(k in o) || argv[i + 1] === undefined) usage(`bad argument '${argv[i]}'`);
    o[k] = argv[i + 1];
  }
  for (const k of ['events', 'hits', 'bad', 'seed', 'make-watchlist'])
    if (o[k] !== null) o[k] = Number(o[k]);
  return o;
}

function usage(why) {
  process.stderr.write(`gen-events: ${why}\n` +
    'usage: gen-events.js --events N --watchlist W.tsv --divisions D.tsv [--hits F] [--bad F]\n' +
    '         [--seed N] [--format csv|jsonl] [--from YYYY-MM-DD] [--expect FILE.json] > FILE\n' +
    '       gen-events.js --make-watchlist N [--seed N] > W.tsv\n');
  process.exit(2);
}

// mulberry32: small, fast and good enough to spread test data.
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (list) => list[Math.floor(next() * list.length)];
  return next;
}

const pad = (n, w) => String(n).padStart(w, '0');

function checkChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

// Tables of the strings the events are made of, built once.
const P2 = Array.from({ length: 100 }, (_, i) => pad(i, 2));
const P3 = Array.from({ length: 1000 }, (_, i) => pad(i, 3));
const BIRTHS = Array.from({ length: 20454 }, (_, i) => // 1950-01-01 to 2005-12-31
  new Date(Date.UTC(1950, 0, 1) + i * DAY).toISOString().slice(0, 10).replace(/-/g, ''));
let DAYS; // the month's dates, from main

// A valid 18-character ID number: area, a birth day from 1950 to 2005, sequence.
function randomId(rnd) {
  const r = rnd();
  const area = r < 0.5 ? HOME : r < 0.8 ? rnd.pick(AREAS_JIANGXI) : rnd.pick(AREAS_OTHER);
  const body = area + rnd.pick(BIRTHS) + P3[rnd.int(1000)];
  return body + checkChar(body);
}

function readWatchlist(file) {
  const ids = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const id = line.split('\t')[0];
    if (!/^\d{17}[\dX]$/.test(id) || checkChar(id) !== id[17])
      throw new Error(`watchlist: '${id}' is not a valid ID number`);
    ids.push(id);
  }
  if (!ids.length) throw new Error(`watchlist '${file}' is empty`);
  return ids;
}

function readDivisions(file) {
  const list = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => {
    const [code, name] = l.split('\t');
    if (!/^\d{6}(\d{3}){0,2}$/.test(code) || !name) throw new Error(`divisions: bad line '${l}'`);
    return { code, name };
  });
  if (!list.length) throw new Error(`divisions '${file}' is empty`);
  return list;
}

function randomTime(rnd) {
  const s = rnd.int(86400), hms = `${P2[Math.floor(s / 3600)]}:${P2[Math.floor(s / 60) % 60]}:${P2[s % 60]}`;
  // Most partners send local time; some send ISO 8601 with the offset.
  return rnd() < 0.9 ? `${rnd.pick(DAYS)} ${hms}` : `${rnd.pick(DAYS)}T${hms}+08:00`;
}

function randomName(rnd) {
  return rnd.pick(SURNAMES) + rnd.pick(GIVEN) + (rnd() < 0.7 ? rnd.pick(GIVEN) : '');
}

function details(rnd) {
  const room = `${1 + rnd.int(6)}${pad(1 + rnd.int(30), 2)}`;
  switch (rnd.int(4)) {
  case 0: return `入住${room}房`;
  case 1: return `"入住${room}房,同住${1 + rnd.int(3)}人"`;
  case 2: return `退房${room}`;
  default: return `"入住${room}房,车牌赣D${pad(rnd.int(100000), 5)},预住${1 + rnd.int(5)}晚"`;
  }
}

// The ways a line is malformed, in turn.
const BAD = ['check_digit', 'time', 'missing_id', 'missing_time'];

function spoil(kind, ev) {
  if (kind === 'check_digit') {
    const right = ev.id_number[17];
    ev.id_number = ev.id_number.slice(0, 17) + CHECK[(CHECK.indexOf(right) + 1) % 11];
  } else if (kind === 'time') {
    ev.time = ['2026-10-32 10:00:00', '2026-13-01 09:30:00', '昨天晚上', '2026-10-05 25:61:00'][ev.n % 4];
  } else if (kind === 'missing_id') {
    ev.id_number = '';
  } else {
    ev.time = '';
  }
}

function csvLine(ev) {
  return `${ev.event_id},${ev.id_number},${ev.name},${ev.time},${ev.place},${ev.division},${ev.details}\n`;
}

function jsonLine(ev) {
  const d = ev.details.startsWith('"') ? ev.details.slice(1, -1) : ev.details;
  return JSON.stringify({ event_id: ev.event_id, id_number: ev.id_number, name: ev.name, time: ev.time,
    place: ev.place, division: ev.division, details: d }) + '\n';
}

// Writes all of s to fd 1, which may be a non-blocking pipe.
function write(s) {
  let b = Buffer.from(s);
  while (b.length) {
    try {
      b = b.subarray(fs.writeSync(1, b));
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}

function makeWatchlist(n, seed) {
  const rnd = prng(seed), seen = new Set();
  let out = '';
  for (let i = 1; seen.size < n; ) {
    const id = randomId(rnd);
    if (seen.has(id)) continue;
    seen.add(id);
    out += `${id}\t${i++}\tsynthetic\n`;
    if (out.length > 1 << 16) {
      write(out);
      out = '';
    }
  }
  write(out);
}

function main() {
  const o = options(process.argv.slice(2));
  if (o['make-watchlist'] !== null) {
    if (!(o['make-watchlist'] > 0)) usage('--make-watchlist needs a count above 0');
    return makeWatchlist(o['make-watchlist'], o.seed);
  }
  if (!(o.events > 0) || !o.watchlist || !o.divisions) usage('--events, --watchlist and --divisions are needed');
  if (!(o.hits >= 0 && o.bad >= 0 && o.hits + o.bad <= 1)) usage('--hits and --bad are shares from 0 to 1');
  if (o.format !== 'csv' && o.format !== 'jsonl') usage(`unknown format '${o.format}'`);
  const from = o.from ? Date.parse(`${o.from}T00:00:00Z`) : Math.floor(Date.now() / DAY) * DAY - 32 * DAY;
  if (Number.isNaN(from)) usage(`--from '${o.from}' is not a date`);
  DAYS = Array.from({ length: MONTH_DAYS }, (_, i) => new Date(from + i * DAY).toISOString().slice(0, 10));

  const watched = readWatchlist(o.watchlist);
  const watchedSet = new Set(watched);
  const divisions = readDivisions(o.divisions);
  const places = divisions.map((d) => HOTELS.map((h) => d.name + h));
  const rnd = prng(o.seed);
  const line = o.format === 'csv' ? csvLine : jsonLine;
  const expect = { events: o.events, hits: 0, rejected: 0, valid: 0, watchlist: watched.length,
    bad: Object.fromEntries(BAD.map((k) => [k, 0])), seed: o.seed, format: o.format,
    from: DAYS[0], to: DAYS[MONTH_DAYS - 1] };

  const out = o.format === 'csv' ? ['event_id,id_number,name,time,place,division,details\n'] : [];
  let nbad = 0;
  for (let n = 0; n < o.events; n++) {
    const r = rnd();
    const hit = r < o.hits, bad = !hit && r < o.hits + o.bad;
    let id;
    if (hit) {
      id = watched[rnd.int(watched.length)];
    } else {
      do id = randomId(rnd); while (watchedSet.has(id));
    }
    const d = rnd.int(divisions.length);
    const ev = { n, event_id: `HT${pad(n + 1, 10)}`, id_number: id, name: randomName(rnd),
      time: randomTime(rnd), place: rnd.pick(places[d]), division: divisions[d].code, details: details(rnd) };
    if (bad) {
      const kind = BAD[nbad++ % BAD.length];
      spoil(kind, ev);
      expect.bad[kind]++;
      expect.rejected++;
    } else {
      expect.valid++;
      if (hit) expect.hits++;
    }
    out.push(line(ev));
    if (out.length >= 8192) {
      write(out.join(''));
      out.length = 0;
    }
  }
  write(out.join(''));
  const json = JSON.stringify(expect);
  if (o.expect) fs.writeFileSync(o.expect, json + '\n');
  process.stderr.write(json + '\n');
}

main();
