// The demo's boot in SANDBOX mode (the default of `npm start`): the page, the API (/v1), the
// OpenID provider (/oidc) and the backend-for-frontend (/bff) share one origin, so the one
// omsorg script tag is configured from this page's own address. It is exactly the tag a
// municipality writes (see README.md), with the sandbox's URLs filled in:
// - when the sandbox runs the BFF (the default): data-auth="bff", the browser holds one HttpOnly
//   cookie and no token;
// - otherwise (`npm start -- --auth=browser`, or `?auth=browser` on the page, remembered for the
//   tab; `?auth=bff` goes back): sign-in in the browser with oidc-client-ts, code flow + PKCE at
//   idporten-loa-high, DPoP-bound tokens.
//
// The offline demo (`node scripts/serve-demo.mjs --offline`) serves boot-mocks.js at this
// address instead. A separate file and not an inline script: the page keeps a strict CSP.

const me = document.querySelector('script[data-omsorg-demo]');

if (location.hostname === 'localhost') {
  // The provider knows the demo by its 127.0.0.1 address (redirect URIs are compared exactly).
  const there = new URL(location.href);
  there.hostname = '127.0.0.1';
  location.replace(there.href);
} else {
  const origin = location.origin;

  // A service worker left by the offline demo on this origin would sit between the page and
  // the real API: remove it (it answers nothing for pages that did not start the mocks).
  navigator.serviceWorker
    ?.getRegistrations()
    .then((all) => Promise.all(all.map((r) => r.unregister())))
    .catch(() => {});

  // The demo bar: no mock pickers here, a note about the sandbox instead.
  document.documentElement.dataset.demoMode = 'sandbox';
  for (const el of document.querySelectorAll('[data-demo-mode]')) el.hidden = el.dataset.demoMode !== 'sandbox';

  const chosen = new URLSearchParams(location.search).get('auth');
  try {
    if (chosen === 'browser' || chosen === 'bff') sessionStorage.setItem('omsorg-demo-auth', chosen);
  } catch {
    // Storage disabled: the choice holds for this load only.
  }
  let wanted = chosen;
  try {
    wanted ??= sessionStorage.getItem('omsorg-demo-auth');
  } catch {
    // As above.
  }
  const bffRuns =
    wanted !== 'browser' &&
    (await fetch('/bff/session', { cache: 'no-store', credentials: 'same-origin' })
      .then((r) => r.ok && /json/.test(r.headers.get('content-type') ?? ''))
      .catch(() => false));

  const tag = document.createElement('script');
  tag.type = 'module';
  tag.src = '/omsorg.js';
  Object.assign(
    tag.dataset,
    bffRuns
      ? { omsorg: '', watchUnread: '', auth: 'bff' }
      : {
          omsorg: '',
          watchUnread: '',
          api: origin,
          auth: 'oidc',
          authority: `${origin}/oidc`,
          clientId: me?.dataset.clientId ?? 'omsorg-demo',
          resource: `${origin}/v1`,
          postLogoutRedirectUri: `${origin}/`,
          dpop: 'true',
        },
  );
  // A page with a configuration file (nynorsk.html): the attributes above win over the file's.
  if (me?.dataset.config) tag.dataset.config = me.dataset.config;
  document.documentElement.dataset.demoAuth = bffRuns ? 'bff' : 'browser';
  document.head.append(tag);
}
