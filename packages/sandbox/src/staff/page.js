// @ts-check
/**
 * The staff side of messages, as a small development page at /staff (a sandbox tool, in
 * Norwegian bokmål): choose a staff test person, read the care service's threads, reply, start a
 * thread with a citizen who receives one of the service's services, close a thread.
 *
 * Loopback callers only. Sign-in is choosing a person (no password: a test tool), kept in a
 * session cookie (HttpOnly, SameSite=Strict, Path=/staff). Every form carries a CSRF token and
 * every POST is checked against it (and against Origin / Sec-Fetch-Site when sent). The HTML is
 * rendered on the server with every value escaped, with no scripts and no inline styles, under a
 * strict CSP.
 */
import { cancellationAnswerLimits, dialogueRefusal, labelFor, messageLimits } from '@omsorg/contract';
import { attachmentReply } from '../http/download.js';
import { findDownloadable } from '../data/attachments.js';
import { logAccess } from '../data/store.js';
import { formatOslo, formatOsloSpan } from './format.js';
import { DEV_PAGE_CSP, Html, cookies, html, isLoopback, redirect, sameOrigin, sameToken, sendPage, token } from '../http/dev-page.js';
import {
  StaffError,
  findStaff,
  listStaff,
  staffAnswerCancellation,
  staffCancellationRequests,
  staffCloseThread,
  staffRecipients,
  staffReply,
  staffStartThread,
  staffThread,
  staffThreads,
} from './ops.js';

/** The staff page's CSP: that of every development page. */
export const STAFF_CSP = DEV_PAGE_CSP;

const SESSION_COOKIE = 'omsorg_staff';
const LOGIN_COOKIE = 'omsorg_staff_login';
const MAX_FORM_BYTES = 64 * 1024;
const SESSION_TTL_MS = 8 * 3_600_000;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export { escapeHtml, html, isLoopback } from '../http/dev-page.js';

const CSS = `body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;line-height:1.45;color:#1e2b3c}
header{display:flex;justify-content:space-between;align-items:center;border-bottom:1px solid #ccd;margin-bottom:1rem}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.35rem;border-bottom:1px solid #e4e6ee;vertical-align:top}
.msg{border:1px solid #d5d9e6;border-radius:.4rem;padding:.6rem .8rem;margin:.6rem 0}.msg.staff{background:#f1f6ff}
.meta{color:#4a5568;font-size:.9rem}.text{white-space:pre-wrap;overflow-wrap:anywhere}.error{color:#9b1c1c;font-weight:600}
.unread{font-weight:700}textarea{width:100%;min-height:8rem}input[type=text]{width:100%}label{display:block;margin:.5rem 0 .2rem}
form.inline{display:inline}button{padding:.4rem .9rem;margin-top:.5rem}.sandbox{background:#fff4d6;padding:.3rem .6rem}`;

/** Why starting a thread failed (the list page shows it after the redirect). */
const START_ERRORS = /** @type {Readonly<Record<string, string>>} */ ({
  required: 'Fyll ut emne og melding.',
  'too-long': 'Emnet eller meldingen er for lang.',
  'invalid-character': 'Emnet eller meldingen inneholder tegn som ikke er tillatt.',
  'recipient-not-allowed': 'Personen mottar ikke en tjeneste fra denne enheten.',
  'consent-required': 'Personen har ikke samtykket til digital dialog. Ring i stedet.',
});

/** What the list page says after a cancellation was answered (only known codes). */
const ANSWERED = /** @type {Readonly<Record<string, string>>} */ ({
  godtatt: 'Avbestillingen er godtatt. Innbyggeren ser svaret.',
  avslatt: 'Avbestillingen er avslått. Innbyggeren ser svaret og begrunnelsen.',
});

/**
 * @param {object} o
 * @param {import('../db/index.js').Database} o.db
 * @param {() => Date} [o.now]
 * @param {Pick<Console, 'error'>} [o.logger]
 * @param {import('../notices/notifier.js').Notifier} [o.notices] how a person hears of a message
 * @param {import('../records/index.js').RecordSystem} [o.records] where appointments are (their
 *   cancellation requests are listed and answered there); default the sandbox's own tables
 */
export function createStaffPage({ db, now = () => new Date(), logger = console, notices, records }) {
  /** @type {Map<string, { staffId: string, csrf: string, expires: number }>} */
  const sessions = new Map();

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {number} status
   * @param {string | Html} body
   * @param {Record<string, string | string[]>} [extra]
   */
  const send = (res, status, body, extra = {}) => sendPage(res, status, body, extra, STAFF_CSP);

  /**
   * @param {string} title
   * @param {Html} main
   * @param {{ staff?: import('./ops.js').Staff, csrf?: string }} [who]
   */
  const page = (title, main, who = {}) => html`<html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – ansattside (sandkasse)</title><link rel="stylesheet" href="/staff/staff.css"></head><body>
<p class="sandbox">Sandkasse: en utviklingsside for ansatte. Ingen ekte personopplysninger.</p>
<header><h1>${title}</h1>${
    who.staff
      ? html`<form class="inline" method="post" action="/staff/logout"><input type="hidden" name="csrf" value="${who.csrf}"><span>${who.staff.name}, ${who.staff.careServiceName}</span> <button>Logg ut</button></form>`
      : ''
  }</header>
<main>${main}</main></body></html>`;

  /** @param {import('node:http').IncomingMessage} req */
  function sessionOf(req) {
    const sid = cookies(req.headers.cookie).get(SESSION_COOKIE);
    const s = sid ? sessions.get(sid) : undefined;
    if (!sid || !s) return undefined;
    if (s.expires < Date.now()) {
      sessions.delete(sid);
      return undefined;
    }
    return { sid, ...s };
  }

  /** @param {import('node:http').IncomingMessage} req */
  async function readForm(req) {
    const type = String(req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) throw new StaffError('too-long', 'Skjemaet er for stort.', 413);
      chunks.push(chunk);
    }
    if (type !== 'application/x-www-form-urlencoded') throw new StaffError('required', 'Skjemaet må sendes som et vanlig skjema.', 415);
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  }

  /** @param {import('node:http').ServerResponse} res */
  const forbidden = (res, text = 'Ugyldig eller manglende CSRF-token. Last siden på nytt.') => send(res, 403, text);

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    if (!isLoopback(req.socket?.remoteAddress)) {
      req.resume();
      send(res, 403, 'Ansattsiden svarer bare på loopback-adresser.');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://staff.invalid');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const method = req.method ?? 'GET';
    try {
      if (path === '/staff/staff.css' && method === 'GET') {
        res.writeHead(200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
        res.end(CSS);
        return;
      }
      if (method === 'POST') return await post(req, res, path);
      if (method !== 'GET' && method !== 'HEAD') {
        req.resume();
        send(res, 405, 'Metoden er ikke tillatt.', { Allow: 'GET, POST' });
        return;
      }
      const session = sessionOf(req);
      if (!session) return await loginPage(res, path === '/staff' ? 200 : 303);
      // Only known codes: the page never shows text taken from the URL.
      if (path === '/staff') {
        const done = url.searchParams.get('svar') ?? '';
        return await listPage(res, session, {
          error: START_ERRORS[url.searchParams.get('feil') ?? ''] ?? null,
          done: Object.hasOwn(ANSWERED, done) ? (ANSWERED[done] ?? null) : null,
        });
      }
      const thread = /^\/staff\/threads\/([^/]+)\/([^/]+)$/.exec(path);
      if (thread && ID.test(thread[1] ?? '') && ID.test(thread[2] ?? '')) {
        return await threadPage(res, session, /** @type {string} */ (thread[1]), /** @type {string} */ (thread[2]));
      }
      const att = /^\/staff\/attachments\/([^/]+)\/([^/]+)$/.exec(path);
      if (att && ID.test(att[1] ?? '') && ID.test(att[2] ?? '')) return await download(res, session, /** @type {string} */ (att[1]), /** @type {string} */ (att[2]));
      send(res, 404, 'Fant ikke siden.');
    } catch (err) {
      if (err instanceof StaffError) {
        send(res, err.status, err.message);
        return;
      }
      logger.error('omsorg sandbox: staff page error', err);
      if (!res.headersSent) send(res, 500, 'Noe gikk galt.');
      else res.end();
    }
  }

  /** @param {import('node:http').ServerResponse} res @param {number} status */
  async function loginPage(res, status) {
    if (status === 303) return redirect(res, '/staff');
    const csrf = token();
    const staff = await listStaff(db);
    const body = page(
      'Logg inn som ansatt',
      html`<form method="post" action="/staff/login"><input type="hidden" name="csrf" value="${csrf}">
<fieldset><legend>Velg en testansatt</legend>${staff.map(
        (s, i) => html`<label><input type="radio" name="staffId" value="${s.id}"${i === 0 ? html` checked` : ''}> ${s.name}, ${s.careServiceName}</label>`,
      )}</fieldset><button>Logg inn</button></form>`,
    );
    send(res, 200, body, { 'Set-Cookie': `${LOGIN_COOKIE}=${csrf}; HttpOnly; SameSite=Strict; Path=/staff` });
  }

  /**
   * The cancellation requests waiting for the service, each with its two answers. A refused
   * answer is shown at its request, with the note as typed.
   * @param {{ csrf: string }} session
   * @param {Awaited<ReturnType<typeof staffCancellationRequests>>['requests']} requests
   * @param {{ key: string, message: string, note: string } | undefined} failed
   */
  function requestsSection(session, requests, failed) {
    if (!requests.length) return html`<h2>Avbestillinger som venter på svar</h2><p>Ingen avbestillinger venter på svar.</p>`;
    return html`<h2>Avbestillinger som venter på svar</h2>
${requests.map(({ subjectName, appointment: a }) => {
  const key = `${a.subjectId}/${a.id}`;
  const id = `svar-${a.subjectId}-${a.id}`;
  const error = failed?.key === key ? failed : undefined;
  const action = `/staff/appointments/${a.subjectId}/${a.id}`;
  const c = a.cancellation;
  return html`<article class="msg request" aria-labelledby="${id}-h"><h3 id="${id}-h">${subjectName}: ${labelFor(a.serviceType, 'nb') ?? a.serviceType.code}</h3>
<p class="meta">Besøk ${formatOsloSpan(a.start, a.end)} · ${a.careService.name}</p>
<p>Årsak: ${labelFor(c?.reason, 'nb') ?? c?.reason.code ?? 'ukjent'}${c?.requestedAt ? html` · bedt om ${formatOslo(c.requestedAt)}` : ''}</p>
${c?.comment ? html`<p>Kommentar fra innbyggeren:</p><div class="text">${c.comment}</div>` : html`<p class="meta">Ingen kommentar.</p>`}
${error ? html`<p class="error" role="alert" id="${id}-feil">${error.message}</p>` : ''}
<form class="inline" method="post" action="${action}/accept"><input type="hidden" name="csrf" value="${session.csrf}"><button aria-describedby="${id}-h">Godta</button></form>
<form method="post" action="${action}/reject"><input type="hidden" name="csrf" value="${session.csrf}">
<label for="${id}-note">Begrunnelse for avslag (innbyggeren ser den)</label><textarea id="${id}-note" name="note" required maxlength="${cancellationAnswerLimits.noteMaxChars}"${
    error ? html` aria-invalid="true" aria-describedby="${id}-feil"` : ''
  }>${error?.note ?? ''}</textarea><button aria-describedby="${id}-h">Avslå</button></form></article>`;
})}`;
  }

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {{ staffId: string, csrf: string }} session
   * @param {{ error?: string | null, done?: string | null, status?: number, failed?: { key: string, message: string, note: string } }} o
   */
  async function listPage(res, session, { error = null, done = null, status = 200, failed } = {}) {
    const { staff, threads } = await staffThreads(db, { staffId: session.staffId, now: now() });
    const { requests } = await staffCancellationRequests(db, { staffId: session.staffId, now: now(), ...(records ? { records } : {}) });
    const recipients = await staffRecipients(db, staff.careServiceId);
    const body = page(
      staff.careServiceName,
      html`${error ? html`<p class="error" role="alert">${error}</p>` : ''}${done ? html`<p role="status">${done}</p>` : ''}
${requestsSection(session, requests, failed)}
<h2>Tråder</h2>
${
  threads.length
    ? html`<table><thead><tr><th>Emne</th><th>Innbygger</th><th>Status</th><th>Siste aktivitet</th><th>Uleste</th></tr></thead><tbody>${threads.map(
        ({ thread: t, subjectName }) =>
          html`<tr${t.unreadCount ? html` class="unread"` : ''}><td><a href="/staff/threads/${t.subjectId}/${t.id}">${t.title}</a></td><td>${subjectName}</td><td>${t.status === 'open' ? 'Åpen' : 'Lukket'}</td><td>${formatOslo(t.lastActivityAt)}</td><td>${t.unreadCount}</td></tr>`,
      )}</tbody></table>`
    : html`<p>Ingen tråder ennå.</p>`
}
<h2>Ny tråd</h2>
${
  recipients.length
    ? html`<form method="post" action="/staff/threads"><input type="hidden" name="csrf" value="${session.csrf}">
<label for="to">Til</label><select id="to" name="to" required>${recipients.map((r) =>
      r.consent
        ? html`<option value="${r.subjectId}/${r.grantedServiceId}">${r.name} (${r.grantedServiceId})</option>`
        : html`<option disabled>${r.name} (${r.grantedServiceId}): uten samtykke til digital dialog</option>`,
    )}</select>
<label for="title">Emne</label><input id="title" type="text" name="title" required maxlength="${messageLimits.titleMaxChars}">
<label for="text">Melding</label><textarea id="text" name="text" required maxlength="${messageLimits.textMaxChars}"></textarea>
<button>Send</button></form>`
    : html`<p>Ingen innbyggere mottar tjenester fra denne enheten.</p>`
}`,
      { staff, csrf: session.csrf },
    );
    send(res, status, body);
  }

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {{ staffId: string, csrf: string }} session
   * @param {string} subjectId
   * @param {string} threadId
   * @param {{ status?: number, error?: string, text?: string }} [o]
   */
  async function threadPage(res, session, subjectId, threadId, { status = 200, error, text = '' } = {}) {
    const { staff, subjectName, thread: t, consent } = await staffThread(db, { staffId: session.staffId, subjectId, threadId, now: now() });
    const latest = consent.history[0];
    const consentText = !latest ? 'ikke gitt' : `${latest.status === 'active' ? 'gitt' : 'trukket'} ${formatOslo(latest.decidedAt)}`;
    const writable = t.status === 'open' && dialogueRefusal(consent) === null;
    const action = `/staff/threads/${subjectId}/${threadId}`;
    const body = page(
      t.title,
      html`<p><a href="/staff">← Alle tråder</a></p>
<p class="meta">${subjectName} · ${t.careService.name} · ${t.status === 'open' ? 'Åpen' : 'Lukket'} · svar innen ${t.replyPolicy.expectedReplyWorkingDays} virkedager</p>
${t.messages.map(
  (m) => html`<article class="msg${m.sender.role === 'staff' ? ' staff' : ''}"><p class="meta">${m.sender.name}${
    m.sender.role === 'relative' ? html` på vegne av ${m.sender.onBehalfOf}` : m.sender.role === 'citizen' ? ' (innbygger)' : ' (ansatt)'
  } · ${formatOslo(m.sentAt)}</p><div class="text">${m.text}</div>${
    m.attachments.length
      ? html`<ul>${m.attachments.map((a) => html`<li><a href="/staff/attachments/${subjectId}/${a.id}">${a.filename}</a> (${a.contentType}, ${a.size} byte)</li>`)}</ul>`
      : ''
  }</article>`,
)}
<p class="meta">Sett siden siste melding: ${t.seenSinceLastUpdate.map((s) => s.name).join(', ') || 'ingen'}</p>
<p class="meta" id="consent">Samtykke til digital dialog: ${consentText}</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
${
  t.status === 'open'
    ? html`${writable
        ? html`<form method="post" action="${action}/reply"><input type="hidden" name="csrf" value="${session.csrf}">
<label for="text">Svar</label><textarea id="text" name="text" required maxlength="${messageLimits.textMaxChars}">${text}</textarea><button>Send svar</button></form>`
        : html`<p>Personen har ikke samtykket til digital dialog, så du kan ikke svare her. Ring i stedet.</p>`}
<form method="post" action="${action}/close"><input type="hidden" name="csrf" value="${session.csrf}"><button>Lukk tråden</button></form>`
    : html`<p>Tråden er lukket.</p>`
}`,
      { staff, csrf: session.csrf },
    );
    send(res, status, body);
  }

  /**
   * @param {import('node:http').ServerResponse} res
   * @param {{ staffId: string }} session
   * @param {string} subjectId
   * @param {string} attachmentId
   */
  async function download(res, session, subjectId, attachmentId) {
    const staff = await findStaff(db, session.staffId);
    const a = await findDownloadable(db, subjectId, attachmentId, { kind: 'staff', id: staff.id, careServiceId: staff.careServiceId });
    await logAccess(db, {
      actorPersonId: staff.id,
      actorKind: 'staff',
      clientId: 'staff-page',
      subjectId,
      action: 'read',
      resource: 'attachment',
      resourceId: attachmentId,
      outcome: a ? 'ok' : 'not-found',
      status: a ? 200 : 404,
    });
    if (!a) return send(res, 404, 'Fant ikke vedlegget.');
    const reply = attachmentReply(a);
    const data = /** @type {Buffer} */ (reply.body);
    res.writeHead(200, { ...reply.headers, 'Content-Length': String(data.length), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end(data);
  }

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   * @param {string} path
   */
  async function post(req, res, path) {
    if (!sameOrigin(req)) {
      req.resume();
      return forbidden(res, 'Skjemaer må sendes fra ansattsiden selv.');
    }
    const form = await readForm(req);
    const sent = form.get('csrf') ?? '';

    if (path === '/staff/login') {
      const expected = cookies(req.headers.cookie).get(LOGIN_COOKIE) ?? '';
      if (!sameToken(sent, expected)) return forbidden(res);
      const staff = await findStaff(db, form.get('staffId') ?? '');
      const sid = token();
      sessions.set(sid, { staffId: staff.id, csrf: token(), expires: Date.now() + SESSION_TTL_MS });
      return redirect(res, '/staff', {
        'Set-Cookie': [
          `${SESSION_COOKIE}=${sid}; HttpOnly; SameSite=Strict; Path=/staff`,
          `${LOGIN_COOKIE}=; HttpOnly; SameSite=Strict; Path=/staff; Max-Age=0`,
        ],
      });
    }

    const session = sessionOf(req);
    if (!session || !sameToken(sent, session.csrf)) return forbidden(res);

    if (path === '/staff/logout') {
      sessions.delete(session.sid);
      return redirect(res, '/staff', { 'Set-Cookie': `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/staff; Max-Age=0` });
    }
    if (path === '/staff/threads') {
      const [subjectId = '', grantedServiceId = ''] = (form.get('to') ?? '').split('/');
      try {
        const threadId = await staffStartThread(db, {
          staffId: session.staffId,
          subjectId,
          grantedServiceId,
          title: form.get('title') ?? '',
          text: form.get('text') ?? '',
          now: now(),
          ...(notices ? { notices } : {}),
          ...(records ? { records } : {}),
        });
        return redirect(res, `/staff/threads/${subjectId}/${threadId}`);
      } catch (err) {
        if (!(err instanceof StaffError)) throw err;
        return redirect(res, `/staff?feil=${encodeURIComponent(err.code)}`);
      }
    }
    const answer = /^\/staff\/appointments\/([^/]+)\/([^/]+)\/(accept|reject)$/.exec(path);
    if (answer && ID.test(answer[1] ?? '') && ID.test(answer[2] ?? '')) {
      const subjectId = /** @type {string} */ (answer[1]);
      const appointmentId = /** @type {string} */ (answer[2]);
      const accept = answer[3] === 'accept';
      const note = form.get('note') ?? '';
      try {
        await staffAnswerCancellation(db, { staffId: session.staffId, subjectId, appointmentId, accept, note, now: now(), ...(notices ? { notices } : {}), ...(records ? { records } : {}) });
        return redirect(res, `/staff?svar=${accept ? 'godtatt' : 'avslatt'}`);
      } catch (err) {
        if (!(err instanceof StaffError)) throw err;
        return listPage(res, session, { status: err.status, failed: { key: `${subjectId}/${appointmentId}`, message: err.message, note }, error: err.code === 'not-found' || err.code === 'not-requested' ? err.message : null });
      }
    }
    const m = /^\/staff\/threads\/([^/]+)\/([^/]+)\/(reply|close)$/.exec(path);
    if (m && ID.test(m[1] ?? '') && ID.test(m[2] ?? '')) {
      const subjectId = /** @type {string} */ (m[1]);
      const threadId = /** @type {string} */ (m[2]);
      const back = `/staff/threads/${subjectId}/${threadId}`;
      try {
        if (m[3] === 'reply') await staffReply(db, { staffId: session.staffId, subjectId, threadId, text: form.get('text') ?? '', now: now(), ...(notices ? { notices } : {}), ...(records ? { records } : {}) });
        else await staffCloseThread(db, { staffId: session.staffId, subjectId, threadId, now: now() });
        return redirect(res, back);
      } catch (err) {
        if (!(err instanceof StaffError) || err.code === 'not-found') throw err;
        return threadPage(res, session, subjectId, threadId, { status: err.status, error: err.message, text: form.get('text') ?? '' });
      }
    }
    send(res, 404, 'Fant ikke siden.');
  }

  return handle;
}
