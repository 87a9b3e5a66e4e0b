// Classic script that both load pages of `npm run bench` run first (scripts/bench.mjs serves it
// as /stub.js with the data filled in): the API without network variance. window.fetch answers
// https://api.bench.invalid/… in memory with the same 20 appointments (the mock fixtures') for
// omsorg and for the peer page; anything else goes to the real fetch. It also sets up
// window.omsorgLoad: `done` resolves once the page script calls `mark()` at its first rendered
// list item (a 'first-item' PerformanceMark), so the harness waits without polling the page.
(() => {
  const data = /*DATA*/ null;
  const API = 'https://api.bench.invalid';
  const realFetch = window.fetch.bind(window);
  const json = (body) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  window.fetch = async (input, init) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!href.startsWith(API)) return realFetch(input, init);
    const url = new URL(href);
    if (url.pathname.endsWith('/v1/me')) return json(data.me);
    if (url.pathname.endsWith('/appointments')) {
      return json(url.searchParams.get('when') === 'past' ? { items: [], nextCursor: null } : { items: data.appointments, nextCursor: null });
    }
    if (url.pathname.endsWith('/services')) return json({ items: [] });
    return new Response(null, { status: 404 });
  };
  let resolve;
  const done = new Promise((r) => (resolve = r));
  window.omsorgLoad = {
    api: API,
    done,
    mark(items) {
      if (performance.getEntriesByName('first-item').length) return;
      const m = performance.mark('first-item');
      // The frame that paints it: next animation frame, then the task after it.
      requestAnimationFrame(() => setTimeout(() => resolve({ items, painted: performance.now(), first: m.startTime })));
    },
  };
})();
