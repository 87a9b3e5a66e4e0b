// The peer embed of `npm run bench`: Shoelace 2 components doing about what
// <omsorg-appointment-list> does: fetch the signed-in person and their upcoming appointments
// (the same in-memory API stub and 20 appointments as the omsorg page), render a filter
// <sl-select> (2 <sl-option>s), one <sl-card> per appointment (time, description, service,
// place, an "Avbestill" <sl-button> when it can be cancelled) and a closed confirm <sl-dialog>
// with two <sl-button>s; the light theme's tokens are adopted by the document.
// Cherry-picked component imports; bundled and minified by scripts/bench.mjs with the CDN's
// settings. Marks 'first-item' when the first card has rendered its shadow DOM.
import '@shoelace-style/shoelace/dist/components/card/card.js';
import '@shoelace-style/shoelace/dist/components/button/button.js';
import '@shoelace-style/shoelace/dist/components/dialog/dialog.js';
import '@shoelace-style/shoelace/dist/components/select/select.js';
import '@shoelace-style/shoelace/dist/components/option/option.js';
import light from '@shoelace-style/shoelace/dist/themes/light.styles.js';

const { api, mark } = window.omsorgLoad;
document.adoptedStyleSheets = [...document.adoptedStyleSheets, light.styleSheet];
document.documentElement.classList.add('sl-theme-light');

const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') e.textContent = v;
    else if (k in e && typeof v !== 'string') e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
};
const get = async (path) => {
  const res = await fetch(`${api}${path}`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
};

const host = document.getElementById('peer');
host.append(el('p', { text: 'Laster avtaler …' }));
const me = await get('/v1/me');
const subject = me.subjects[0].id;
const { items } = await get(`/v1/subjects/${encodeURIComponent(subject)}/appointments?when=upcoming&limit=20`);

const day = new Intl.DateTimeFormat('nb-NO', { weekday: 'long', day: 'numeric', month: 'long' });
const time = new Intl.DateTimeFormat('nb-NO', { hour: '2-digit', minute: '2-digit' });
const dialog = el(
  'sl-dialog',
  { label: 'Avbestille avtalen?' },
  el('p', { text: 'Avtalen blir avbestilt.' }),
  el('sl-button', { slot: 'footer', variant: 'default', text: 'Behold' }),
  el('sl-button', { slot: 'footer', variant: 'danger', text: 'Avbestill' }),
);
const select = el(
  'sl-select',
  { label: 'Vis', value: 'upcoming', size: 'small' },
  el('sl-option', { value: 'upcoming', text: 'Kommende' }),
  el('sl-option', { value: 'past', text: 'Tidligere' }),
);
const list = el('ul', { role: 'list', class: 'items' });
const cards = items.map((a) => {
  const start = new Date(a.start);
  const card = el(
    'sl-card',
    {},
    el('strong', { slot: 'header', text: `${day.format(start)} ${time.format(start)}–${time.format(new Date(a.end))}` }),
    el('p', { text: a.description ?? '' }),
    el('p', { text: `${a.careService?.name ?? ''} · ${a.location?.name ?? ''}` }),
  );
  if (a.status === 'booked') {
    const b = el('sl-button', { slot: 'footer', size: 'small', variant: 'default', text: 'Avbestill' });
    b.addEventListener('click', () => dialog.show());
    card.append(b);
  }
  list.append(el('li', {}, card));
  return card;
});
host.replaceChildren(el('h2', { text: `Avtaler for ${me.person?.name ?? ''}` }), select, list, dialog);
await cards[0].updateComplete;
if (cards[0].shadowRoot?.querySelector('[part~="base"]')) mark(cards.length);
