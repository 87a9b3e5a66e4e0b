/**
 * A small messages API on msw handlers, run in the page through msw's getResponse (no service
 * worker), so the SDK's own fetch path is tested against a server that keeps state: ETags and
 * 304, Idempotency-Key replay, closed threads, unread counts. Faults are injected per request.
 */
import { getResponse, http, HttpResponse } from 'msw';
import { problemTypes, type Message, type NewMessage, type NewThread, type ThreadDetail, type ThreadPage } from '@omsorg/contract';
import { BASE, message, thread } from './fixtures.js';

/**
 * `network`: fails before the server sees it; `lost`: the server handles it but the answer
 * never arrives; a number: that status (problem+json) without handling; `hang`: never answers.
 */
export type Fault = 'network' | 'lost' | 'hang' | number;

export interface Seen {
  method: string;
  path: string;
  headers: Headers;
  /** performance.now() when it was sent. */
  at: number;
  status?: number;
}

export function messageServer(options: { staffThread?: boolean } = {}) {
  let version = 1;
  const threads = new Map<string, ThreadDetail>();
  const first: ThreadDetail = { ...thread(), messages: [message()] };
  if (options.staffThread !== false) threads.set(first.id, first);
  const replies = new Map<string, { body: string; status: number; response: unknown }>();
  const requests: Seen[] = [];
  const faults: Fault[] = [];

  const problem = (status: number, type: string) =>
    HttpResponse.json({ type, title: `Title ${status}`, status }, { status, headers: { 'content-type': 'application/problem+json' } });

  const listEtag = () => `W/"list-${[...threads.values()].map((t) => t.version).join('.')}"`;
  const unread = () => [...threads.values()].reduce((n, t) => n + t.unreadCount, 0);
  const page = (): ThreadPage => ({
    items: [...threads.values()]
      .sort((a, b) => b.lastActivityAt.localeCompare(a.lastActivityAt))
      .map(({ messages: _, ...t }) => t),
    nextCursor: null,
    unreadCount: unread(),
  });

  /** Replays a known Idempotency-Key, refuses it with another body, or runs `fresh`. */
  async function idempotent(request: Request, fresh: (body: any) => Response): Promise<Response> {
    const key = request.headers.get('idempotency-key');
    if (!key) return problem(400, problemTypes.idempotencyKeyMissing);
    const body = await request.text();
    const seen = replies.get(key);
    if (seen) return seen.body === body ? HttpResponse.json(seen.response as object, { status: seen.status }) : problem(422, problemTypes.idempotencyKeyReused);
    const res = fresh(JSON.parse(body));
    if (res.status < 300) replies.set(key, { body, status: res.status, response: await res.clone().json() });
    return res;
  }

  const bump = (t: ThreadDetail, m: Message) => {
    t.messages.push(m);
    t.messageCount++;
    t.lastActivityAt = m.sentAt;
    t.lastMessage = { sender: m.sender, sentAt: m.sentAt, excerpt: m.text.slice(0, 200) };
    t.version = `tv${++version}`;
  };

  const sentAt = () => new Date(Date.UTC(2030, 2, 2, 8, 0, version)).toISOString();
  const me = { role: 'citizen' as const, name: 'Ola Nordmann', onBehalfOf: null, isCurrentUser: true };
  const base = `${BASE}/v1/subjects/:subject`;

  const handlers = [
    http.get(`${base}/threads`, ({ request }) => {
      const etag = listEtag();
      if (request.headers.get('if-none-match') === etag) return new HttpResponse(null, { status: 304, headers: { etag } });
      return HttpResponse.json(page(), { headers: { etag } });
    }),
    http.get(`${base}/threads/:id`, ({ request, params }) => {
      const t = threads.get(params.id as string);
      if (!t) return problem(404, problemTypes.notFound);
      const etag = `"${t.version}"`;
      if (request.headers.get('if-none-match') === etag) return new HttpResponse(null, { status: 304, headers: { etag } });
      return HttpResponse.json(structuredClone(t), { headers: { etag } });
    }),
    http.post(`${base}/threads/:id/messages`, ({ request, params }) =>
      idempotent(request, (body: NewMessage) => {
        const t = threads.get(params.id as string);
        if (!t) return problem(404, problemTypes.notFound);
        if (t.status === 'closed') return problem(409, problemTypes.threadClosed);
        if (!body.text?.trim()) return problem(400, problemTypes.validation);
        const m = message({ id: `m${++version}`, threadId: t.id, sentAt: sentAt(), sender: me, text: body.text, unread: false });
        bump(t, m);
        return HttpResponse.json(m, { status: 201 });
      }),
    ),
    http.post(`${base}/threads`, ({ request }) =>
      idempotent(request, (body: NewThread) => {
        if (body.grantedServiceId !== 'gs1') return problem(422, problemTypes.recipientNotAllowed);
        const id = `t${++version}`;
        const m = message({ id: `m${version}`, threadId: id, sentAt: sentAt(), sender: me, text: body.text, unread: false });
        const t: ThreadDetail = {
          ...thread({ id, version: `tv${version}`, title: body.title, createdAt: m.sentAt, unreadCount: 0, messageCount: 0 }),
          messages: [],
        };
        bump(t, m);
        threads.set(id, t);
        return HttpResponse.json(structuredClone(t), { status: 201, headers: { etag: `"${t.version}"` } });
      }),
    ),
    http.put(`${base}/threads/:id/seen`, async ({ request, params }) => {
      const t = threads.get(params.id as string);
      if (!t) return problem(404, problemTypes.notFound);
      const { upToMessageId } = (await request.json()) as { upToMessageId: string };
      const upTo = t.messages.findIndex((m) => m.id === upToMessageId);
      t.messages.forEach((m, i) => i <= upTo && (m.unread = false));
      t.unreadCount = t.messages.filter((m) => m.unread).length;
      t.version = `tv${++version}`;
      return HttpResponse.json({ threadId: t.id, unreadCount: t.unreadCount, totalUnreadCount: unread() });
    }),
  ];

  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const seen: Seen = { method: request.method, path: new URL(request.url).pathname, headers: request.headers, at: performance.now() };
    requests.push(seen);
    const fault = faults.shift();
    if (fault === 'network') throw new TypeError('Failed to fetch');
    if (fault === 'hang') return new Promise<Response>(() => {});
    if (typeof fault === 'number') {
      seen.status = fault;
      return problem(fault, fault === 401 ? problemTypes.unauthorized : problemTypes.unavailable);
    }
    if (!request.headers.get('authorization')) return problem(401, problemTypes.unauthorized);
    const res = (await getResponse(handlers, request)) ?? problem(404, problemTypes.notFound);
    seen.status = res.status;
    if (fault === 'lost') throw new TypeError('Failed to fetch');
    return res;
  }) as typeof globalThis.fetch;

  return {
    fetch,
    threads,
    requests,
    /** Faults for the next requests, in order. */
    fail: (...list: Fault[]) => faults.push(...list),
    /** Requests for `path` ending with `suffix` (and method). */
    calls: (method: string, suffix: string) => requests.filter((r) => r.method === method && r.path.endsWith(suffix)),
    /** The care service writes: a new unread message in a thread. */
    staffWrites(threadId: string, text: string) {
      const t = threads.get(threadId)!;
      bump(t, message({ id: `m${++version}`, threadId, sentAt: sentAt(), text, unread: true }));
      t.unreadCount++;
    },
  };
}
