'use strict';
// crash.test.js - a server killed with SIGKILL in the middle of writes leaves a
// consistent database: SQLite's integrity check passes, the audit chain is
// intact, every stored person has its "create" audit entry and no entry names
// a person that is not there. Then the server starts again and keeps working.

const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const { test } = require('node:test');
const { TOWNS, initDb, createToken, startServer, run, idNumber } = require('./lib');

function sqlite(db, sql) {
	const r = spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	return r.stdout.trim();
}

// Creates persons one after another until the server stops answering.
async function writer(base, token, first, made) {
	for (let n = first; ; n += 7) {
		let res;
		try {
			res = await fetch(`${base}/api/v1/persons`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
				body: JSON.stringify({
					id_number: idNumber(50000 + n), name: `崩溃测试${n}`,
					division: `${TOWNS.enjiang.code}001`, first_found_date: '2024-03-01',
				}),
			});
		} catch {
			return; // the server is gone
		}
		if (res.status !== 201)
			return;
		made.push((await res.json()).id);
	}
}

function assertConsistent(env, acknowledged) {
	assert.equal(sqlite(env.db, 'PRAGMA integrity_check'), 'ok');
	const verify = run(['audit', 'verify', '--db', env.db]);
	assert.equal(verify.status, 0, verify.stderr);
	const persons = sqlite(env.db, 'SELECT id FROM person ORDER BY id').split('\n').filter(Boolean);
	const created = sqlite(env.db, "SELECT entity_id FROM audit WHERE entity = 'person' AND " +
		"action = 'create' ORDER BY CAST(entity_id AS INTEGER)").split('\n').filter(Boolean);
	assert.deepEqual(created, persons, 'each stored person has exactly its create entry');
	// Every creation the server acknowledged survived the crash.
	for (const id of acknowledged)
		assert.ok(persons.includes(String(id)), `acknowledged person ${id} is stored`);
	return persons.length;
}

test('SIGKILL during writes leaves a consistent database, three times over', async () => {
	const env = initDb();
	const token = createToken(env.db, 'admin');
	let total = 0;
	for (let round = 0; round < 3; round++) {
		const srv = await startServer(env.db);
		const made = [];
		const writers = [0, 1, 2, 3].map((w) => writer(srv.base, token, round * 100000 + w * 10000,
			made));
		// Let some writes land, then kill at a moment that varies by round.
		while (made.length < 5 + round * 7)
			await new Promise((r) => setTimeout(r, 5));
		srv.proc.kill('SIGKILL');
		await Promise.all(writers);
		const now = assertConsistent(env, made);
		assert.ok(now >= total + made.length, 'nothing acknowledged was lost');
		total = now;
	}
	// The database still serves after all that.
	const srv = await startServer(env.db);
	const res = await fetch(`${srv.base}/api/v1/persons?limit=1`, {
		headers: { authorization: `Bearer ${token}` },
	});
	assert.equal(res.status, 200);
	assert.equal((await res.json()).total, total);
	await srv.stop();
});
