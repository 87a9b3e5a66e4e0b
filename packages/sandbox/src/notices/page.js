// @ts-check
/**
 * The notices' development page at /dev/notices (a sandbox tool, in Norwegian bokmål): the
 * queue, newest first (when, to whom, masked, by which channel, for which event, the subject and
 * the text, and what the gateway made of it), a button that queues tomorrow's reminders, and the
 * care service's changes that send notices the API has no operation for (answer a cancellation
 * request, move a visit).
 *
 * Loopback callers only, as /staff. No sign-in: the page shows masked addresses and texts that
 * carry no health content. Every form carries a CSRF token (a double-submit cookie,
 * HttpOnly, SameSite=Strict, Path=/dev, compared in constant time) and must come from the page's
 * own origin; every value is escaped, and the CSP allows no scripts.
 */
import { cookies, html, isLoopback, redirect, sameOrigin, sameToken, sendPage, token } from '../http/dev-page.js';
import { formatOslo } from '../staff/format.js';
import { AnswerError, answerCancellation } from '../care/answer.js';
import { DevOpError, moveAppointment, upcomingAppointments } from './dev-ops.js';
import { defaultNotifier, listNoticeQueue } from './notifier.js';

const CSRF_COOKIE = 'omsorg_dev_csrf';
/** The note a request turned down here carries (staff write their own on /staff). */
const REJECTION_NOTE = 'Vi trenger å komme denne dagen. Ring oss gjerne.';
const MAX_FORM_BYTES = 8 * 1024;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

const CSS = `body{font-family:system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem;line-height:1.45;color:#1e2b3c}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35rem;border-bottom:1px solid #e4e6ee;vertical-align:top}
.text{white-space:pre-wrap;overflow-wrap:anywhere}.sandbox{background:#fff4d6;padding:.3rem .6rem}.error{color:#9b1c1c;font-weight:600}
form{margin:.5rem 0}button{padding:.4rem .9rem}select,input{margin-right:.5rem}`;

const EVENTS = /** @type {Readonly<Record<string, string>>} */ ({
  'message-new': 'Ny melding',
  'appointment-changed': 'Avtale endret',
  'cancellation-answered': 'Svar på avbestilling',
  'visit-reminder': 'Påminnelse',
});
const STATUSES = /** @type {Readonly<Record<string, string>>} */ ({ queued: 'I kø', 'would-have-been-sent': 'Ville blitt sendt', sent: 'Sendt', failed: 'Feilet' });
/** Only known codes: the page never shows text taken from the URL. */
const MESSAGES = /** @type {Readonly<Record<string, string>>} */ ({
  reminders: 'Morgendagens påminnelser er lagt i køen.',
  answered: 'Avbestillingen er besvart.',
  moved: 'Avtalen er flyttet.',
  'not-found': 'Fant ikke avtalen.',
  'not-requested': 'Avtalen har ingen avbestilling som venter på svar.',
  invalid: 'Ugyldig endring.',
});

/**
 * @param {object} o
 * @param {import('../db/index.js').Database} o.db
 * @param {() => Date} [o.now]
 * @param {import('./notifier.js').Notifier} [o.notices]
 * @param {Pick<Console, 'error'>} [o.logger]
 * @param {import('../records/index.js').RecordSystem} [o.records] where cancellation requests are answered
 */
export function createNoticesPage({ db, now = () => new Date(), notices = defaultNotifier, logger = console, records }) {
  /** @param {import('node:http').IncomingMessage} req */
  async function readForm(req) {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) return undefined;
      chunks.push(chunk);
    }
    const type = String(req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
    return type === 'application/x-www-form-urlencoded' ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : undefined;
  }

  /** @param {import('node:http').ServerResponse} res @param {string | null} message */
  async function listPage(res, message) {
    const csrf = token();
    const [queue, upcoming] = await Promise.all([listNoticeQueue(db), upcomingAppointments(db, now())]);
    const hidden = html`<input type="hidden" name="csrf" value="${csrf}">`;
    const body = html`<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Varsler – utviklingsside (sandkasse)</title><link rel="stylesheet" href="/dev/notices.css"></head><body>
<p class="sandbox">Sandkasse: varsler som ville blitt sendt på SMS og e-post. Ingenting sendes herfra.</p>
<h1>Varsler</h1>
${message ? html`<p role="status">${message}</p>` : ''}
<form method="post" action="/dev/notices/reminders">${hidden}<button>Legg morgendagens påminnelser i køen</button></form>
<h2>Køen, nyeste først</h2>
${
  queue.length
    ? html`<table><thead><tr><th>Når</th><th>Til</th><th>Kanal</th><th>Hendelse</th><th>Emne</th><th>Tekst</th><th>Status</th></tr></thead><tbody>${queue.map(
        (n) =>
          html`<tr><td>${formatOslo(n.createdAt.toISOString())}</td><td>${n.name}<br>${n.to}</td><td>${n.channel === 'sms' ? 'SMS' : 'E-post'}</td><td>${EVENTS[n.event] ?? n.event}</td><td>${n.subject}</td><td class="text">${n.text}</td><td>${STATUSES[n.status] ?? n.status}</td></tr>`,
      )}</tbody></table>`
    : html`<p>Ingen varsler i køen ennå.</p>`
}
<h2>Endre en avtale (som tjenesten)</h2>
${
  upcoming.length
    ? html`<form method="post" action="/dev/notices/appointments">${hidden}
<label for="apt">Avtale</label> <select id="apt" name="appointment">${upcoming.map(
        (a) => html`<option value="${a.subjectId}/${a.id}">${a.name}: ${formatOslo(a.start.toISOString())} (${a.status})</option>`,
      )}</select>
<button name="action" value="move">Flytt en time senere</button>
<button name="action" value="confirm">Bekreft avbestillingen</button>
<button name="action" value="reject">Avslå avbestillingen</button></form>`
    : html`<p>Ingen kommende avtaler.</p>`
}</body></html>`;
    sendPage(res, 200, body, { 'Set-Cookie': `${CSRF_COOKIE}=${csrf}; HttpOnly; SameSite=Strict; Path=/dev` });
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} path
   */
  async function post(req, res, path) {
    const form = sameOrigin(req) ? await readForm(req) : (req.resume(), undefined);
    const expected = cookies(req.headers.cookie).get(CSRF_COOKIE) ?? '';
    if (!form || !sameToken(form.get('csrf') ?? '', expected)) return sendPage(res, 403, 'Ugyldig eller manglende CSRF-token. Last siden på nytt.');
    if (path === '/dev/notices/reminders') {
      await notices.queueVisitReminders(db, now());
      return redirect(res, '/dev/notices?melding=reminders');
    }
    if (path === '/dev/notices/appointments') {
      const [subjectId = '', appointmentId = ''] = (form.get('appointment') ?? '').split('/');
      const action = form.get('action');
      if (!ID.test(subjectId) || !ID.test(appointmentId) || !['move', 'confirm', 'reject'].includes(action ?? '')) return redirect(res, '/dev/notices?melding=invalid');
      try {
        if (action === 'move') await moveAppointment(db, { subjectId, appointmentId, minutes: 60, now: now(), notices });
        else await answerCancellation(db, { subjectId, appointmentId, accept: action === 'confirm', note: action === 'confirm' ? '' : REJECTION_NOTE, now: now(), notices, ...(records ? { records } : {}) });
      } catch (err) {
        if (err instanceof DevOpError || err instanceof AnswerError) return redirect(res, `/dev/notices?melding=${encodeURIComponent(err.code)}`);
        throw err;
      }
      return redirect(res, `/dev/notices?melding=${action === 'move' ? 'moved' : 'answered'}`);
    }
    return sendPage(res, 404, 'Fant ikke siden.');
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  return async function handle(req, res) {
    if (!isLoopback(req.socket?.remoteAddress)) {
      req.resume();
      return sendPage(res, 403, 'Utviklingssidene svarer bare på loopback-adresser.');
    }
    const url = new URL(req.url ?? '/', 'http://dev.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    try {
      if (method === 'POST') return await post(req, res, path);
      if (method !== 'GET' && method !== 'HEAD') {
        req.resume();
        return sendPage(res, 405, 'Metoden er ikke tillatt.', { Allow: 'GET, POST' });
      }
      if (path === '/dev/notices.css') {
        res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
        return res.end(CSS);
      }
      if (path === '/dev/notices') {
        const code = url.searchParams.get('melding') ?? '';
        return await listPage(res, Object.hasOwn(MESSAGES, code) ? (MESSAGES[code] ?? null) : null);
      }
      sendPage(res, 404, 'Fant ikke siden.');
    } catch (err) {
      logger.error('omsorg sandbox: notices page error', err);
      if (!res.headersSent) sendPage(res, 500, 'Noe gikk galt.');
      else res.end();
    }
  };
}
