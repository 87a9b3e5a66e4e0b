// The demo's boot in OFFLINE mode (`node scripts/serve-demo.mjs --offline`, served at /boot.js):
// starts the mock API (msw's service worker, from omsorg-mocks.js) and only then adds the one
// omsorg script tag with data-auth="mock", so no API request escapes before the worker answers.
// A real page has just the omsorg tag (see README.md); the sandbox mode uses boot.js.
//
// Reads its settings from its own tag: data-api (default /api), data-mock-user, data-mock-name;
// and from the address: ?scenario=<msw scenario>&person=<ola|kari|per>.
import { startMockWorker, scenarioNames, persons, personKeys } from '/omsorg-mocks.js';

const me = document.querySelector('script[data-omsorg-demo]');
const params = new URLSearchParams(location.search);
const pick = (value, allowed, fallback) => (value && allowed.includes(value) ? value : fallback);

// The demo bar: the mock pickers, not the sandbox note.
document.documentElement.dataset.demoMode = 'offline';
for (const el of document.querySelectorAll('[data-demo-mode]')) el.hidden = el.dataset.demoMode !== 'offline';

const api = me?.dataset.api ?? '/api';
const scenario = pick(params.get('scenario'), scenarioNames, 'default');
const person = pick(params.get('person'), personKeys, me?.dataset.mockUser ?? 'ola');

// Fill the demo bar's pickers (plain GET form: choosing and pressing the button reloads).
function fill(select, values, current, label = (v) => v) {
  if (!select) return;
  select.replaceChildren(...values.map((v) => new Option(label(v), v, v === current, v === current)));
}
fill(document.getElementById('demo-scenario'), [...scenarioNames], scenario);
fill(document.getElementById('demo-person'), [...personKeys], person, (k) => persons[k]?.name ?? k);

// Switching person signs the previous mock person out (the mock session remembers a name).
try {
  if (sessionStorage.getItem('fjordvik.person') !== person) {
    sessionStorage.removeItem('omsorg.mock-auth');
    sessionStorage.setItem('fjordvik.person', person);
  }
} catch {
  // Storage disabled: nothing remembered anyway.
}

try {
  await startMockWorker({ baseUrl: api, scenario, person });
} catch (e) {
  console.error('[demo] the mock API could not start (service workers need http://127.0.0.1 or https).', e);
}

const tag = document.createElement('script');
tag.type = 'module';
tag.src = '/omsorg.js';
Object.assign(tag.dataset, {
  omsorg: '',
  watchUnread: '',
  api,
  auth: 'mock',
  mockUser: person,
  mockName: persons[person]?.name ?? me?.dataset.mockName ?? person,
  // A page with a configuration file (nynorsk.html): the attributes above win over the file's.
  ...(me?.dataset.config ? { config: me.dataset.config } : {}),
});
document.head.append(tag);
