// @ts-check
/**
 * The suite can fail: each case below breaks ONE rule of the msw mocks (a handler in front of
 * the real ones that alters their answer) and runs the suite's own check for that rule, which
 * must fail for that reason. The same checks pass on the intact mocks first (the control).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getResponse, http } from 'msw';
import { osloDate, osloMonth } from '@omsorg/contract';
import { createContext } from './client.js';
import { groups } from './harness.js';
import { createMocksTarget } from './targets.js';
import * as vocabulary from './vocabulary.js';

/**
 * @param {keyof typeof groups} group
 * @param {string} titleStart
 */
function check(group, titleStart) {
  const c = groups[group].find((x) => x.title.startsWith(titleStart));
  if (!c) throw new Error(`no check "${titleStart}" in ${group}`);
  return c;
}

/** @typedef {(real: import('msw').HttpHandler[], baseUrl: string) => import('msw').RequestHandler[]} Alter */

/**
 * A handler in front of the real ones: the real answer, then `change(request, response)`.
 * @param {(request: Request, response: Response, real: import('msw').HttpHandler[]) => Response | Promise<Response>} change
 * @returns {Alter}
 */
const alterAnswers = (change) => (real, baseUrl) => [
  http.all(`${baseUrl}/v1/*`, async ({ request }) => {
    const response = await getResponse(real, request.clone());
    if (!response) throw new Error(`no mock answer for ${request.method} ${request.url}`);
    return change(request, response, real);
  }),
];

/** @param {Response} r @param {(h: Headers) => void} edit */
const withHeaders = (r, edit) => {
  const headers = new Headers(r.headers);
  edit(headers);
  return new Response(r.body, { status: r.status, statusText: r.statusText, headers });
};

/** Broken rules, the check that must catch each, and what its failure must say. */
const cases = /** @type {{ name: string, alter?: Alter, scenario?: import('@omsorg/mocks').ScenarioName, group: keyof typeof groups, check: string, fails: RegExp }[]} */ ([
  {
    name: 'shows a count under 5 in the figures for management',
    alter: alterAnswers(async (req, res) => {
      if (!new URL(req.url).pathname.endsWith('/management/figures') || res.status !== 200) return res;
      const body = await res.json();
      const row = body.rows.find((/** @type {any} */ r) => typeof r.cancellations.total !== 'number');
      if (row) row.cancellations.total = 3;
      return new Response(JSON.stringify(body), { status: 200, headers: res.headers });
    }),
    group: 'figures',
    check: 'the management role gets the figures',
    fails: /breaks the contract/,
  },
  {
    name: 'publishes an exact count of people with consent, which one month minus the next would name',
    alter: alterAnswers(async (req, res) => {
      if (!new URL(req.url).pathname.endsWith('/management/figures') || res.status !== 200) return res;
      const body = await res.json();
      const row = body.rows.find((/** @type {any} */ r) => typeof r.consent.people === 'number');
      if (row) row.consent.people += 1;
      return new Response(JSON.stringify(body), { status: 200, headers: res.headers });
    }),
    group: 'figures',
    check: 'the management role gets the figures',
    fails: /breaks the contract|not rounded to 5/,
  },
  {
    name: 'publishes the current month, whose counts still grow (two readings would show one day)',
    alter: alterAnswers(async (req, res, real) => {
      const url = new URL(req.url);
      const current = osloMonth(new Date());
      if (!url.pathname.includes('/management/figures') || res.status !== 400 || url.searchParams.get('to') !== current) return res;
      // As before 1.1.2: the current month answered, counted up to now.
      url.searchParams.delete('to');
      return (await getResponse(real, new Request(url, { headers: req.headers }))) ?? res;
    }),
    group: 'figures',
    check: 'finished months only',
    fails: /expected 400 .*got 200/,
  },
  {
    name: 'lets a citizen read the figures for management',
    alter: alterAnswers(async (req, res, real) => {
      if (!new URL(req.url).pathname.includes('/management/') || res.status !== 403) return res;
      return (await getResponse(real, new Request(req.url, { headers: { Authorization: 'Bearer mock-token-management' } }))) ?? res;
    }),
    group: 'figures',
    check: 'a citizen gets 403',
    fails: /expected 403 .*got 200/,
  },
  {
    name: 'sends service types under the project URN of API 1.0 instead of the official identifier',
    alter: alterAnswers(async (req, res) => {
      if (!/\/(appointments|services)$/.test(new URL(req.url).pathname) || res.status !== 200) return res;
      const body = await res.json();
      for (const x of body.items) x.serviceType.system = 'urn:omsorg:codesystem:kpr-tjenestetype';
      return new Response(JSON.stringify(body), { status: 200, headers: res.headers });
    }),
    group: 'reads',
    check: 'service types in their official system',
    fails: /serviceType\.system/,
  },
  {
    name: 'drops Cache-Control on errors',
    alter: alterAnswers((_req, res) => (res.status >= 400 ? withHeaders(res, (h) => h.delete('Cache-Control')) : res)),
    group: 'errors',
    check: 'Cache-Control: no-store on every response',
    fails: /Cache-Control is missing/,
  },
  {
    name: 'ignores a stale If-Match (cancels anyway, 200)',
    alter: alterAnswers(async (req, res, real) => {
      if (req.method !== 'POST' || res.status !== 412) return res;
      // Look the current ETag up and answer as if the client had sent it.
      const url = req.url.replace(/\/cancellation$/, '');
      const current = await getResponse(real, new Request(url, { headers: { Authorization: req.headers.get('Authorization') ?? '' } }));
      const headers = new Headers(req.headers);
      headers.set('If-Match', current?.headers.get('ETag') ?? '');
      return (await getResponse(real, new Request(req.url, { method: 'POST', headers, body: await req.text() }))) ?? res;
    }),
    group: 'cancel',
    check: 'a stale or weak If-Match',
    fails: /expected 412 .*got 200/,
  },
  {
    name: 'sends a weak ETag',
    alter: alterAnswers((_req, res) => (res.headers.get('ETag')?.startsWith('"') ? withHeaders(res, (h) => h.set('ETag', `W/${h.get('ETag')}`)) : res)),
    group: 'reads',
    check: 'GET one appointment',
    fails: /not a strong entity tag/,
  },
  {
    name: 'ignores the cursor (every page is the first)',
    alter: (real, baseUrl) => [
      http.get(`${baseUrl}/v1/subjects/:subject/appointments`, async ({ request }) => {
        const url = new URL(request.url);
        url.searchParams.delete('cursor');
        return getResponse(real, new Request(url, { headers: request.headers }));
      }),
      ...real,
    ],
    group: 'reads',
    check: 'paging:',
    fails: /the cursor does not advance|are the whole list/,
  },
  {
    name: 'lists the past oldest first',
    alter: alterAnswers(async (req, res) => {
      if (req.method !== 'GET' || new URL(req.url).searchParams.get('when') !== 'past') return res;
      const body = await res.json();
      body.items.reverse();
      return Response.json(body, { status: res.status, headers: res.headers });
    }),
    group: 'reads',
    check: 'past:',
    fails: /comes before/,
  },
  {
    name: 'replays a different answer for the same Idempotency-Key',
    alter: alterAnswers(async (req, res) => {
      if (req.method !== 'POST' || res.status !== 200) return res;
      const body = await res.json();
      if (body.cancellation) body.cancellation.requestedAt = new Date(Date.now() + Math.floor(Math.random() * 60_000)).toISOString().replace(/\.\d+Z$/, 'Z');
      return Response.json(body, { status: res.status, headers: res.headers });
    }),
    group: 'cancel',
    check: 'a replay',
    fails: /replay: body/,
  },
  {
    name: 'lets a message through without dialogue consent',
    alter: (real, baseUrl) => {
      // The mock's own consent stays as the suite set it; these answers pretend it was given.
      const given = async (/** @type {Request} */ request) => {
        const auth = request.headers.get('Authorization') ?? '';
        const subject = new URL(request.url).pathname.split('/')[3];
        const put = (/** @type {string} */ status, /** @type {string} */ etag) =>
          getResponse(real, new Request(`${baseUrl}/v1/subjects/${subject}/dialogue-consent`, {
            method: 'PUT',
            headers: { Authorization: auth, 'Content-Type': 'application/json', 'If-Match': etag, 'Idempotency-Key': `self-check-${Math.random()}` },
            body: JSON.stringify({ status, textVersion: '2026-12' }),
          }));
        const now = await getResponse(real, new Request(`${baseUrl}/v1/subjects/${subject}/dialogue-consent`, { headers: { Authorization: auth } }));
        const was = (await now?.clone().json())?.status;
        if (was !== 'inactive') return getResponse(real, request.clone());
        const on = await put('active', now?.headers.get('ETag') ?? '');
        const answer = await getResponse(real, request.clone());
        await put('inactive', on?.headers.get('ETag') ?? '');
        return answer;
      };
      return [
        http.post(`${baseUrl}/v1/subjects/:subject/threads/:thread/messages`, ({ request }) => given(request)),
        http.post(`${baseUrl}/v1/subjects/:subject/threads`, ({ request }) => given(request)),
        ...real,
      ];
    },
    group: 'consent',
    check: 'withdrawn: messages refused at once',
    fails: /expected 403 .*got 201/,
  },
  {
    name: 'ignores If-None-Match on the thread list (always 200, never 304)',
    alter: (real, baseUrl) => [
      http.get(`${baseUrl}/v1/subjects/:subject/threads`, ({ request }) => {
        const headers = new Headers(request.headers);
        headers.delete('If-None-Match');
        return getResponse(real, new Request(request.url, { headers }));
      }),
      ...real,
    ],
    group: 'messages',
    check: 'threads:',
    fails: /expected 304, got 200/,
  },
  {
    name: 'ignores If-None-Match on the appointment list (always 200, never 304)',
    alter: (real, baseUrl) => [
      http.get(`${baseUrl}/v1/subjects/:subject/appointments`, ({ request }) => {
        const headers = new Headers(request.headers);
        headers.delete('If-None-Match');
        return getResponse(real, new Request(request.url, { headers }));
      }),
      ...real,
    ],
    group: 'reads',
    check: 'appointment list: an ETag',
    fails: /expected 304, got 200/,
  },
  {
    name: 'accepts a message over 4,000 characters (cuts it instead of refusing)',
    alter: (real, baseUrl) => [
      http.post(`${baseUrl}/v1/subjects/:subject/threads/:thread/messages`, async ({ request }) => {
        const body = await request.clone().json();
        if (typeof body.text === 'string' && [...body.text].length > 4000) body.text = [...body.text].slice(0, 4000).join('');
        return getResponse(real, new Request(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify(body) }));
      }),
      ...real,
    ],
    group: 'messages',
    check: 'text rules:',
    fails: /expected 400 .*got 201/,
  },
  {
    name: 'stores a replayed message twice (a new message for the same Idempotency-Key)',
    alter: alterAnswers(async (req, res, real) => {
      if (req.method !== 'POST' || !/\/messages$/.test(new URL(req.url).pathname) || res.status !== 201) return res;
      // Send it once more under a fresh key, and answer with that second copy.
      const headers = new Headers(req.headers);
      headers.set('Idempotency-Key', `self-check-${Math.random().toString(36).slice(2)}`);
      return (await getResponse(real, new Request(req.url, { method: 'POST', headers, body: await req.text() }))) ?? res;
    }),
    group: 'messages',
    check: 'reply →',
    fails: /replay: body|stored once/,
  },
  {
    name: "gives a recipient a source that is not its granted service's",
    alter: alterAnswers(async (req, res) => {
      if (!new URL(req.url).pathname.endsWith('/message-recipients') || res.status !== 200) return res;
      const body = await res.json();
      const other = { municipality: { number: '4627', name: 'Askøy' }, system: { id: 'askoy-epj', name: 'Askøy kommune, omsorgsjournal' } };
      for (const r of body.items) r.source = other;
      return new Response(JSON.stringify(body), { status: 200, headers: res.headers });
    }),
    group: 'messages',
    check: 'record sources: a recipient',
    fails: /says the source of its granted service/,
  },
  {
    name: 'answers mark-seen without lowering the unread count',
    alter: (real, baseUrl) => [
      http.put(`${baseUrl}/v1/subjects/:subject/threads/:thread/seen`, ({ params }) =>
        Response.json({ threadId: params.thread, unreadCount: 1, totalUnreadCount: 9 }, { headers: { 'Cache-Control': 'no-store' } }),
      ),
      ...real,
    ],
    group: 'messages',
    check: 'mark seen',
    fails: /unread in the thread after seeing/,
  },
  {
    name: 'accepts an .exe renamed .pdf (trusts the declared type)',
    alter: alterAnswers(async (req, res) => {
      if (req.method !== 'POST' || res.status !== 415) return res;
      const name = decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(req.headers.get('Content-Disposition') ?? '')?.[1] ?? 'x');
      const size = (await req.arrayBuffer()).byteLength;
      return Response.json({ id: 'att-self-check', filename: name, contentType: 'application/pdf', size }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
    }),
    group: 'messages',
    check: 'attachments: a PDF',
    fails: /expected 415 .*got 201/,
  },
  {
    name: 'gives relatives\' access on a stale sign-in (ignores auth_time)',
    alter: (real, baseUrl) => [
      http.post(`${baseUrl}/v1/subjects/:subject/relatives-access`, ({ request }) => {
        const headers = new Headers(request.headers);
        headers.set('Authorization', String(headers.get('Authorization')).replace(/\.auth-\d+$/, ''));
        return getResponse(real, new Request(request.url, { method: 'POST', headers, body: request.body, duplex: 'half' }));
      }),
      ...real,
    ],
    group: 'relatives',
    check: 'giving access needs a sign-in',
    fails: /expected 403 .*got 201/,
  },
  {
    name: 'says access was taken back but keeps serving the relative',
    alter: (real, baseUrl) => [
      http.delete(`${baseUrl}/v1/subjects/:subject/relatives-access/:id`, async ({ request }) => {
        const answer = await getResponse(real, request.clone());
        if (answer?.status !== 200) return answer;
        // Taken back, then quietly given again: the relative is still served.
        const taken = await answer.clone().json();
        const { createRegister } = await import('@omsorg/fixtures');
        const number = Object.values(createRegister(new Date())).find((p) => p.id === taken.relative.id)?.nationalIdentityNumber;
        const today = osloDate(new Date());
        const headers = new Headers(request.headers);
        headers.set('Content-Type', 'application/json');
        headers.set('Idempotency-Key', `self-check-${Math.random().toString(36).slice(2)}`);
        const body = JSON.stringify({ nationalIdentityNumber: number, scopes: taken.scopes, period: { start: today, end: today } });
        await getResponse(real, new Request(`${baseUrl}/v1/subjects/me/relatives-access`, { method: 'POST', headers, body }));
        return answer;
      }),
      ...real,
    ],
    group: 'relatives',
    check: 'give and take back',
    fails: /expected 404 .*got 200/,
  },
  {
    name: 'tells a confidential address from an unknown number',
    alter: alterAnswers(async (req, res) => {
      if (res.status !== 404 || !/\/person-lookup$/.test(new URL(req.url).pathname)) return res;
      const { createRegister } = await import('@omsorg/fixtures');
      if ((await req.clone().json()).nationalIdentityNumber !== createRegister(new Date()).nora.nationalIdentityNumber) return res;
      const body = await res.json();
      return Response.json({ ...body, detail: 'This person has a confidential address.' }, { status: 404, headers: res.headers });
    }),
    group: 'relatives',
    check: 'look-up by number',
    fails: /strictly equal/,
  },
  {
    name: 'answers bodies that break the schema (the mocks\' own `malformed` scenario)',
    scenario: 'malformed',
    group: 'reads',
    check: 'GET /v1/me',
    fails: /breaks the contract/,
  },
]);

describe('self-check: the suite\'s own copy of the contract\'s words', () => {
  it('equals @omsorg/contract (problem types, cancellable statuses, code systems)', async () => {
    const c = await import('@omsorg/contract');
    assert.deepEqual({ ...vocabulary.problemTypes }, { ...c.problemTypes });
    assert.deepEqual([...vocabulary.cancellableStatuses], [...c.cancellableStatuses]);
    assert.equal(vocabulary.cancellationReasons.system, c.cancellationReasons.system);
    assert.ok(vocabulary.cancellationReasons.aCode in c.cancellationReasons.codes);
    assert.equal(vocabulary.relations.system, c.relations.system);
    assert.equal(vocabulary.serviceTypes.system, c.serviceTypes.system);
    assert.ok('self' in c.relations.codes);
  });
});

describe('self-check: the suite fails when the mocks break a rule', () => {
  it('control: the checks used below pass on the intact mocks', async (t) => {
    for (const c of cases) {
      const target = await createMocksTarget();
      try {
        await check(c.group, c.check).run(createContext(target), t);
      } finally {
        await target.close();
      }
    }
  });

  for (const c of cases) {
    it(`caught: ${c.name} → "${c.check}…" fails`, async (t) => {
      const target = await createMocksTarget({ name: `mocks, broken: ${c.name}`, ...(c.alter ? { alter: c.alter } : {}), ...(c.scenario ? { scenario: c.scenario } : {}) });
      try {
        await assert.rejects(check(c.group, c.check).run(createContext(target), t), (err) => {
          assert.ok(err instanceof Error);
          assert.match(err.message, c.fails, `failed, but not for the broken rule: ${err.message}`);
          return true;
        });
      } finally {
        await target.close();
      }
    });
  }
});
