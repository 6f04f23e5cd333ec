'use strict';
// scope.test.js - every route of src/web/route.c for every role, inside and
// outside the user's jurisdiction, and signed out.
//
// The list of routes is read from route.c when the test runs: a route added
// there without a line in EXPECT below makes this test fail. Each line says
// how to call the route for a target township and what each role must get.

const assert = require('node:assert/strict');
const { test, before, after } = require('node:test');
const { TOWNS, run, initDb, addUser, createToken, startServer, Client, api, idNumber,
	createPerson, routeTable, personRows, runOk } = require('./lib');

const ROLES = ['admin', 'police', 'officer', 'social_worker', 'member', 'leader', 'auditor'];
// What the permission matrix must grant, written out here on purpose rather
// than derived from role.c.
const PERSON = ['admin', 'police', 'officer', 'social_worker']; // 人员管控 read and write
const USERS = ['admin'];                                         // 用户管理
const AUDIT = ['auditor'];                                       // 审计日志
const EVERYONE = ROLES;                                          // 概览, 区划与单位 (read), own account
const ORG_WRITE = ['admin'];                                     // 区划与单位: adding units
const FEED = ['admin', 'police'];                                // 数据接入 (read)
const CASE_READ = ['admin', 'police', 'leader'];                 // 毒品案件 and 关系网络 (read)
const CASE_WRITE = ['police'];                                   // ... adding entities, links
const STATS = ['admin', 'police', 'officer', 'social_worker', 'leader']; // 指标统计 (read)
// Partner sources are the county's: only its own office manages them, a
// township administrator no more than the police.
const feedManager = (a) => a.role === 'admin' && !a.town;

// Users: everyone at county level, and township users in two townships.
const ACTORS = [
	...ROLES.map((role) => ({ login: role === 'admin' ? 'admin' : `${role}_c`, role, town: null })),
	{ login: 'officer_ej', role: 'officer', town: 'enjiang' },
	{ login: 'sw_ej', role: 'social_worker', town: 'enjiang' },
	{ login: 'officer_kt', role: 'officer', town: 'kengtian' },
	{ login: 'sw_kt', role: 'social_worker', town: 'kengtian' },
	{ login: 'admin_ej', role: 'admin', town: 'enjiang' },
	{ login: 'police_ej', role: 'police', town: 'enjiang' },
];

const EJ_NAMES = ['欧阳恩一', '欧阳恩二', '欧阳恩三', '欧阳恩四'];
const KT_NAMES = ['司马坑一', '司马坑二', '司马坑三'];

let env, srv, adminToken;
const ctx = { person: {}, ctl: {}, idn: {}, measure: {}, flag: {}, alert: {}, user: {}, village: {},
	case: {}, suspect: {}, ent: {}, ent2: {}, seq: 5000 };

const other = (town) => (town === 'enjiang' ? 'kengtian' : 'enjiang');
const inScope = (actor, town) => actor.town === null || actor.town === town;
const may = (roles, actor) => roles.includes(actor.role);
// The smallest PNG: one transparent pixel.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const code = (town) => TOWNS[town].code;

function personForm(town) {
	const n = ++ctx.seq;
	return {
		id_number: idNumber(n), name: `新建${n}`, division: ctx.village[town],
		first_found_date: '2022-02-02', control_status: 'in_control', addiction: 'use',
		registered: '1',
	};
}

function caseForm(town) {
	const n = ++ctx.seq;
	return {
		number: `A360825050000202401${String(n).padStart(4, '0')}`, name: `新建案件${n}`,
		type: 'trafficking', source: 'report', division: code(town), accepted_date: '2024-01-05',
	};
}

// "METHOD pattern" -> how to call it and what to expect.
//   scoped: the route is called once per target township (own and other);
//   req(town, actor) -> { path, form | json };
//   want(actor, ok) -> status for a signed-in actor (ok: target in scope);
//   anon -> status when signed out (303 means a redirect to /login?next=).
const EXPECT = {
	'GET /login': { req: () => ({ path: '/login' }), want: () => 303, anon: 200 },
	'POST /login': { req: () => ({ path: '/login', form: { login: 'x', password: 'y' } }), want: () => 403, anon: 403 },
	'GET /login/totp': { req: () => ({ path: '/login/totp' }), want: () => 303, anon: 303 },
	'POST /login/totp': { req: () => ({ path: '/login/totp', form: { code: '123456' } }), want: () => 303, anon: 401 },
	'POST /logout': { req: () => ({ path: '/logout', form: {} }), want: () => 303, anon: 401, last: true },
	'GET /healthz': { req: () => ({ path: '/healthz' }), want: () => 200, anon: 200 },
	'GET /metrics': { req: () => ({ path: '/metrics' }), want: () => 200, anon: 200 },

	'GET /': { req: () => ({ path: '/' }), want: (a) => (may(EVERYONE, a) ? 200 : 403), anon: 303 },
	'GET /persons': {
		scoped: true,
		req: (town) => ({ path: `/persons?division=${code(town)}` }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 400),
		anon: 303,
	},
	'GET /persons.xlsx': {
		scoped: true,
		req: (town) => ({ path: `/persons.xlsx?division=${code(town)}` }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 400),
		anon: 303,
	},
	'GET /persons.xlsx': {
		scoped: true,
		req: (town) => ({ path: `/persons.xlsx?division=${code(town)}` }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 400),
		anon: 303,
	},
	// Importing: the form and the template; an upload without a file is
	// refused, upload ids that do not exist are unknown.
	'GET /persons/import': { req: () => ({ path: '/persons/import' }), want: (a) => (may(PERSON, a) ? 200 : 403), anon: 303 },
	'POST /persons/import': {
		req: () => ({ path: '/persons/import', form: {} }), want: (a) => (may(PERSON, a) ? 422 : 403), anon: 401,
	},
	'GET /persons/import/template.xlsx': {
		req: () => ({ path: '/persons/import/template.xlsx' }), want: (a) => (may(PERSON, a) ? 200 : 403), anon: 303,
	},
	'GET /persons/import/{upload}': {
		req: () => ({ path: `/persons/import/${'0'.repeat(32)}` }), want: (a) => (may(PERSON, a) ? 404 : 403), anon: 303,
	},
	'POST /persons/import/{upload}/check': {
		req: () => ({ path: `/persons/import/${'0'.repeat(32)}/check`, form: { header: 1 } }),
		want: (a) => (may(PERSON, a) ? 404 : 403), anon: 401,
	},
	'POST /persons/import/{upload}': {
		req: () => ({ path: `/persons/import/${'0'.repeat(32)}`, form: { header: 1 } }),
		want: (a) => (may(PERSON, a) ? 404 : 403), anon: 401,
	},
	'GET /persons/new': { req: () => ({ path: '/persons/new' }), want: (a) => (may(PERSON, a) ? 200 : 403), anon: 303 },
	'POST /persons': {
		scoped: true,
		req: (town) => ({ path: '/persons', form: personForm(town) }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 303 : 422),
		anon: 401,
	},
	'GET /persons/{id}': {
		scoped: true,
		req: (town) => ({ path: `/persons/${ctx.person[town]}` }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 404),
		anon: 303,
	},
	'GET /persons/{id}/photo': {
		scoped: true, // each township's first person has a photo (before())
		req: (town) => ({ path: `/persons/${ctx.person[town]}/photo` }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 404),
		anon: 303,
	},
	'POST /persons/{id}/photo': {
		scoped: true, // no file: refused in the area, not found outside it
		req: (town) => ({ path: `/persons/${ctx.person[town]}/photo`, form: { remove: '0' } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'GET /api/v1/persons/{id}/photo': {
		scoped: true,
		req: (town) => ({ path: `/api/v1/persons/${ctx.person[town]}/photo` }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 404),
		anon: 401,
	},
	'PUT /api/v1/persons/{id}/photo': {
		scoped: true, // not an image: refused in the area, not found outside it
		req: (town) => ({ path: `/api/v1/persons/${ctx.person[town]}/photo`, type: 'image/png',
			body: 'not a picture' }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'DELETE /api/v1/persons/{id}/photo': {
		scoped: true, // the second person has no photo: nothing to remove
		req: (town) => ({ path: `/api/v1/persons/${ctx.ctl[town]}/photo` }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 404),
		anon: 401,
	},
	'GET /persons/{id}/edit': {
		scoped: true,
		req: (town) => ({ path: `/persons/${ctx.person[town]}/edit` }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 404),
		anon: 303,
	},
	'POST /persons/{id}': {
		scoped: true, // an empty name: refused as invalid in scope, as unknown outside
		req: (town) => ({ path: `/persons/${ctx.person[town]}`, form: { version: 1, name: '' } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	// Person control. Each request is either always accepted (a record is
	// added) or always refused by the rules, so the walk's order does not
	// matter; outside the actor's area the person, measure or flag is unknown.
	'POST /persons/{id}/measures': {
		scoped: true, // 社区康复 without a preceding compulsory measure: refused
		req: (town) => ({ path: `/persons/${ctx.ctl[town]}/measures`, form: { kind: 'rehab',
			decision_date: '2024-03-01', division: code(town) } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'POST /persons/{id}/tests': {
		scoped: true,
		req: (town) => ({ path: `/persons/${ctx.ctl[town]}/tests`, form: { date: '2024-03-02',
			method: 'urine', result: 'negative' } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 303 : 404),
		anon: 401,
	},
	'POST /persons/{id}/close': {
		scoped: true, // the person has an open measure: closing as abroad is refused
		req: (town) => ({ path: `/persons/${ctx.ctl[town]}/close`, form: { reason: 'abroad',
			date: '2024-03-02' } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'POST /persons/{id}/contacts': {
		scoped: true,
		req: (town) => ({ path: `/persons/${ctx.ctl[town]}/contacts`, form: { date: '2024-03-02',
			kind: 'visit', outcome: 'met' } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 303 : 404),
		anon: 401,
	},
	'POST /persons/{id}/absences': {
		scoped: true,
		req: (town) => ({ path: `/persons/${ctx.ctl[town]}/absences`, form: { start_date: '2024-03-02',
			end_date: '2024-03-04', permitted: 1, destination: '吉安市' } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 303 : 404),
		anon: 401,
	},
	'POST /persons/{id}/assistance': {
		scoped: true,
		req: (town) => ({ path: `/persons/${ctx.ctl[town]}/assistance`, form: { kind: 'training',
			start_date: '2024-03-02', provider: '县职校' } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 303 : 404),
		anon: 401,
	},
	'POST /persons/{id}/methadone': {
		scoped: true, // the person has no methadone enrolment: refused
		req: (town) => ({ path: `/persons/${ctx.ctl[town]}/methadone`, form: { month: '2024-03',
			clinic: '县美沙酮门诊', days_due: 31, days_taken: 28, dose: '55.5' } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'POST /persons/{id}/lost': {
		scoped: true, // no reason: refused
		req: (town) => ({ path: `/persons/${ctx.ctl[town]}/lost`, form: { date: '2024-03-02', reason: '' } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'POST /measures/{id}': {
		scoped: true, // resuming a measure that is not suspended: refused
		req: (town) => ({ path: `/measures/${ctx.measure[town]}`, form: { action: 'resume',
			date: '2024-03-02', version: 1 } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'POST /measures/{id}/transfer': {
		scoped: true, // to a village of the same township: refused, nothing requested
		req: (town) => ({ path: `/measures/${ctx.measure[town]}/transfer`,
			form: { to_division: `${code(town)}001`, reason: '' } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'POST /transfers/{id}': {
		// no such request: not found for those who may decide, forbidden for the rest
		req: () => ({ path: '/transfers/999999', form: { action: 'accept' } }),
		want: (a) => (may(PERSON, a) ? 404 : 403),
		anon: 401,
	},
	'POST /flags/{id}': {
		scoped: true, // no resolution: refused
		req: (town) => ({ path: `/flags/${ctx.flag[town]}`, form: { date: '2024-03-02', resolution: '' } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'POST /flags/{id}/decide': {
		scoped: true, // a 脱管失控 flag, not a relapse: refused, nothing decided
		req: (town) => ({ path: `/flags/${ctx.flag[town]}/decide`,
			form: { decision_date: '2024-03-02', division: code(town) } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'POST /flags/{id}/assist': {
		scoped: true, // asking a township of one's own area: refused, nothing sent
		req: (town) => ({ path: `/flags/${ctx.flag[town]}/assist`,
			form: { to_division: code(town), reason: '最后出现在本乡镇' } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'POST /assist/{id}': {
		// no such request: not found for those who may answer, forbidden for the rest
		req: () => ({ path: '/assist/999999', form: { found: '1', answer: '已找到' } }),
		want: (a) => (may(PERSON, a) ? 404 : 403),
		anon: 401,
	},
	// Alerts: one in each township (before()). The list narrows to a
	// township of one's own area; another is refused, never shown.
	'GET /alerts': {
		scoped: true,
		req: (town) => ({ path: `/alerts?overdue=1&division=${code(town)}` }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 400),
		anon: 303,
	},
	'GET /alerts/{id}': {
		scoped: true,
		req: (town) => ({ path: `/alerts/${ctx.alert[town]}` }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 404),
		anon: 303,
	},
	'POST /alerts/{id}': {
		scoped: true, // closing an alert not yet signed: refused, nothing changes
		req: (town) => ({ path: `/alerts/${ctx.alert[town]}`, form: { action: 'close' } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	// Figures only, of one's own area: every role, names never shown.
	'GET /alerts/stats': {
		req: () => ({ path: '/alerts/stats' }), want: (a) => (may(EVERYONE, a) ? 200 : 403), anon: 303,
	},
	'GET /work': { req: () => ({ path: '/work?view=all' }), want: (a) => (may(PERSON, a) ? 200 : 403), anon: 303 },
	// 毒品案件: one case in each township (before()), with a suspect. The
	// police write, the office and leaders read, within their area; every
	// recording below is refused by the case's rules, so nothing changes.
	'GET /cases': {
		scoped: true,
		req: (town) => ({ path: `/cases?division=${code(town)}` }),
		want: (a, ok) => (!may(CASE_READ, a) ? 403 : ok ? 200 : 400),
		anon: 303,
	},
	'GET /cases.xlsx': {
		scoped: true,
		req: (town) => ({ path: `/cases.xlsx?division=${code(town)}` }),
		want: (a, ok) => (!may(CASE_READ, a) ? 403 : ok ? 200 : 400),
		anon: 303,
	},
	'GET /cases/new': { req: () => ({ path: '/cases/new' }), want: (a) => (may(CASE_WRITE, a) ? 200 : 403), anon: 303 },
	// Importing cases: the form and the template; an upload without a file
	// is refused, upload ids that do not exist are unknown.
	'GET /cases/import': { req: () => ({ path: '/cases/import' }), want: (a) => (may(CASE_WRITE, a) ? 200 : 403), anon: 303 },
	'POST /cases/import': {
		req: () => ({ path: '/cases/import', form: {} }), want: (a) => (may(CASE_WRITE, a) ? 422 : 403), anon: 401,
	},
	'GET /cases/import/template.xlsx': {
		req: () => ({ path: '/cases/import/template.xlsx' }), want: (a) => (may(CASE_WRITE, a) ? 200 : 403), anon: 303,
	},
	'GET /cases/import/{upload}': {
		req: () => ({ path: `/cases/import/${'0'.repeat(32)}` }), want: (a) => (may(CASE_WRITE, a) ? 404 : 403), anon: 303,
	},
	'POST /cases/import/{upload}/check': {
		req: () => ({ path: `/cases/import/${'0'.repeat(32)}/check`, form: { header: 1 } }),
		want: (a) => (may(CASE_WRITE, a) ? 404 : 403), anon: 401,
	},
	'POST /cases/import/{upload}': {
		req: () => ({ path: `/cases/import/${'0'.repeat(32)}`, form: { header: 1 } }),
		want: (a) => (may(CASE_WRITE, a) ? 404 : 403), anon: 401,
	},
	'POST /cases': {
		scoped: true,
		req: (town) => ({ path: '/cases', form: caseForm(town) }),
		want: (a, ok) => (!may(CASE_WRITE, a) ? 403 : ok ? 303 : 422),
		anon: 401,
	},
	'GET /cases/{id}': {
		scoped: true,
		req: (town) => ({ path: `/cases/${ctx.case[town]}` }),
		want: (a, ok) => (!may(CASE_READ, a) ? 403 : ok ? 200 : 404),
		anon: 303,
	},
	'GET /cases/{id}/edit': {
		scoped: true,
		req: (town) => ({ path: `/cases/${ctx.case[town]}/edit` }),
		want: (a, ok) => (!may(CASE_WRITE, a) ? 403 : ok ? 200 : 404),
		anon: 303,
	},
	'POST /cases/{id}': {
		scoped: true, // no name, no number: refused as invalid in scope, as unknown outside
		req: (town) => ({ path: `/cases/${ctx.case[town]}`, form: { version: 1, name: '' } }),
		want: (a, ok) => (!may(CASE_WRITE, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'POST /cases/{id}/steps': {
		scoped: true, // from 受理 straight to 判决: refused
		req: (town) => ({ path: `/cases/${ctx.case[town]}/steps`, form: { status: 'judged', date: '2024-03-02' } }),
		want: (a, ok) => (!may(CASE_WRITE, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'POST /cases/{id}/seizures': {
		scoped: true, // seized in the future: refused
		req: (town) => ({ path: `/cases/${ctx.case[town]}/seizures`, form: { drug: 'meth', weight: '1.00',
			date: '2999-01-01' } }),
		want: (a, ok) => (!may(CASE_WRITE, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'POST /cases/{id}/destructions': {
		scoped: true, // a seizure that is not the case's: refused
		req: (town) => ({ path: `/cases/${ctx.case[town]}/destructions`, form: { seizure: '999999',
			date: '2024-03-02', place: '焚烧厂', witnesses: '检察院' } }),
		want: (a, ok) => (!may(CASE_WRITE, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'POST /cases/{id}/suspects': {
		scoped: true, // a role that does not exist: refused, no file made
		req: (town) => ({ path: `/cases/${ctx.case[town]}/suspects`, form: { id_number: idNumber(++ctx.seq),
			name: '嫌疑人', role: 'boss' } }),
		want: (a, ok) => (!may(CASE_WRITE, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'POST /cases/{id}/suspects/{sid}/measures': {
		scoped: true, // a judgment without the suspect's prosecution: refused
		req: (town) => ({ path: `/cases/${ctx.case[town]}/suspects/${ctx.suspect[town]}/measures`,
			form: { kind: 'judgment', date: '2024-03-02', sentence: '有期徒刑七年' } }),
		want: (a, ok) => (!may(CASE_WRITE, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'POST /cases/{id}/assets': {
		scoped: true, // not 毒资 nor 涉毒资产: refused
		req: (town) => ({ path: `/cases/${ctx.case[town]}/assets`, form: { category: 'loot', kind: 'cash',
			amount: '100', date: '2024-03-02' } }),
		want: (a, ok) => (!may(CASE_WRITE, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	// Indicators: figures of one's area (a township inside it, never
	// another); the records behind a number need the person module too.
	'GET /indicators': {
		scoped: true,
		req: (town) => ({ path: `/indicators?period=2024Q1&division=${code(town)}` }),
		want: (a, ok) => (!may(STATS, a) ? 403 : ok ? 200 : 400),
		anon: 303,
	},
	'GET /indicators/{key}/records': {
		scoped: true,
		req: (town) => ({ path: `/indicators/lost/records?period=2024Q1&division=${code(town)}` }),
		want: (a, ok) => (!may(STATS, a) || !may(PERSON, a) ? 403 : ok ? 200 : 400),
		anon: 303,
	},
	'GET /policy': { req: () => ({ path: '/policy' }), want: (a) => (may(PERSON, a) ? 200 : 403), anon: 303 },
	'POST /policy': {
		// A negative interval: refused, no new version. The policy holds for
		// the whole database: only administrators of its root may change it.
		req: () => ({ path: '/policy', form: { body: '{"due_soon_days": -1}', note: '' } }),
		want: (a) => (may(ORG_WRITE, a) && !a.town ? 422 : 403),
		anon: 401,
	},
	// Partner sources (数据接入): county-wide, so not scoped by township. A
	// name that cannot be one is refused, a source that does not exist is
	// unknown, and nothing changes.
	'GET /feeds': { req: () => ({ path: '/feeds' }), want: (a) => (may(FEED, a) ? 200 : 403), anon: 303 },
	'POST /feeds': {
		req: () => ({ path: '/feeds', form: { name: 'Bad Name', kind: 'hotel', label: '', unit_id: 0 } }),
		want: (a) => (feedManager(a) ? 422 : 403),
		anon: 401,
	},
	'GET /feeds/{name}': { req: () => ({ path: '/feeds/scope-src' }), want: (a) => (may(FEED, a) ? 200 : 403), anon: 303 },
	'POST /feeds/{name}': {
		req: () => ({ path: '/feeds/no-such-source', form: { action: 'disable' } }),
		want: (a) => (feedManager(a) ? 404 : 403),
		anon: 401,
	},
	// Networks: a link in each township (before()). Entities of another
	// township are unknown; adding records in a township outside one's
	// area is refused.
	'GET /network': { req: () => ({ path: '/network?q=139' }), want: (a) => (may(CASE_READ, a) ? 200 : 403), anon: 303 },
	'GET /network/path': {
		scoped: true,
		req: (town) => ({ path: `/network/path?from=${ctx.ent[town]}&to=${ctx.ent2[town]}` }),
		want: (a, ok) => (!may(CASE_READ, a) ? 403 : ok ? 200 : 404),
		anon: 303,
	},
	// Importing links: the form; an upload without a file is refused, upload
	// ids that do not exist are unknown.
	'GET /network/import': { req: () => ({ path: '/network/import' }), want: (a) => (may(CASE_WRITE, a) ? 200 : 403), anon: 303 },
	'POST /network/import': {
		req: () => ({ path: '/network/import', form: {} }), want: (a) => (may(CASE_WRITE, a) ? 422 : 403), anon: 401,
	},
	'GET /network/import/{upload}': {
		req: () => ({ path: `/network/import/${'0'.repeat(32)}` }), want: (a) => (may(CASE_WRITE, a) ? 404 : 403), anon: 303,
	},
	'POST /network/import/{upload}/check': {
		req: () => ({ path: `/network/import/${'0'.repeat(32)}/check`, form: { header: 1 } }),
		want: (a) => (may(CASE_WRITE, a) ? 404 : 403), anon: 401,
	},
	'POST /network/import/{upload}': {
		req: () => ({ path: `/network/import/${'0'.repeat(32)}`, form: { header: 1 } }),
		want: (a) => (may(CASE_WRITE, a) ? 404 : 403), anon: 401,
	},
	'POST /network/entities': {
		scoped: true,
		req: (town) => ({ path: '/network/entities', form: { kind: 'phone',
			value: `1390796${String(++ctx.seq).padStart(4, '0')}`, division: code(town) } }),
		want: (a, ok) => (!may(CASE_WRITE, a) ? 403 : ok ? 303 : 422),
		anon: 401,
	},
	'POST /network/links': {
		scoped: true,
		req: (town) => ({ path: '/network/links', form: { from_id: ctx.ent[town], kind: 'call',
			to_kind: 'phone', to_value: `1380796${String(++ctx.seq).padStart(4, '0')}`,
			date_from: '2025-04-01', division: code(town) } }),
		want: (a, ok) => (!may(CASE_WRITE, a) ? 403 : ok ? 303 : 422),
		anon: 401,
	},
	'GET /network/{id}': {
		scoped: true,
		req: (town) => ({ path: `/network/${ctx.ent[town]}` }),
		want: (a, ok) => (!may(CASE_READ, a) ? 403 : ok ? 200 : 404),
		anon: 303,
	},
	'GET /org': {
		scoped: true,
		req: (town) => ({ path: `/org?code=${code(town)}` }),
		want: (a, ok) => (!may(EVERYONE, a) ? 403 : ok ? 200 : 404),
		anon: 303,
	},
	'POST /org/units': {
		scoped: true,
		req: (town) => ({ path: '/org/units', form: { name: `${TOWNS[town].name}测试单位${++ctx.seq}`,
			kind: 'member', division: code(town), phone: '' } }),
		want: (a, ok) => (!may(ORG_WRITE, a) ? 403 : ok ? 303 : 422),
		anon: 401,
	},
	'GET /users': { req: () => ({ path: '/users' }), want: (a) => (may(USERS, a) ? 200 : 403), anon: 303 },
	'GET /users/new': { req: () => ({ path: '/users/new' }), want: (a) => (may(USERS, a) ? 200 : 403), anon: 303 },
	'POST /users': {
		scoped: true,
		req: (town) => {
			const n = ++ctx.seq;
			return { path: '/users', form: { login: `new${n}`, name: `新用户${n}`, role: 'officer',
				division: code(town), unit_id: 0, initial_password: 'Long-enough-42' } };
		},
		want: (a, ok) => (!may(USERS, a) ? 403 : ok ? 303 : 422),
		anon: 401,
	},
	'GET /users/{id}': {
		scoped: true,
		req: (town) => ({ path: `/users/${ctx.user[town]}` }),
		want: (a, ok) => (!may(USERS, a) ? 403 : ok ? 200 : 404),
		anon: 303,
	},
	'POST /users/{id}': {
		scoped: true, // an empty name: refused as invalid in scope, as unknown outside
		req: (town) => ({ path: `/users/${ctx.user[town]}`, form: { action: 'save', name: '', role: 'officer', division: code(town) } }),
		want: (a, ok) => (!may(USERS, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'GET /audit': { req: () => ({ path: '/audit' }), want: (a) => (may(AUDIT, a) ? 200 : 403), anon: 303 },
	'GET /account': { req: () => ({ path: '/account' }), want: () => 200, anon: 303 },
	'POST /account/lang': { req: () => ({ path: '/account/lang', form: { lang: 'zh' } }), want: () => 303, anon: 401 },
	'POST /account/password': {
		// No current password: refused as invalid, nothing changes.
		req: () => ({ path: '/account/password', form: { new: 'short' } }), want: () => 422, anon: 401,
	},
	'POST /account/totp': {
		req: () => ({ path: '/account/totp', form: { action: 'confirm', code: '000000' } }), want: () => 422, anon: 401,
	},
	'POST /account/tokens': {
		// No purpose given: refused as invalid, no token made.
		req: () => ({ path: '/account/tokens', form: { label: '' } }), want: () => 422, anon: 401,
	},
	'POST /account/tokens/{id}': {
		// Nobody's token: not found for everyone.
		req: () => ({ path: '/account/tokens/999999', form: {} }), want: () => 404, anon: 401,
	},
	'POST /users/{id}/tokens/{token}': {
		scoped: true, // a token the user does not have: not found in scope, the user not found outside
		req: (town) => ({ path: `/users/${ctx.user[town]}/tokens/999999`, form: {} }),
		want: (a) => (!may(USERS, a) ? 403 : 404),
		anon: 401,
	},

	'GET /api/v1/me': { req: () => ({ path: '/api/v1/me' }), want: () => 200, anon: 401 },
	'GET /api/v1/persons': {
		scoped: true,
		req: (town) => ({ path: `/api/v1/persons?division=${code(town)}` }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 400),
		anon: 401,
	},
	'POST /api/v1/persons': {
		scoped: true,
		req: (town) => ({ path: '/api/v1/persons', json: personForm(town) }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 201 : 422),
		anon: 401,
	},
	'POST /api/v1/persons/import': {
		scoped: true, // a dry run: checked in the actor's area, nothing written
		req: (town) => {
			const p = personForm(town);
			return { path: '/api/v1/persons/import?dry_run=1&name=scope.csv', type: 'text/csv',
				body: `身份证号,姓名,管控责任地,初次发现日期\n${p.id_number},${p.name},${p.division},${p.first_found_date}\n` };
		},
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 422),
		anon: 401,
	},
	'GET /api/v1/persons/{id}': {
		scoped: true,
		req: (town) => ({ path: `/api/v1/persons/${ctx.person[town]}` }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 404),
		anon: 401,
	},
	'PATCH /api/v1/persons/{id}': {
		scoped: true, // an empty name: refused as invalid in scope, as unknown outside
		req: (town) => ({ path: `/api/v1/persons/${ctx.person[town]}`, json: { version: 1, name: '' } }),
		want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 422 : 404),
		anon: 401,
	},
	'GET /api/v1/stats/persons': {
		req: () => ({ path: '/api/v1/stats/persons?by=status' }), want: (a) => (may(EVERYONE, a) ? 200 : 403), anon: 401,
	},
	'GET /api/v1/divisions/{code}': {
		scoped: true,
		req: (town) => ({ path: `/api/v1/divisions/${code(town)}` }),
		want: (a, ok) => (!may(EVERYONE, a) ? 403 : ok ? 200 : 404),
		anon: 401,
	},
	'GET /api/v1/units': { req: () => ({ path: '/api/v1/units' }), want: (a) => (may(EVERYONE, a) ? 200 : 403), anon: 401 },
	'GET /api/v1/users': { req: () => ({ path: '/api/v1/users' }), want: (a) => (may(USERS, a) ? 200 : 403), anon: 401 },
	'GET /api/v1/audit': { req: () => ({ path: '/api/v1/audit' }), want: (a) => (may(AUDIT, a) ? 200 : 403), anon: 401 },
};

// The person-control POSTs answer JSON under /api/v1 with the same rules:
// the page's 303 (recorded) becomes 201, refusals stay 422, the rest alike.
for (const key of ['POST /persons/{id}/measures', 'POST /persons/{id}/tests',
	'POST /persons/{id}/contacts', 'POST /persons/{id}/absences',
	'POST /persons/{id}/assistance', 'POST /persons/{id}/methadone', 'POST /persons/{id}/lost',
	'POST /persons/{id}/close',
	'POST /measures/{id}', 'POST /measures/{id}/transfer', 'POST /transfers/{id}',
	'POST /flags/{id}', 'POST /flags/{id}/decide', 'POST /flags/{id}/assist', 'POST /assist/{id}']) {
	const page = EXPECT[key];
	EXPECT[key.replace(' /', ' /api/v1/')] = {
		scoped: page.scoped,
		req: (town) => {
			const r = page.req(town);
			return { path: `/api/v1${r.path}`, json: r.form };
		},
		want: (a, ok) => {
			const w = page.want(a, ok);
			return w === 303 ? 201 : w;
		},
		anon: 401,
	};
}
EXPECT['GET /api/v1/persons/{id}/control'] = {
	scoped: true,
	req: (town) => ({ path: `/api/v1/persons/${ctx.ctl[town]}/control` }),
	want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 404),
	anon: 401,
};
// Cases in the API: the page's 303 (recorded) becomes 201, the rest alike.
for (const key of ['POST /cases', 'POST /cases/{id}/steps', 'POST /cases/{id}/seizures',
	'POST /cases/{id}/destructions', 'POST /cases/{id}/suspects',
	'POST /cases/{id}/suspects/{sid}/measures', 'POST /cases/{id}/assets']) {
	const page = EXPECT[key];
	EXPECT[key.replace(' /', ' /api/v1/')] = {
		scoped: true,
		req: (town) => {
			const r = page.req(town);
			return { path: `/api/v1${r.path}`, json: r.form };
		},
		want: (a, ok) => {
			const w = page.want(a, ok);
			return w === 303 ? 201 : w;
		},
		anon: 401,
	};
}
EXPECT['GET /api/v1/cases'] = {
	scoped: true,
	req: (town) => ({ path: `/api/v1/cases?division=${code(town)}` }),
	want: (a, ok) => (!may(CASE_READ, a) ? 403 : ok ? 200 : 400),
	anon: 401,
};
EXPECT['GET /api/v1/cases.xlsx'] = {
	scoped: true,
	req: (town) => ({ path: `/api/v1/cases.xlsx?division=${code(town)}` }),
	want: (a, ok) => (!may(CASE_READ, a) ? 403 : ok ? 200 : 400),
	anon: 401,
};
EXPECT['POST /api/v1/cases/import'] = {
	scoped: true, // a dry run: a case of the township checked in the actor's area, nothing written
	req: (town) => {
		const c = caseForm(town);
		return { path: '/api/v1/cases/import?dry_run=1&name=cases.csv', type: 'text/csv',
			body: `案件编号,案件名称,案件类别,所属辖区,受理日期\n${c.number},${c.name},贩卖毒品,${c.division},${c.accepted_date}\n` };
	},
	want: (a, ok) => (!may(CASE_WRITE, a) ? 403 : ok ? 200 : 422),
	anon: 401,
};
EXPECT['GET /api/v1/cases/{id}'] = {
	scoped: true,
	req: (town) => ({ path: `/api/v1/cases/${ctx.case[town]}` }),
	want: (a, ok) => (!may(CASE_READ, a) ? 403 : ok ? 200 : 404),
	anon: 401,
};
EXPECT['PATCH /api/v1/cases/{id}'] = {
	scoped: true, // an empty name: refused in scope, unknown outside
	req: (town) => ({ path: `/api/v1/cases/${ctx.case[town]}`, json: { version: 1, name: '' } }),
	want: (a, ok) => (!may(CASE_WRITE, a) ? 403 : ok ? 422 : 404),
	anon: 401,
};
EXPECT['GET /api/v1/work'] = { req: () => ({ path: '/api/v1/work' }),
	want: (a) => (may(PERSON, a) ? 200 : 403), anon: 401 };
EXPECT['GET /api/v1/indicators'] = {
	scoped: true,
	req: (town) => ({ path: `/api/v1/indicators?period=2024Q1&division=${code(town)}` }),
	want: (a, ok) => (!may(STATS, a) ? 403 : ok ? 200 : 400),
	anon: 401,
};
EXPECT['GET /api/v1/indicators/{key}/records'] = {
	scoped: true,
	req: (town) => ({ path: `/api/v1/indicators/lost/records?period=2024Q1&division=${code(town)}` }),
	want: (a, ok) => (!may(STATS, a) || !may(PERSON, a) ? 403 : ok ? 200 : 400),
	anon: 401,
};
// A partner's batch takes the source's own token: no user's will do.
EXPECT['POST /api/v1/feeds/{source}/events'] = {
	req: () => ({ path: '/api/v1/feeds/hotel/events', type: 'text/csv',
		body: 'event_id,id_number,time\n' }),
	want: () => 401, anon: 401 };
// The same for partner sources in the API.
for (const key of ['GET /feeds', 'POST /feeds', 'GET /feeds/{name}', 'POST /feeds/{name}']) {
	const page = EXPECT[key];
	EXPECT[key.replace(' /', ' /api/v1/')] = {
		req: () => {
			const r = page.req();
			return { path: `/api/v1${r.path}`, json: r.form };
		},
		want: page.want,
		anon: 401,
	};
}
EXPECT['GET /api/v1/alerts'] = {
	scoped: true,
	req: (town) => ({ path: `/api/v1/alerts?status=new&division=${code(town)}` }),
	want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 400),
	anon: 401,
};
EXPECT['GET /api/v1/alerts/{id}'] = {
	scoped: true,
	req: (town) => ({ path: `/api/v1/alerts/${ctx.alert[town]}` }),
	want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 200 : 404),
	anon: 401,
};
EXPECT['POST /api/v1/alerts/{id}'] = {
	scoped: true,
	req: (town) => ({ path: `/api/v1/alerts/${ctx.alert[town]}`, json: { action: 'close' } }),
	want: (a, ok) => (!may(PERSON, a) ? 403 : ok ? 422 : 404),
	anon: 401,
};
EXPECT['GET /api/v1/alerts/stats'] = { req: () => ({ path: '/api/v1/alerts/stats' }),
	want: (a) => (may(EVERYONE, a) ? 200 : 403), anon: 401 };
EXPECT['GET /api/v1/assist'] = { req: () => ({ path: '/api/v1/assist?direction=incoming' }),
	want: (a) => (may(PERSON, a) ? 200 : 403), anon: 401 };
// The network API: the pages' rules, JSON answers.
EXPECT['GET /api/v1/network/groups'] = { req: () => ({ path: '/api/v1/network/groups' }),
	want: (a) => (may(CASE_READ, a) ? 200 : 403), anon: 401 };
EXPECT['GET /api/v1/network/entities'] = { req: () => ({ path: '/api/v1/network/entities?q=139' }),
	want: (a) => (may(CASE_READ, a) ? 200 : 403), anon: 401 };
for (const [key, page, good] of [['POST /api/v1/network/entities', 'POST /network/entities', 201],
	['POST /api/v1/network/links', 'POST /network/links', 201],
	['GET /api/v1/network/path', 'GET /network/path', 200],
	['GET /api/v1/network/entities/{id}', 'GET /network/{id}', 200]]) {
	EXPECT[key] = {
		scoped: true,
		req: (town) => {
			const r = EXPECT[page].req(town);
			return { path: r.path.replace('/network', '/api/v1/network').replace(/\/api\/v1\/network\/(\d+)$/, '/api/v1/network/entities/$1'), json: r.form };
		},
		want: (a, ok) => {
			const w = EXPECT[page].want(a, ok);
			return w === 200 || w === 303 ? good : w;
		},
		anon: 401,
	};
}
// A dry run: checked in the actor's area, nothing written.
EXPECT['POST /api/v1/network/import'] = {
	req: () => ({ path: '/api/v1/network/import?dry_run=1&name=links.csv', type: 'text/csv',
		body: '起点,关系类别,终点\n13979650001,通话,13979650002\n' }),
	want: (a) => (may(CASE_WRITE, a) ? 200 : 403),
	anon: 401,
};
EXPECT['GET /api/v1/network/entities/{id}/graph'] = {
	scoped: true,
	req: (town) => ({ path: `/api/v1/network/entities/${ctx.ent[town]}/graph?depth=2` }),
	want: (a, ok) => (!may(CASE_READ, a) ? 403 : ok ? 200 : 404),
	anon: 401,
};
EXPECT['GET /api/v1/policy'] = { req: () => ({ path: '/api/v1/policy' }),
	want: (a) => (may(PERSON, a) ? 200 : 403), anon: 401 };

before(async () => {
	env = initDb();
	for (const a of ACTORS) {
		if (a.login !== 'admin')
			addUser(env.db, a.login, a.role, a.town ? code(a.town) : '360825');
		a.token = createToken(env.db, a.login);
	}
	adminToken = ACTORS[0].token;
	// the partner source the feed routes name
	runOk(['feed', 'source', 'add', 'scope-src', '--db', env.db, '--kind', 'hotel']);
	srv = await startServer(env.db);

	for (const town of ['enjiang', 'kengtian']) {
		const d = await api(srv.base, adminToken, 'GET', `/api/v1/divisions/${code(town)}`);
		assert.equal(d.status, 200);
		assert.ok(d.json.children.length > 0);
		ctx.village[town] = d.json.children[0].code;
	}
	let n = 0;
	for (const name of EJ_NAMES) {
		const p = await createPerson(srv.base, adminToken, { id_number: idNumber(++n), name,
			division: n % 2 ? ctx.village.enjiang : code('enjiang') });
		ctx.idn[p.id] = p.id_number;
		if (ctx.person.enjiang)
			ctx.ctl.enjiang = ctx.ctl.enjiang || p.id;
		ctx.person.enjiang = ctx.person.enjiang || p.id;
	}
	for (const name of KT_NAMES) {
		const p = await createPerson(srv.base, adminToken, { id_number: idNumber(++n), name,
			division: n % 2 ? ctx.village.kengtian : code('kengtian') });
		ctx.idn[p.id] = p.id_number;
		if (ctx.person.kengtian)
			ctx.ctl.kengtian = ctx.ctl.kengtian || p.id;
		ctx.person.kengtian = ctx.person.kengtian || p.id;
	}
	// A photo of the first person of each township.
	for (const town of ['enjiang', 'kengtian']) {
		const res = await fetch(`${srv.base}/api/v1/persons/${ctx.person[town]}/photo`, {
			method: 'PUT', body: PNG,
			headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'image/png' } });
		assert.equal(res.status, 200, await res.text());
	}
	// A measure and a 脱管失控 flag on a second person of each township, for
	// the routes that name them.
	const admin = new Client(srv.base);
	await admin.signIn('admin');
	for (const town of ['enjiang', 'kengtian']) {
		const pid = ctx.ctl[town];
		let res = await admin.post(`/persons/${pid}/measures`, { kind: 'compulsory',
			decision_date: '2024-01-10', division: code(town) });
		assert.equal(res.status, 303, res.text.slice(0, 300));
		res = await admin.post(`/persons/${pid}/lost`, { date: '2024-02-01', reason: '走访未见本人' });
		assert.equal(res.status, 303, res.text.slice(0, 300));
		const page = await admin.get(`/persons/${pid}`);
		ctx.measure[town] = Number(/action="\/measures\/(\d+)"/.exec(page.text)[1]);
		ctx.flag[town] = Number(/action="\/flags\/(\d+)"/.exec(page.text)[1]);
	}
	// The second persons are watched now (a measure, a 脱管失控 flag): a
	// partner's hit on each makes one alert per township.
	const source = run(['feed', 'source', 'add', 'scope-hotel', '--kind', 'hotel', '--db', env.db]);
	assert.equal(source.status, 0, source.stderr);
	const when = new Date(Date.now() - 3600e3).toISOString().slice(0, 19) + 'Z';
	const body = ['event_id,id_number,name,time,place,division,details',
		...['enjiang', 'kengtian'].map((town) =>
			`scope-${town},${ctx.idn[ctx.ctl[town]]},,${when},某宾馆,${code(town)},`)].join('\n') + '\n';
	const hit = await fetch(`${srv.base}/api/v1/feeds/scope-hotel/events`, { method: 'POST', body,
		headers: { authorization: `Bearer ${source.stdout.trim()}`, 'content-type': 'text/csv' } });
	assert.equal(hit.status, 201, await hit.text());
	const alerts = await api(srv.base, adminToken, 'GET', '/api/v1/alerts');
	for (const town of ['enjiang', 'kengtian'])
		ctx.alert[town] = alerts.json.items.find((x) => x.person_id === ctx.ctl[town]).id;
	// A case in each township, with the first person there as its suspect
	// (linked: no new file, so the persons counted below stay as they are).
	const policeToken = ACTORS.find((a) => a.login === 'police_c').token;
	for (const town of ['enjiang', 'kengtian']) {
		let res = await api(srv.base, policeToken, 'POST', '/api/v1/cases', caseForm(town));
		assert.equal(res.status, 201, res.text);
		ctx.case[town] = res.json.id;
		res = await api(srv.base, policeToken, 'POST', `/api/v1/cases/${ctx.case[town]}/suspects`,
			{ id_number: ctx.idn[ctx.person[town]], role: 'sole' });
		assert.equal(res.status, 201, res.text);
		assert.equal(res.json.created, false);
		ctx.suspect[town] = res.json.suspect_id;
	}
	// A call between two phones in each township, recorded by the police.
	const police = ACTORS.find((a) => a.login === 'police_c');
	for (const town of ['enjiang', 'kengtian']) {
		const n = town === 'enjiang' ? 1 : 2;
		const res = await api(srv.base, police.token, 'POST', '/api/v1/network/links', {
			from_kind: 'phone', from_value: `1370796000${n}`, to_kind: 'phone',
			to_value: `1360796000${n}`, kind: 'call', date_from: '2025-03-01', division: code(town) });
		assert.equal(res.status, 201, res.text);
		ctx.ent[town] = res.json.from.id;
		ctx.ent2[town] = res.json.to.id;
	}
	const users = await api(srv.base, adminToken, 'GET', '/api/v1/users');
	assert.equal(users.status, 200);
	for (const u of users.json.items) {
		if (u.login === 'officer_ej')
			ctx.user.enjiang = u.id;
		if (u.login === 'officer_kt')
			ctx.user.kengtian = u.id;
	}
	assert.ok(ctx.user.enjiang && ctx.user.kengtian);
});

after(async () => {
	if (srv)
		await srv.stop();
});

test('every route in route.c has an expectation, and every expectation a route', () => {
	const routes = routeTable();
	const missing = routes.filter((r) => !EXPECT[r]);
	const stale = Object.keys(EXPECT).filter((k) => !routes.includes(k));
	assert.deepEqual(missing, [], `routes without a line in EXPECT: ${missing.join(', ')}`);
	assert.deepEqual(stale, [], `EXPECT lines for routes that no longer exist: ${stale.join(', ')}`);
	assert.equal(new Set(routes).size, routes.length, 'no route is listed twice');
});

test('a township officer sees only the persons of their township', async () => {
	const ej = ACTORS.find((a) => a.login === 'officer_ej');
	const c = new Client(srv.base);
	await c.signIn(ej.login);
	const page = await c.get('/persons');
	assert.equal(page.status, 200);
	const names = personRows(page.text).map((r) => r.name).sort();
	assert.deepEqual(names, [...EJ_NAMES].sort());
	for (const name of KT_NAMES)
		assert.ok(!page.text.includes(name), `${name} (坑田镇) must not appear for the 恩江镇 officer`);
	assert.ok(!page.text.includes(`value="${code('kengtian')}"`), 'no 坑田镇 in the filter');
	ej.client = c;

	const counts = { officer_ej: EJ_NAMES.length, sw_ej: EJ_NAMES.length, officer_kt: KT_NAMES.length,
		sw_kt: KT_NAMES.length, officer_c: EJ_NAMES.length + KT_NAMES.length,
		police_c: EJ_NAMES.length + KT_NAMES.length, admin_ej: EJ_NAMES.length };
	for (const [login, want] of Object.entries(counts)) {
		const a = ACTORS.find((x) => x.login === login);
		const res = await api(srv.base, a.token, 'GET', '/api/v1/persons?limit=500');
		assert.equal(res.status, 200);
		assert.equal(res.json.total, want, `${login}: total`);
		assert.equal(res.json.items.length, want, `${login}: items`);
		const mine = a.town === 'kengtian' ? KT_NAMES : a.town === 'enjiang' ? EJ_NAMES : null;
		if (mine)
			assert.deepEqual(res.json.items.map((p) => p.name).sort(), [...mine].sort(), login);
	}

	// Figures are scoped too.
	const stats = await api(srv.base, ACTORS.find((a) => a.login === 'sw_kt').token, 'GET',
		'/api/v1/stats/persons?by=status');
	assert.equal(stats.json.items.reduce((s, i) => s + i.count, 0), KT_NAMES.length);
	const ind = await api(srv.base, ACTORS.find((a) => a.login === 'sw_kt').token, 'GET',
		'/api/v1/indicators');
	assert.equal(ind.status, 200);
	assert.deepEqual(ind.json.divisions.map((d) => d.division), [code('kengtian')]);
	assert.equal(ind.json.indicators.find((i) => i.key === 'registered').total.value, KT_NAMES.length);
	const county = await api(srv.base, adminToken, 'GET', '/api/v1/indicators');
	assert.equal(county.json.indicators.find((i) => i.key === 'registered').total.value,
		EJ_NAMES.length + KT_NAMES.length);
	// A township administrator manages only their township's users.
	const users = await api(srv.base, ACTORS.find((a) => a.login === 'admin_ej').token, 'GET', '/api/v1/users');
	const logins = users.json.items.map((u) => u.login).sort();
	assert.deepEqual(logins, ['admin_ej', 'officer_ej', 'police_ej', 'sw_ej']);
});

test('leaders and member units see figures, never names', async () => {
	for (const login of ['leader_c', 'member_c', 'auditor_c']) {
		const a = ACTORS.find((x) => x.login === login);
		const c = new Client(srv.base);
		await c.signIn(login);
		const home = await c.get('/');
		assert.equal(home.status, 200);
		for (const name of [...EJ_NAMES, ...KT_NAMES])
			assert.ok(!home.text.includes(name), `${login} sees ${name} on /`);
		assert.doesNotMatch(home.text, /href="\/persons/, `${login}: no links into person files`);
		// a leader reads the indicators, but no number opens a list of persons
		const figures = await c.get('/indicators');
		assert.equal(figures.status, login === 'leader_c' ? 200 : 403);
		if (login === 'leader_c') {
			assert.match(figures.text, /id="indicators"/);
			assert.doesNotMatch(figures.text, /\/records\?/, 'no links to the records');
			for (const name of [...EJ_NAMES, ...KT_NAMES])
				assert.ok(!figures.text.includes(name), `${login} sees ${name} on /indicators`);
		}
		a.client = c;
	}
});

async function call(client, actor, method, spec, town, how) {
	const r = spec.req(town, actor);
	const opts = {};
	if (r.form)
		opts.form = r.form;
	if (r.json)
		opts.json = r.json;
	if (r.body !== undefined) {
		opts.body = r.body;
		opts.headers = { 'content-type': r.type };
	}
	if (how === 'token') {
		opts.token = actor.token;
		opts.noCookies = true;
	} else if (how === 'session' && method !== 'GET') {
		if (r.form)
			opts.form = { ...r.form, _csrf: client.csrf };
		else
			opts.headers = { ...opts.headers, 'X-CSRF-Token': client.csrf };
	}
	const res = await client.request(method, r.path, opts);
	return { res, path: r.path.split('?')[0] };
}

function describe(actor) {
	return `${actor.login} (${actor.role}${actor.town ? `, ${TOWNS[actor.town].name}` : ''})`;
}

// Walks the routes for one actor; returns the list of mismatches.
async function walk(actor, client, how) {
	const problems = [];
	const keys = Object.keys(EXPECT).filter((k) => how !== 'token' || k.includes(' /api/'));
	keys.sort((x, y) => (EXPECT[x].last ? 1 : 0) - (EXPECT[y].last ? 1 : 0));
	for (const key of keys) {
		const spec = EXPECT[key];
		const method = key.split(' ')[0];
		const own = actor.town || 'enjiang';
		const targets = spec.scoped ? [own, other(own)] : [own];
		for (const town of targets) {
			const want = spec.want(actor, inScope(actor, town));
			const { res } = await call(client, actor, method, spec, town, how);
			if (res.status !== want) {
				problems.push(`${describe(actor)} via ${how}: ${key} [${TOWNS[town].name}] ` +
					`got ${res.status}, want ${want}${res.json ? ` ${JSON.stringify(res.json.error || '')}` : ''}`);
			} else if (res.status === 403 && res.json) {
				if (res.json.error.code !== 'forbidden' && key !== 'POST /login')
					problems.push(`${describe(actor)}: ${key} 403 with code ${res.json.error.code}`);
			}
			// A refusal tells nothing about the person or user behind it.
			if (res.status === 403 || res.status === 404) {
				for (const name of [...EJ_NAMES, ...KT_NAMES])
					if (res.text.includes(name))
						problems.push(`${describe(actor)}: ${key} ${res.status} shows ${name}`);
			}
		}
	}
	return problems;
}

test('every route × every role × own and other township', { timeout: 180000 }, async () => {
	const problems = [];
	for (const actor of ACTORS) {
		const c = actor.client || new Client(srv.base);
		if (!actor.client)
			await c.signIn(actor.login);
		problems.push(...await walk(actor, c, 'token'));
		problems.push(...await walk(actor, c, 'session'));
		// The walk ended with POST /logout: the session is gone.
		const after = await c.get('/');
		if (after.status !== 303 || after.location !== '/login?next=%2F')
			problems.push(`${describe(actor)}: after logout GET / gave ${after.status} ${after.location}`);
	}
	assert.deepEqual(problems, []);
});

test('every route signed out: 303 to /login for pages, 401 for the rest', async () => {
	const problems = [];
	const anon = new Client(srv.base);
	for (const [key, spec] of Object.entries(EXPECT)) {
		const method = key.split(' ')[0];
		const { res, path } = await call(anon, { town: null }, method, spec, 'enjiang', 'anon');
		if (res.status !== spec.anon) {
			problems.push(`signed out: ${key} got ${res.status}, want ${spec.anon}`);
			continue;
		}
		if (res.status === 303 && res.location !== `/login?next=${encodeURIComponent(path)}`)
			problems.push(`signed out: ${key} redirects to ${res.location}`);
		if (res.status === 401 && key.includes(' /api/') && res.json?.error?.code !== 'unauthenticated')
			problems.push(`signed out: ${key} 401 without the unauthenticated code`);
	}
	// A bad token is no better than none.
	for (const [key, spec] of Object.entries(EXPECT)) {
		if (!key.includes(' /api/'))
			continue;
		const r = spec.req('enjiang', {});
		const res = await api(srv.base, 'jdt_forged', key.split(' ')[0], r.path, r.json);
		if (res.status !== 401)
			problems.push(`forged token: ${key} got ${res.status}`);
	}
	assert.deepEqual(problems, []);
});

test('the walk created persons only where it was allowed to', async () => {
	// Each PERSON actor created, in every township within its scope, one
	// person through the form and two through the API (walked with a token
	// and with the session); every attempt outside its scope was refused.
	const creators = ACTORS.filter((a) => PERSON.includes(a.role));
	const perTown = { enjiang: EJ_NAMES.length, kengtian: KT_NAMES.length };
	for (const a of creators)
		for (const town of ['enjiang', 'kengtian'])
			if (inScope(a, town))
				perTown[town] += 3;
	for (const town of ['enjiang', 'kengtian']) {
		const res = await api(srv.base, adminToken, 'GET', `/api/v1/persons?division=${code(town)}&limit=1`);
		assert.equal(res.json.total, perTown[town], TOWNS[town].name);
	}
});

test('the server shuts down cleanly on SIGTERM', async () => {
	await srv.stop();
});
