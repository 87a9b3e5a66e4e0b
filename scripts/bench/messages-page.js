// Messages bench page, bundled in memory by scripts/bench-messages.mjs from the *built* npm
// packages, as a consumer's bundler would. The data comes from the msw mocks' `large` scenario
// (500 threads, one of them 2,000 messages long), answered once through the mock handlers
// before timing starts and then served from memory, so the numbers are the elements' own work
// (parse, store, render, layout), not the mock server's.
import '@omsorg/elements/inbox/define.js';
import '@omsorg/elements/message-thread/define.js';
import { createClient, createMockAuth } from '@omsorg/sdk';
import { createMockApi, LARGE_INBOX, LARGE_THREAD } from '@omsorg/mocks';
import { getResponse } from 'msw';

const BASE = 'https://api.bench.invalid';
const api = createMockApi({ baseUrl: BASE, scenario: 'large' });
const auth = { authorization: 'Bearer mock-token-ola' };

/** Answers recorded once per URL (status, headers, body text), replayed as fresh Responses. */
const recorded = new Map();
async function record(path) {
  const res = await getResponse(api.handlers, new Request(`${BASE}${path}`, { headers: auth }));
  if (!res) throw new Error(`no mock answer for ${path}`);
  recorded.set(path, { status: res.status, headers: [...res.headers], body: await res.text() });
}

function benchFetch() {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    // The inbox asks for its first page; the bench answers with the whole inbox at once.
    const key = url.pathname.endsWith('/threads') && request.method === 'GET' ? '/v1/subjects/me/threads?limit=500' : url.pathname + url.search;
    const hit = recorded.get(key) ?? recorded.get(url.pathname);
    if (request.method !== 'GET' || !hit) {
      // Mark-seen and draft reads go to the mock handlers (small bodies).
      return (await getResponse(api.handlers, request)) ?? new Response(null, { status: 404 });
    }
    return new Response(hit.body, { status: hit.status, headers: hit.headers });
  };
}

let longThreadId;
async function prepare() {
  await record('/v1/me');
  await record('/v1/subjects/me/threads?limit=500');
  const page = JSON.parse(recorded.get('/v1/subjects/me/threads?limit=500').body);
  const long = page.items.find((t) => t.messageCount >= LARGE_THREAD);
  if (!long) throw new Error('no long thread in the large scenario');
  longThreadId = long.id;
  await record(`/v1/subjects/me/threads/${long.id}`);
  await record('/v1/subjects/me/message-recipients');
  return { threads: page.items.length, messages: long.messageCount, expectedThreads: LARGE_INBOX };
}

async function newClient() {
  const client = createClient({
    baseUrl: BASE,
    auth: createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false }),
    fetch: benchFetch(),
    retry: { retries: 0 },
    // No poll during the measurement.
    poll: { minMs: 3_600_000, maxMs: 3_600_000 },
  });
  await client.auth.init();
  return client;
}

const frame = () => new Promise((r) => requestAnimationFrame(r));

function waitFor(fn, what, ms = 60_000) {
  return new Promise((resolve, reject) => {
    const end = performance.now() + ms;
    const tick = () => {
      const v = fn();
      if (v) return resolve(v);
      if (performance.now() > end) return reject(new Error(`timed out: ${what}`));
      setTimeout(tick, 0);
    };
    tick();
  });
}

/**
 * Scrolls the page from top to bottom in steps of `step` px, one step per animation frame, and
 * returns each frame's duration (rAF to rAF): the frame time a reader sees while scrolling.
 */
async function scrollFrames(step = 300) {
  window.scrollTo(0, 0);
  await frame();
  const max = document.documentElement.scrollHeight - innerHeight;
  const times = [];
  let last = performance.now();
  for (let y = step; y <= max + step; y += step) {
    window.scrollTo(0, Math.min(y, max));
    await frame();
    const now = performance.now();
    times.push(now - last);
    last = now;
  }
  return { frames: times, height: max + innerHeight };
}

async function inbox() {
  const stage = document.getElementById('stage');
  stage.replaceChildren();
  const client = await newClient();
  const el = document.createElement('omsorg-inbox');
  el.client = client;
  const rows = () => el.shadowRoot?.querySelectorAll('[part~="thread-button"]').length ?? 0;
  const t0 = performance.now();
  stage.append(el);
  const n = await waitFor(() => (rows() >= LARGE_INBOX ? rows() : 0), `${LARGE_INBOX} thread rows`);
  await el.updateComplete;
  const tRendered = performance.now();
  void document.body.offsetHeight;
  const tLaidOut = performance.now();
  const scroll = await scrollFrames();
  return { rows: n, renderMs: tRendered - t0, layoutMs: tLaidOut - t0, nodes: el.shadowRoot.querySelectorAll('*').length, ...scroll };
}

async function thread() {
  const stage = document.getElementById('stage');
  stage.replaceChildren();
  const client = await newClient();
  const el = document.createElement('omsorg-message-thread');
  el.setAttribute('subject-id', 'me');
  el.setAttribute('thread-id', longThreadId);
  el.client = client;
  const shown = () => el.shadowRoot?.querySelectorAll('li[part~="message"]').length ?? 0;
  const t0 = performance.now();
  stage.append(el);
  await waitFor(() => shown() > 0, 'the first messages');
  await el.updateComplete;
  void document.body.offsetHeight;
  const tFirst = performance.now();
  const first = shown();
  // Everything: "show earlier" until all 2,000 are in the DOM (what a reader reaching back gets).
  const t1 = performance.now();
  for (;;) {
    const more = el.shadowRoot.querySelector('[part~="earlier-button"]');
    if (!more) break;
    more.click();
    await el.updateComplete;
  }
  void document.body.offsetHeight;
  const tAll = performance.now();
  const scroll = await scrollFrames();
  return { firstShown: first, firstMs: tFirst - t0, all: shown(), allMs: tAll - t1, nodes: el.shadowRoot.querySelectorAll('*').length, ...scroll };
}

window.omsorgMessagesBench = { prepare, inbox, thread, ready: true };
