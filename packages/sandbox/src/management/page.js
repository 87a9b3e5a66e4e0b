// @ts-check
/**
 * The management page (`/management`): the figures for management as charts (Chart.js, from
 * npm, served from this origin) with a table under each, and a CSV download. Signed in through
 * the BFF (`/bff/login`), the page reads `/bff/api/v1/management/figures`: the API decides who
 * may (the management role); a citizen gets the API's 403 and the page says so. No inline
 * script or style: the page's own script and style files, under a strict CSP.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cancellationReasons } from '@omsorg/contract';
import { html, sendPage } from '../http/dev-page.js';

/** Scripts and styles of this origin only; calls to this origin only (the BFF). */
export const MANAGEMENT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const PUBLIC = fileURLToPath(new URL('../../public/management/', import.meta.url));
// Chart.js's self-contained UMD build (no eval, no injected styles), beside its ES module entry.
const CHART_JS = join(dirname(fileURLToPath(import.meta.resolve('chart.js'))), 'chart.umd.min.js');

/** @type {Record<string, { file: string, type: string }>} */
const ASSETS = {
  '/management/figures.js': { file: join(PUBLIC, 'figures.js'), type: 'text/javascript; charset=utf-8' },
  '/management/figures.css': { file: join(PUBLIC, 'figures.css'), type: 'text/css; charset=utf-8' },
  '/management/chart.umd.min.js': { file: CHART_JS, type: 'text/javascript; charset=utf-8' },
};

const page = () =>
  html`<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Styringstall – Fjordvik kommune</title>
<link rel="stylesheet" href="/management/figures.css">
<script src="/management/chart.umd.min.js" defer></script>
<script type="module" src="/management/figures.js"></script>
</head>
<body>
<header>
  <h1>Styringstall for helse- og omsorgstjenestene</h1>
  <p>Tall per måned og tjeneste. Ingen person kan kjennes igjen: tall under 5 vises som «under 5», og tall som kunne regnes ut fra de andre, skjules også.</p>
  <div id="account"></div>
</header>
<main>
  <p id="status" role="status">Henter…</p>
  <div id="figures" hidden>
    <form id="period" method="get" action="/management">
      <label>Fra måned <input type="month" name="from" id="from"></label>
      <label>Til måned <input type="month" name="to" id="to"></label>
      <label>Tjeneste <select name="service" id="service"><option value="">Alle tjenester</option></select></label>
      <button type="submit">Vis</button>
      <a id="csv" href="/bff/api/v1/management/figures.csv" download>Last ned CSV</a>
    </form>
    <div id="charts"></div>
  </div>
  <dl id="reason-labels" hidden>${Object.entries(cancellationReasons.codes).map(([code, l]) => html`<dt>${code}</dt><dd>${l.nb}</dd>`)}</dl>
</main>
</body>
</html>`;

/**
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>}
 */
export function createManagementPage() {
  return async (req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendPage(res, 405, 'Bare GET.', { Allow: 'GET, HEAD' }, MANAGEMENT_CSP);
    if (path === '/management' || path === '/management/') return sendPage(res, 200, page(), {}, MANAGEMENT_CSP);
    const asset = ASSETS[path];
    if (!asset) return sendPage(res, 404, 'Finnes ikke.', {}, MANAGEMENT_CSP);
    const body = await readFile(asset.file);
    res.writeHead(200, {
      'Content-Type': asset.type,
      'Content-Length': String(body.length),
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': MANAGEMENT_CSP,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
