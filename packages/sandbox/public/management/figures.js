// The management page's script (served by the sandbox at /management/figures.js; no build step).
// Signed in through the BFF; the figures come from /bff/api/v1/management/figures, which the API
// answers only for the management role. Every text from the server goes in through textContent.
// The page's texts, in the page's language, come from the server as a JSON data block (#texts;
// src/management/texts.js), with the locales for Intl and the cancellation reasons' labels.
/* global Chart */

const $ = (id) => document.getElementById(id);
const status = $('status');
const { texts: T, locales, reasons } = JSON.parse($('texts').textContent);
/** `T[key]` with each `{name}` replaced by `values[name]`. */
const t = (key, values = {}) => T[key].replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
// The first of the page's locales this browser has (nynorsk falls back to bokmål), for Intl and Chart.js.
const locale = Intl.NumberFormat.supportedLocalesOf(locales)[0] ?? 'nb-NO';
const UNDER = t('under5');

const say = (text) => {
  status.textContent = text;
  status.hidden = false;
};

/** An element with text and attributes (no HTML parsing). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') node.className = v;
    else if (v !== undefined && v !== null) node.setAttribute(k, String(v));
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

const isNumber = (v) => typeof v === 'number';
const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
const monthName = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
const plural = new Intl.PluralRules(locale);
const monthLabel = (m) => monthName.format(new Date(`${m}-15T12:00:00Z`));
const count = (v) => (isNumber(v) ? number.format(v) : UNDER);
const share = (v) => (isNumber(v) ? percent.format(v) : UNDER);
const hours = (v) => (isNumber(v) ? t('hours', { value: number.format(v) }) : UNDER);
const forChart = (v) => (isNumber(v) ? v : null);

const reasonLabels = new Map(Object.entries(reasons));

const COLOURS = ['#1f5f8b', '#c2571a', '#2e7d32', '#6a3d9a', '#8c6d1f', '#b0245a', '#00796b'];

/** One chart in a figure, with the table that says the same under it. */
function chartFigure({ id, title, description, note, type, labels, series, table, stacked = false, yTitle }) {
  const canvas = el('canvas', { id: `chart-${id}`, role: 'img', 'aria-label': t('chartLabel', { title, description: note ? `${description} ${note}` : description }) });
  const head = el('tr', {}, ...table.head.map((h) => el('th', { scope: 'col' }, h)));
  const body = table.rows.map((r) => el('tr', {}, el('th', { scope: 'row' }, r[0]), ...r.slice(1).map((c) => el('td', {}, c))));
  const tableEl = el('table', { id: `table-${id}` }, el('caption', {}, t('tableCaption', { title })), el('thead', {}, head), el('tbody', {}, ...body));
  // A note that changes how the numbers are read (the rounding) stands under the heading, in words.
  const noteEl = note ? [el('p', { id: `note-${id}`, class: 'note' }, note)] : [];
  const figure = el('figure', { id: `figure-${id}` }, el('h2', {}, title), ...noteEl, el('div', { class: 'chart' }, canvas), tableEl);
  $('charts').append(figure);
  new Chart(canvas, {
    type,
    data: {
      labels,
      datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: COLOURS[i % COLOURS.length], borderColor: COLOURS[i % COLOURS.length], spanGaps: false })),
    },
    options: {
      locale,
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { stacked }, y: { stacked, beginAtZero: true, ...(yTitle ? { title: { display: true, text: yTitle } } : {}) } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

/** The promised reply time, "1 working day" or "2 working days" as the language says it. */
const promise = (days) => t(plural.select(days) === 'one' ? 'promiseOne' : 'promiseOther', { days: number.format(days) });

function render(figures, selected) {
  const rows = figures.rows.filter((r) => r.service === selected).sort((a, b) => (a.month < b.month ? -1 : 1));
  const labels = rows.map((r) => monthLabel(r.month));
  const service = figures.services.find((s) => s.id === selected);
  $('charts').replaceChildren();

  chartFigure({
    id: 'cancellations',
    title: t('cancellationsTitle'),
    description: t('cancellationsDescription'),
    type: 'bar',
    stacked: true,
    labels,
    series: [
      { label: t('online'), data: rows.map((r) => forChart(r.cancellations.online)) },
      { label: t('otherwise'), data: rows.map((r) => forChart(r.cancellations.other)) },
    ],
    table: {
      head: [t('month'), t('total'), t('online'), t('otherwise'), t('onlineShare')],
      rows: rows.map((r, i) => [labels[i], count(r.cancellations.total), count(r.cancellations.online), count(r.cancellations.other), share(r.cancellations.onlineShare)]),
    },
  });

  chartFigure({
    id: 'deadline',
    title: t('deadlineTitle'),
    description: t('deadlineDescription'),
    type: 'bar',
    labels,
    series: [
      { label: t('beforeDeadline'), data: rows.map((r) => forChart(r.cancellations.beforeDeadline)) },
      { label: t('afterDeadline'), data: rows.map((r) => forChart(r.cancellations.afterDeadline)) },
    ],
    table: {
      head: [t('month'), t('beforeDeadline'), t('afterDeadline')],
      rows: rows.map((r, i) => [labels[i], count(r.cancellations.beforeDeadline), count(r.cancellations.afterDeadline)]),
    },
  });

  const codes = rows[0]?.cancellations.reasons.map((x) => x.code) ?? [];
  chartFigure({
    id: 'reasons',
    title: t('reasonsTitle'),
    description: t('reasonsDescription'),
    type: 'bar',
    stacked: true,
    labels,
    series: codes.map((code) => ({ label: reasonLabels.get(code) ?? code, data: rows.map((r) => forChart(r.cancellations.reasons.find((x) => x.code === code)?.count)) })),
    table: {
      head: [t('month'), ...codes.map((c) => reasonLabels.get(c) ?? c)],
      rows: rows.map((r, i) => [labels[i], ...codes.map((c) => count(r.cancellations.reasons.find((x) => x.code === c)?.count))]),
    },
  });

  chartFigure({
    id: 'answers',
    title: t('answersTitle'),
    description: service?.replyWorkingDays ? `${t('answersDescription')} ${promise(service.replyWorkingDays)}` : t('answersDescription'),
    type: 'line',
    yTitle: t('hoursAxis'),
    labels,
    series: [
      { label: t('median'), data: rows.map((r) => forChart(r.messages.firstAnswerMedianHours)) },
      { label: t('p90'), data: rows.map((r) => forChart(r.messages.firstAnswerP90Hours)) },
    ],
    table: {
      head: [t('month'), t('threads'), t('messagesPerThread'), t('median'), t('p90'), t('withinPromise')],
      rows: rows.map((r, i) => [labels[i], count(r.messages.threads), isNumber(r.messages.messagesPerThread) ? number.format(r.messages.messagesPerThread) : UNDER, hours(r.messages.firstAnswerMedianHours), hours(r.messages.firstAnswerP90Hours), share(r.messages.withinPromiseShare)]),
    },
  });

  chartFigure({
    id: 'consent',
    title: t('consentTitle'),
    description: t('consentDescription'),
    // Stock counts are rounded to 5 (the rules core's shownStock), so that two months' difference names no one.
    note: t('roundedNote'),
    type: 'line',
    yTitle: t('peopleAxis'),
    labels,
    series: [
      { label: t('consented'), data: rows.map((r) => forChart(r.consent.people)) },
      { label: t('relatives'), data: rows.map((r) => forChart(r.relatives.people)) },
    ],
    table: {
      head: [t('month'), t('consented'), t('relatives')],
      rows: rows.map((r, i) => [labels[i], count(r.consent.people), count(r.relatives.people)]),
    },
  });
}

/** This page's address, its query (language, period, service) kept. */
const here = () => `/management${location.search}`;

async function signOut() {
  await fetch('/bff/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-Omsorg-Csrf': '1' } });
  location.assign(here());
}

async function main() {
  const sessionRes = await fetch('/bff/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!sessionRes.ok) {
    say(t('needsBff'));
    return;
  }
  const session = await sessionRes.json();
  if (!session.signedIn) {
    say(t('signInToSee'));
    $('account').append(el('a', { href: `/bff/login?${new URLSearchParams({ returnTo: here() })}`, id: 'sign-in', class: 'button' }, t('signIn')));
    return;
  }
  const out = el('button', { type: 'button', id: 'sign-out' }, t('signOut'));
  out.addEventListener('click', () => void signOut());
  $('account').append(el('span', { id: 'user' }, t('signedInAs', { name: session.user?.name ?? '' })), ' ', out);

  const params = new URLSearchParams(location.search);
  const query = new URLSearchParams();
  for (const k of ['from', 'to']) if (params.get(k)) query.set(k, params.get(k));
  const res = await fetch(`/bff/api/v1/management/figures${query.size ? `?${query}` : ''}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (res.status === 403) {
    say(t('refused'));
    status.classList.add('refused');
    return;
  }
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}));
    say(t('fetchFailed', { status: res.status, detail: problem.detail ?? t('tryLater') }));
    return;
  }
  const figures = await res.json();
  const selected = params.get('service') || null;
  const select = $('service');
  // A service's name is the municipality's own for its unit (one language, from its records), shown as it is.
  for (const s of figures.services) select.append(el('option', { value: s.id }, s.name));
  select.value = selected ?? '';
  $('from').value = figures.from;
  $('to').value = figures.to;
  $('csv').setAttribute('href', `/bff/api/v1/management/figures.csv?${new URLSearchParams({ from: figures.from, to: figures.to })}`);
  status.hidden = true;
  $('figures').hidden = false;
  render(figures, figures.services.some((s) => s.id === selected) ? selected : null);
  document.documentElement.dataset.figures = 'ready';
}

main().catch((err) => {
  say(t('failed', { message: err instanceof Error ? err.message : String(err) }));
});
