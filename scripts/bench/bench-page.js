// Bench page logic, bundled in memory by scripts/bench.mjs from the *built* npm packages
// (@omsorg/elements/define.js and @omsorg/sdk dist), as a consumer's bundler would.
// `window.omsorgBench.run(n)` renders one <omsorg-appointment-list> for a fresh client whose
// fetch answers with n appointments, and returns timings measured inside the page.
import '@omsorg/elements/define.js';
import { createClient, createMockAuth } from '@omsorg/sdk';

const json = (body) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

let data;
async function load() {
  data ??= await (await fetch('/data.json')).json();
  return data;
}

function benchFetch(d, n) {
  // The page of n appointments as the server would send it: serialised once, here, since
  // JSON.stringify is the server's work (10 ms a run for 500 items, counted against the element
  // until 2026-12-03). Parsing it stays in the measurement.
  const page = JSON.stringify({ items: d.appointments.slice(0, n), nextCursor: null });
  const answer = (body) => new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  return async (input) => {
    const url = new URL(typeof input === 'string' ? input : input.url);
    if (url.pathname.endsWith('/v1/me')) return json(d.me);
    if (url.pathname.endsWith('/appointments')) return url.searchParams.get('when') === 'past' ? json({ items: [], nextCursor: null }) : answer(page);
    if (url.pathname.endsWith('/services')) return json({ items: [] });
    return new Response(null, { status: 404 });
  };
}

function waitForItems(el, n) {
  const count = () => el.shadowRoot?.querySelectorAll('[part~="item"]').length ?? 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${count()} of ${n} items after 30 s`)), 30_000);
    const check = () => {
      if (count() >= n) {
        clearTimeout(timer);
        observer.disconnect();
        resolve();
      }
    };
    const observer = new MutationObserver(check);
    // The shadow root exists once the element is connected (it is upgraded on append).
    observer.observe(el.shadowRoot ?? el, { childList: true, subtree: true });
    check();
  });
}

async function run(n) {
  const d = await load();
  const stage = document.getElementById('stage');
  stage.replaceChildren();
  const client = createClient({
    baseUrl: 'https://api.bench.invalid',
    auth: createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false }),
    fetch: benchFetch(d, n),
    retry: { retries: 0 },
  });
  await client.auth.init();
  // A page of the contract holds at most 100 appointments, and the SDK cuts a longer answer to
  // the limit it asked for. To render n at once, the bench's list asks without a limit and the
  // stub answers with all n in one page.
  const list = client.listAppointments;
  client.listAppointments = (query, options) => list({ ...query, limit: undefined }, options);
  const el = document.createElement('omsorg-appointment-list');
  el.setAttribute('page-size', '100');
  el.client = client;

  const t0 = performance.now();
  stage.append(el);
  await waitForItems(el, n);
  await el.updateComplete;
  const tRendered = performance.now();
  // Style and layout of the rendered list (what the user waits for before the first paint).
  void el.getBoundingClientRect().height;
  void document.body.offsetHeight;
  const tLaidOut = performance.now();
  const items = el.shadowRoot.querySelectorAll('[part~="item"]').length;
  return { items, renderMs: tRendered - t0, layoutMs: tLaidOut - t0, nodes: el.shadowRoot.querySelectorAll('*').length };
}

window.omsorgBench = { run, ready: true };
