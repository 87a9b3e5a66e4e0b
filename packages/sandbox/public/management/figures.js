// The management page's script (served by the sandbox at /management/figures.js; no build step).
// Signed in through the BFF; the figures come from /bff/api/v1/management/figures, which the API
// answers only for the management role. Every text from the server goes in through textContent.
/* global Chart */

const $ = (id) => document.getElementById(id);
const status = $('status');
const UNDER = 'under 5';

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
const nb = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('nb-NO', { style: 'percent', maximumFractionDigits: 0 });
const monthName = new Intl.DateTimeFormat('nb-NO', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthLabel = (m) => monthName.format(new Date(`${m}-15T12:00:00Z`));
const count = (v) => (isNumber(v) ? nb.format(v) : UNDER);
const share = (v) => (isNumber(v) ? percent.format(v) : UNDER);
const hours = (v) => (isNumber(v) ? `${nb.format(v)} t` : UNDER);
const forChart = (v) => (isNumber(v) ? v : null);

const reasonLabels = new Map(
  [...document.querySelectorAll('#reason-labels dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent ?? dt.textContent]),
);

const COLOURS = ['#1f5f8b', '#c2571a', '#2e7d32', '#6a3d9a', '#8c6d1f', '#b0245a', '#00796b'];

/** One chart in a figure, with the table that says the same under it. */
function chartFigure({ id, title, description, type, labels, series, table, stacked = false, yTitle }) {
  const canvas = el('canvas', { id: `chart-${id}`, role: 'img', 'aria-label': `${title}. ${description} Tallene står i tabellen under.` });
  const head = el('tr', {}, ...table.head.map((h) => el('th', { scope: 'col' }, h)));
  const body = table.rows.map((r) => el('tr', {}, el('th', { scope: 'row' }, r[0]), ...r.slice(1).map((c) => el('td', {}, c))));
  const tableEl = el('table', { id: `table-${id}` }, el('caption', {}, `${title} (tabell)`), el('thead', {}, head), el('tbody', {}, ...body));
  const figure = el('figure', { id: `figure-${id}` }, el('h2', {}, title), el('div', { class: 'chart' }, canvas), tableEl);
  $('charts').append(figure);
  new Chart(canvas, {
    type,
    data: {
      labels,
      datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: COLOURS[i % COLOURS.length], borderColor: COLOURS[i % COLOURS.length], spanGaps: false })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { stacked }, y: { stacked, beginAtZero: true, ...(yTitle ? { title: { display: true, text: yTitle } } : {}) } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

function render(figures, selected) {
  const rows = figures.rows.filter((r) => r.service === selected).sort((a, b) => (a.month < b.month ? -1 : 1));
  const labels = rows.map((r) => monthLabel(r.month));
  const service = figures.services.find((s) => s.id === selected);
  $('charts').replaceChildren();

  chartFigure({
    id: 'cancellations',
    title: 'Avbestillinger per måned',
    description: 'Søylediagram: avbestillinger på nett og på annen måte (av tjenesten, på telefon).',
    type: 'bar',
    stacked: true,
    labels,
    series: [
      { label: 'På nett', data: rows.map((r) => forChart(r.cancellations.online)) },
      { label: 'På annen måte', data: rows.map((r) => forChart(r.cancellations.other)) },
    ],
    table: {
      head: ['Måned', 'I alt', 'På nett', 'På annen måte', 'Andel på nett'],
      rows: rows.map((r, i) => [labels[i], count(r.cancellations.total), count(r.cancellations.online), count(r.cancellations.other), share(r.cancellations.onlineShare)]),
    },
  });

  chartFigure({
    id: 'deadline',
    title: 'Avbestilt før og etter fristen',
    description: 'Søylediagram: avbestillinger før og etter tjenestens frist.',
    type: 'bar',
    labels,
    series: [
      { label: 'Før fristen', data: rows.map((r) => forChart(r.cancellations.beforeDeadline)) },
      { label: 'Etter fristen', data: rows.map((r) => forChart(r.cancellations.afterDeadline)) },
    ],
    table: {
      head: ['Måned', 'Før fristen', 'Etter fristen'],
      rows: rows.map((r, i) => [labels[i], count(r.cancellations.beforeDeadline), count(r.cancellations.afterDeadline)]),
    },
  });

  const codes = rows[0]?.cancellations.reasons.map((x) => x.code) ?? [];
  chartFigure({
    id: 'reasons',
    title: 'Årsaker til avbestilling',
    description: 'Stablet søylediagram: avbestillinger per årsak og måned.',
    type: 'bar',
    stacked: true,
    labels,
    series: codes.map((code) => ({ label: reasonLabels.get(code) ?? code, data: rows.map((r) => forChart(r.cancellations.reasons.find((x) => x.code === code)?.count)) })),
    table: {
      head: ['Måned', ...codes.map((c) => reasonLabels.get(c) ?? c)],
      rows: rows.map((r, i) => [labels[i], ...codes.map((c) => count(r.cancellations.reasons.find((x) => x.code === c)?.count))]),
    },
  });

  chartFigure({
    id: 'answers',
    title: 'Tid til første svar på meldinger',
    description: `Linjediagram: median og 90-persentil i timer fra innbyggerens første melding til første svar.${service?.replyWorkingDays ? ` Lovet svartid: ${service.replyWorkingDays} arbeidsdager.` : ''}`,
    type: 'line',
    yTitle: 'Timer',
    labels,
    series: [
      { label: 'Median', data: rows.map((r) => forChart(r.messages.firstAnswerMedianHours)) },
      { label: '90-persentil', data: rows.map((r) => forChart(r.messages.firstAnswerP90Hours)) },
    ],
    table: {
      head: ['Måned', 'Tråder', 'Meldinger per tråd', 'Median', '90-persentil', 'Besvart innen lovet svartid'],
      rows: rows.map((r, i) => [labels[i], count(r.messages.threads), isNumber(r.messages.messagesPerThread) ? nb.format(r.messages.messagesPerThread) : UNDER, hours(r.messages.firstAnswerMedianHours), hours(r.messages.firstAnswerP90Hours), share(r.messages.withinPromiseShare)]),
    },
  });

  chartFigure({
    id: 'consent',
    title: 'Samtykke og pårørendes tilgang',
    description: 'Linjediagram: personer som har samtykket til digital dialog, og pårørende med tilgang, ved utgangen av måneden.',
    type: 'line',
    yTitle: 'Personer',
    labels,
    series: [
      { label: 'Har samtykket', data: rows.map((r) => forChart(r.consent.people)) },
      { label: 'Pårørende med tilgang', data: rows.map((r) => forChart(r.relatives.people)) },
    ],
    table: {
      head: ['Måned', 'Har samtykket', 'Pårørende med tilgang'],
      rows: rows.map((r, i) => [labels[i], count(r.consent.people), count(r.relatives.people)]),
    },
  });
}

async function signOut() {
  await fetch('/bff/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-Omsorg-Csrf': '1' } });
  location.assign('/management');
}

async function main() {
  const sessionRes = await fetch('/bff/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!sessionRes.ok) {
    say('Siden trenger innlogging gjennom BFF-en: start sandkassen med --bff (npm start gjør det).');
    return;
  }
  const session = await sessionRes.json();
  if (!session.signedIn) {
    say('Logg inn for å se styringstallene.');
    $('account').append(el('a', { href: '/bff/login?returnTo=%2Fmanagement', id: 'sign-in', class: 'button' }, 'Logg inn'));
    return;
  }
  const out = el('button', { type: 'button', id: 'sign-out' }, 'Logg ut');
  out.addEventListener('click', () => void signOut());
  $('account').append(el('span', { id: 'user' }, `Logget inn som ${session.user?.name ?? ''}`), ' ', out);

  const params = new URLSearchParams(location.search);
  const query = new URLSearchParams();
  for (const k of ['from', 'to']) if (params.get(k)) query.set(k, params.get(k));
  const res = await fetch(`/bff/api/v1/management/figures${query.size ? `?${query}` : ''}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (res.status === 403) {
    say('Du har ikke tilgang til styringstallene. De er bare for kommunens ledelse.');
    status.classList.add('refused');
    return;
  }
  if (!res.ok) {
    const problem = await res.json().catch(() => ({}));
    say(`Styringstallene kunne ikke hentes (${res.status}): ${problem.detail ?? 'prøv igjen senere.'}`);
    return;
  }
  const figures = await res.json();
  const selected = params.get('service') || null;
  const select = $('service');
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
  say(`Noe gikk galt: ${err instanceof Error ? err.message : String(err)}`);
});
