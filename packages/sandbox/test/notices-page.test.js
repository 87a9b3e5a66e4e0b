// @ts-check
/**
 * Tomorrow's reminders and the development page /dev/notices: a reminder per visit tomorrow by
 * the Oslo calendar, once however often (and however concurrently) it runs, on a fixed clock
 * across the spring summer-time change (2027-03-28 has 23 hours in Oslo); the page answers
 * loopback callers only, escapes what it shows, lists the queue newest first and queues the
 * reminders from a same-origin form with its CSRF token.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { osloDate, remindedStatuses } from '@omsorg/contract';
import { createFixtures } from '@omsorg/fixtures';
import { openTestDatabase } from '../test-support/database.js';
import { seed } from '../src/db/seed.js';
import { createNotifier } from '../src/notices/notifier.js';
import { createNoticesPage } from '../src/notices/page.js';

const OLA = 'sub-ola-7f3a';
/** Saturday 27 March 2027, noon in Oslo: the fixtures' "tomorrow" is the 23-hour Sunday. */
const SEEDED = new Date('2027-03-27T12:00:00+01:00');
/** 23:30 on Saturday, Oslo. */
const SATURDAY_LATE = new Date('2027-03-27T22:30:00Z');
/** 00:30 on Sunday, Oslo (still winter time: the clocks go forward at 02:00). */
const SUNDAY_EARLY = new Date('2027-03-27T23:30:00Z');

/** Ola's visits on an Oslo date, from the fixtures themselves. */
const olaVisitsOn = (/** @type {string} */ day) =>
  (createFixtures(SEEDED).subjects[OLA]?.appointments ?? []).filter((a) => osloDate(new Date(a.start)) === day && remindedStatuses.includes(a.status)).map((a) => a.id).sort();

/** @type {Awaited<ReturnType<typeof openTestDatabase>>} */
let t;
/** @type {ReturnType<typeof createNotifier>} */
let notices;
/** @type {import('node:http').Server} */
let server;
let origin = '';
/** @type {unknown[]} */
const errors = [];

before(async () => {
  t = await openTestDatabase();
  await seed(t.db, { now: SEEDED });
  notices = createNotifier({ logger: { error: (...a) => errors.push(a) } });
  await t.db.transaction((tx) => notices.saveChoice(tx, OLA, { channels: ['sms'], events: ['visit-reminder'], language: 'nb', version: '1' }, SEEDED));
  const page = createNoticesPage({ db: t.db, now: () => SATURDAY_LATE, notices, logger: { error: (...a) => errors.push(a) } });
  server = createServer((req, res) => void page(req, res));
  await /** @type {Promise<void>} */ (new Promise((ok) => server.listen(0, '127.0.0.1', () => ok())));
  origin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
});
after(async () => {
  await new Promise((ok) => {
    server?.close(() => ok(undefined));
    server?.closeAllConnections();
  });
  await t?.cleanup();
  assert.deepEqual(errors, []);
});

/** Reminder rows: the appointment each reminded, by subject. */
const reminded = async () => (await t.db.query('SELECT appointment_id FROM visit_reminders WHERE subject_id = $1 ORDER BY appointment_id', [OLA])).rows.map((r) => r.appointment_id);
const reminders = async () => Number((await t.db.query("SELECT count(*)::int AS n FROM notice_queue WHERE event = 'visit-reminder'")).rows[0].n);

/** @param {string} path @param {RequestInit} [init] */
const get = async (path, init = {}) => {
  const res = await fetch(`${origin}${path}`, { redirect: 'manual', ...init });
  return { status: res.status, headers: res.headers, text: await res.text() };
};

describe('sandbox: tomorrow\'s reminders', () => {
  it('reminds of each visit on the 23-hour Sunday once, however often and however concurrently it runs', async () => {
    const sunday = olaVisitsOn('2027-03-28');
    assert.ok(sunday.length > 0, 'the fixtures have a visit tomorrow');
    const [a, b] = await Promise.all([notices.queueVisitReminders(t.db, SATURDAY_LATE), notices.queueVisitReminders(t.db, SATURDAY_LATE)]);
    assert.equal(a + b, sunday.length, 'one per visit (one channel chosen)');
    assert.equal(await notices.queueVisitReminders(t.db, new Date('2027-03-27T22:59:00Z')), 0, 'again at 23:59');
    assert.deepEqual(await reminded(), sunday);
    // Half an hour later it is Sunday in Oslo: tomorrow is Monday.
    const monday = olaVisitsOn('2027-03-29');
    assert.equal(await notices.queueVisitReminders(t.db, SUNDAY_EARLY), monday.length);
    assert.deepEqual(await reminded(), [...sunday, ...monday].sort());
    const { rows } = await t.db.query("SELECT status, masked_address, language FROM notice_queue WHERE event = 'visit-reminder'");
    assert.deepEqual([...new Set(rows.map((r) => `${r.status} ${r.masked_address} ${r.language}`))], ['would-have-been-sent *** ** 867 nb']);
  });
});

describe('sandbox: the development page /dev/notices', () => {
  it('answers loopback callers only', async () => {
    /** @type {{ status?: number, body?: string }} */
    const out = {};
    const res = { headersSent: false, writeHead: (/** @type {number} */ s) => ((out.status = s), res), end: (/** @type {string} */ b) => void (out.body = String(b)) };
    const page = createNoticesPage({ db: t.db, notices });
    for (const address of ['192.0.2.10', '::ffff:10.0.0.1', undefined]) {
      const req = Object.assign(new PassThrough(), { method: 'GET', url: '/dev/notices', headers: {}, socket: { remoteAddress: address } });
      req.end();
      await page(/** @type {any} */ (req), /** @type {any} */ (res));
      assert.equal(out.status, 403, String(address));
      assert.match(out.body ?? '', /loopback/);
    }
    assert.equal((await get('/dev/notices')).status, 200, '127.0.0.1 is let in');
  });

  it('lists the queue newest first, escaped, under a CSP without scripts', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    await t.db.query(
      `INSERT INTO notice_queue (subject_id, event, channel, address, masked_address, subject_line, text, language, created_at, status)
       VALUES ($1, 'message-new', 'email', 'x@example.no', $2, $3, $4, 'nb', $5, 'queued')`,
      [OLA, 'x***@example.no', hostile, `"'&${hostile}`, new Date('2027-03-28T08:00:00Z')],
    );
    const r = await get('/dev/notices');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-security-policy')?.includes("default-src 'none'"), true);
    assert.doesNotMatch(r.headers.get('content-security-policy') ?? '', /script-src/);
    assert.doesNotMatch(r.text, /<script>|<img src=x/);
    assert.match(r.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(r.text, /&quot;&#39;&amp;&lt;script/);
    assert.doesNotMatch(r.text, /\+47 900|x@example\.no/, 'addresses only masked');
    const newest = r.text.indexOf('x***@example.no');
    const older = r.text.indexOf('*** ** 867');
    assert.ok(newest > 0 && older > newest, 'newest first');
  });

  it('queues tomorrow\'s reminders from its own form with the CSRF token, and refuses without it', async () => {
    await t.db.exec('DELETE FROM visit_reminders');
    const before = await reminders();
    const page = await get('/dev/notices');
    const cookie = /** @type {string} */ (page.headers.getSetCookie()[0]);
    assert.match(cookie, /HttpOnly; SameSite=Strict; Path=\/dev/);
    const csrf = /** @type {RegExpExecArray} */ (/name="csrf" value="([^"]+)"/.exec(page.text))[1];
    /** @param {Record<string, string>} headers @param {string} body */
    const post = (headers, body) => get('/dev/notices/reminders', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body });
    assert.equal((await post({ Cookie: cookie.split(';')[0] ?? '' }, 'csrf=wrong')).status, 403);
    assert.equal((await post({}, `csrf=${csrf}`)).status, 403, 'no cookie');
    assert.equal((await post({ Cookie: cookie.split(';')[0] ?? '', Origin: 'http://evil.example' }, `csrf=${csrf}`)).status, 403, 'another origin');
    assert.equal(await reminders(), before, 'nothing queued by a refused form');
    const ok = await post({ Cookie: cookie.split(';')[0] ?? '' }, `csrf=${csrf}`);
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/dev/notices?melding=reminders');
    assert.equal(await reminders(), before + olaVisitsOn('2027-03-28').length);
    assert.match((await get('/dev/notices?melding=reminders')).text, /Morgendagens påminnelser er lagt i køen/);
    assert.doesNotMatch((await get('/dev/notices?melding=%3Cb%3E')).text, /<b>/);
  });
});
