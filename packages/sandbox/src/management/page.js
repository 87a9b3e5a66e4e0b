// @ts-check
/**
 * The management page (`/management`): the figures for management as charts (Chart.js, from
 * npm, served from this origin) with a table under each, and a CSV download. Signed in through
 * the BFF (`/bff/login`), the page reads `/bff/api/v1/management/figures`: the API decides who
 * may (the management role); a citizen gets the API's 403 and the page says so. No inline
 * script or style: the page's own script and style files, under a strict CSP.
 *
 * In bokmål, nynorsk or English (texts.js): `?lang=nb|nn|en`, else the browser's
 * Accept-Language, else bokmål. The server renders the page's own texts; the script gets the
 * rest, the Intl locales and the reason labels as a JSON data block (`#texts`, not run).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cancellationReasons, lastFinishedMonth } from '@omsorg/contract';
import { Html, html, sendPage } from '../http/dev-page.js';
import { INTL_LOCALES, LANGUAGE_NAMES, LANGUAGES, pickLanguage, TEXTS } from './texts.js';

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

/**
 * JSON for a `<script type="application/json">` block: no `<` (so no `</script>` or `<!--`), `>`
 * or `&` in it, only their JSON escapes. The block is data, never run, so the CSP allows it.
 * @param {unknown} value
 */
const jsonForScript = (value) =>
  new Html(JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

/**
 * The page in `lang`. `query` is the request's: the language switch keeps its period and service.
 * `latest` is the last finished Oslo month: the month pickers offer no later one, as the API
 * publishes finished months only (the current month's counts still grow).
 * @param {import('./texts.js').Language} lang
 * @param {URLSearchParams} query
 * @param {string} latest
 */
const page = (lang, query, latest) => {
  const t = TEXTS[lang];
  /** @param {import('./texts.js').Language} l */
  const switchHref = (l) => {
    const kept = new URLSearchParams();
    for (const k of ['from', 'to', 'service']) {
      const v = query.get(k);
      if (v) kept.set(k, v);
    }
    kept.set('lang', l);
    return `?${kept}`;
  };
  /** What the page's script needs: the texts, the locales for Intl and the reason labels, in the page's language. */
  const data = {
    lang,
    locales: INTL_LOCALES[lang],
    texts: t,
    reasons: Object.fromEntries(Object.entries(cancellationReasons.codes).map(([code, l]) => [code, l[lang]])),
  };
  return html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.pageTitle}</title>
<link rel="stylesheet" href="/management/figures.css">
<script type="application/json" id="texts">${jsonForScript(data)}</script>
<script src="/management/chart.umd.min.js" defer></script>
<script type="module" src="/management/figures.js"></script>
</head>
<body>
<header>
  <nav id="languages" aria-label="${t.languageSwitch}"><ul>${LANGUAGES.map(
    (l) => html`<li><a href="${switchHref(l)}" lang="${l}" hreflang="${l}"${l === lang ? html` aria-current="true"` : ''}>${LANGUAGE_NAMES[l]}</a></li>`,
  )}</ul></nav>
  <h1>${t.heading}</h1>
  <p>${t.intro}</p>
  <div id="account"></div>
</header>
<main>
  <p id="status" role="status">${t.loading}</p>
  <div id="figures" hidden>
    <form id="period" method="get" action="/management">
      <input type="hidden" name="lang" value="${lang}">
      <label>${t.fromMonth} <input type="month" name="from" id="from" max="${latest}"></label>
      <label>${t.toMonth} <input type="month" name="to" id="to" max="${latest}"></label>
      <label>${t.service} <select name="service" id="service"><option value="">${t.allServices}</option></select></label>
      <button type="submit">${t.show}</button>
      <a id="csv" href="/bff/api/v1/management/figures.csv" download>${t.downloadCsv}</a>
      <p id="finished-months">${t.finishedMonthsOnly}</p>
    </form>
    <div id="charts"></div>
  </div>
</main>
</body>
</html>`;
};

/**
 * @param {{ now?: () => Date }} [options] the clock (the sandbox's, so a test can set the month)
 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>}
 */
export function createManagementPage({ now = () => new Date() } = {}) {
  return async (req, res) => {
    const target = req.url ?? '/';
    const path = target.split('?', 1)[0] ?? '/';
    const query = new URLSearchParams(target.slice(path.length + 1));
    const lang = pickLanguage(query.get('lang'), req.headers['accept-language']);
    const t = TEXTS[lang];
    // The page's language follows Accept-Language when the address names none.
    const language = { 'Content-Language': lang, Vary: 'Accept-Language' };
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendPage(res, 405, t.onlyGet, { Allow: 'GET, HEAD', ...language }, MANAGEMENT_CSP);
    if (path === '/management' || path === '/management/') return sendPage(res, 200, page(lang, query, lastFinishedMonth(now())), language, MANAGEMENT_CSP);
    const asset = ASSETS[path];
    if (!asset) return sendPage(res, 404, t.notFound, language, MANAGEMENT_CSP);
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
