// csql.js - the SQL text of jindu's store, read from its C sources.
//
// The peer measurements must run exactly the statements the server runs, so
// they are taken from src/store/*.c at run time instead of being copied:
// string literals are concatenated and the file's own #define macros
// (object-like and function-like) are expanded, as the C preprocessor and
// compiler would. A statement that cannot be found stops the benchmark.
'use strict';

const fs = require('fs');

// Source without comments, continuation lines joined; strings kept intact.
function strip(src) {
  let out = '';
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else if (src.startsWith('/*', i)) {
      const j = src.indexOf('*/', i + 2);
      out += ' ';
      i = j < 0 ? src.length : j + 2;
    } else if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '\\' && src[i + 1] === '\n') {
      out += ' ';
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const TOKEN = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[A-Za-z_]\w*|\d+|\S/g;
const tokenize = (s) => s.match(TOKEN) || [];

// C string literal body -> JS string (UTF-8 bytes in the source stay as they are).
function unquote(lit) {
  return lit.slice(1, -1).replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/g, (m, e) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return { n: '\n', t: '\t', r: '\r', '0': '\0' }[e] ?? e;
  });
}

function macros(src) {
  const defs = {};
  for (const line of src.split('\n')) {
    const m = /^\s*#\s*define\s+([A-Za-z_]\w*)(\(([^)]*)\))?\s*(.*)$/.exec(line);
    if (!m) continue;
    defs[m[1]] = {
      params: m[2] ? m[3].split(',').map((p) => p.trim()).filter(Boolean) : null,
      body: tokenize(m[4]),
    };
  }
  return defs;
}

// Splits tokens[start..] of a parenthesised list into its arguments; returns
// [args, index after the closing parenthesis].
function args(tokens, start) {
  const out = [[]];
  let depth = 0, i = start;
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '(' || t === '{' || t === '[') depth++;
    if (t === ')' || t === '}' || t === ']') {
      if (depth-- === 0) break;
    }
    if (t === ',' && depth === 0) out.push([]);
    else out[out.length - 1].push(t);
  }
  return [out, i + 1];
}

function expand(tokens, defs, seen = new Set()) {
  const out = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i], d = defs[t];
    if (!d || seen.has(t)) {
      out.push(t);
    } else if (d.params === null) {
      out.push(...expand(d.body, defs, new Set([...seen, t])));
    } else if (tokens[i + 1] === '(') {
      const [a, next] = args(tokens, i + 2);
      const body = d.body.flatMap((b) => {
        const k = d.params.indexOf(b);
        return k < 0 ? [b] : expand(a[k], defs, seen);
      });
      out.push(...expand(body, defs, new Set([...seen, t])));
      i = next - 1;
    } else {
      out.push(t);
    }
  }
  return out;
}

function concat(tokens, what) {
  const strs = tokens.filter((t) => t[0] === '"');
  if (!strs.length || strs.length !== tokens.length)
    throw new Error(`${what}: not a constant string (${tokens.slice(0, 8).join(' ')} …)`);
  // Bytes to text: the source is UTF-8.
  return Buffer.from(strs.map(unquote).join(''), 'latin1').toString('utf8');
}

function load(file) {
  const src = strip(fs.readFileSync(file, 'utf8'));
  return { file, src, defs: macros(src), tokens: tokenize(src.replace(/^\s*#.*$/gm, '')) };
}

// `static const char NAME[] = …;` inside the body of function FN.
function statement(f, fn, name) {
  const at = f.src.search(new RegExp(`\\b${fn}\\s*\\([^;{]*\\)\\s*\\{`));
  if (at < 0) throw new Error(`${f.file}: no function ${fn}`);
  const body = f.src.slice(at);
  const m = new RegExp(`static\\s+const\\s+char\\s+${name}\\s*\\[\\]\\s*=`).exec(body);
  if (!m) throw new Error(`${f.file}: ${fn} has no statement ${name}`);
  const toks = tokenize(body.slice(m.index + m[0].length));
  return concat(expand(toks.slice(0, toks.indexOf(';')), f.defs), `${fn}.${name}`);
}

// The elements of `[KEY] = { a, b, … }` in a designated-initialiser table,
// the braces written out or coming from a macro.
function tableEntry(f, key) {
  const m = new RegExp(`\\[\\s*${key}\\s*\\]\\s*=`).exec(f.src);
  if (!m) throw new Error(`${f.file}: no table entry ${key}`);
  const toks = tokenize(f.src.slice(m.index + m[0].length));
  const [init] = args(toks, 0); // up to the ',' or '}' that ends this element
  const t = expand(init[0], f.defs);
  if (t[0] !== '{' || t[t.length - 1] !== '}') throw new Error(`${f.file}: ${key} is not { … }`);
  // nested braces (a table of several dimensions) are read in order, flat
  const flat = (e) => (e[0] === '{' ? args(e.slice(1), 0)[0].flatMap(flat) : [e]);
  return flat(t).map((e, i) => concat(expand(e, f.defs), `${key}[${i}]`));
}

// The value of `#define NAME number` in a file.
function defineNumber(file, name) {
  const m = new RegExp(`#\\s*define\\s+${name}\\s+(\\d+)`).exec(fs.readFileSync(file, 'utf8'));
  if (!m) throw new Error(`${file}: no #define ${name}`);
  return Number(m[1]);
}

// The pragmas every connection of jindu runs (the one string that sets cache_size).
function connectionPragmas(file) {
  const f = load(file);
  const lit = f.tokens.map((t, i) => [t, i]).filter(([t]) => t[0] === '"');
  for (const [t, i] of lit) {
    if (!/cache_size/i.test(unquote(t))) continue;
    let s = i, e = i;
    while (s > 0 && f.tokens[s - 1][0] === '"') s--;
    while (e + 1 < f.tokens.length && f.tokens[e + 1][0] === '"') e++;
    return concat(f.tokens.slice(s, e + 1), 'pragmas')
      .split(';').map((p) => p.trim())
      .filter((p) => /^PRAGMA\s+(cache_size|temp_store|mmap_size)/i.test(p));
  }
  throw new Error(`${file}: no connection pragmas`);
}

module.exports = { load, statement, tableEntry, defineNumber, connectionPragmas };
