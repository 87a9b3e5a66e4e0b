// The host pages' boot (like demo/boot-mocks.js): start the mock API (msw's service worker from
// /omsorg-mocks.js), then add the omsorg script tag(s) with data-auth="mock" data-api="/api".
//
// Settings come from this script's own tag (<script type="module" src="/host-boot.mjs" data-host-boot …>):
//   data-bundles="/omsorg.js /a/omsorg.js"  the CDN file(s) to add, in order, each after the
//                                           previous one has run (default /omsorg.js)
//   data-manual                             do not add them; the test calls hostBoot.load()
//   data-trusted-types="host-loader"        the page enforces Trusted Types: make script URLs
//                                           through this page-owned policy (see csp.test.mjs)
//   data-config="/x.json"                    put on each omsorg tag (its configuration file)
// `window.hostBoot` = { ready: Promise<void> (the mocks and the bundles are in), load(urls) }.
import { startMockWorker, persons } from '/omsorg-mocks.js';

const me = document.querySelector('script[data-host-boot]');
const d = me?.dataset ?? {};
const person = 'ola';
const api = '/api';

// A page that requires Trusted Types needs a TrustedScriptURL for `script.src` and for
// `navigator.serviceWorker.register()`. This is the host page's own loader policy (what a CMS's
// tag loader would have); it allows same-origin scripts only.
const policy =
  d.trustedTypes && globalThis.trustedTypes
    ? globalThis.trustedTypes.createPolicy(d.trustedTypes, {
        createScriptURL(value) {
          const u = new URL(value, location.href);
          if (u.origin !== location.origin) throw new TypeError(`host-loader: ${u.href} is not same-origin`);
          return u.href;
        },
      })
    : undefined;
const scriptUrl = (u) => (policy ? policy.createScriptURL(u) : u);

async function startMocks() {
  if (policy) {
    // msw calls navigator.serviceWorker.register(stringUrl) itself, which Trusted Types refuse.
    // msw reuses a registration of the same script once it controls the page, so register the
    // worker here with a TrustedScriptURL and wait for it to take control (it claims clients).
    await navigator.serviceWorker.register(scriptUrl('/mockServiceWorker.js'));
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  }
  return startMockWorker({ baseUrl: api, scenario: 'default', person });
}

function addBundle(src) {
  return new Promise((ok, ko) => {
    const tag = document.createElement('script');
    tag.type = 'module';
    Object.assign(tag.dataset, { omsorg: '', api, auth: 'mock', mockUser: person, mockName: persons[person]?.name ?? person });
    if (d.config !== undefined) tag.dataset.config = d.config;
    tag.addEventListener('load', () => ok(tag), { once: true });
    tag.addEventListener('error', () => ko(new Error(`could not load ${src}`)), { once: true });
    tag.src = scriptUrl(src);
    document.head.append(tag);
  });
}

async function load(urls = (d.bundles ?? '/omsorg.js').split(/\s+/).filter(Boolean)) {
  for (const u of urls) await addBundle(u);
}

const mocks = startMocks();
const ready = d.manual !== undefined ? mocks.then(() => {}) : mocks.then(() => load());
window.hostBoot = { ready, load, mocks };
ready.then(
  () => (document.documentElement.dataset.hostBoot = 'ready'),
  (e) => {
    document.documentElement.dataset.hostBoot = 'failed';
    console.error('[host-boot]', e);
  },
);
