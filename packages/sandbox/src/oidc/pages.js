// @ts-check
/**
 * The development provider's own pages (login with test persons, sign-out, errors). Plain HTML
 * forms, no script, no external resources; one inline stylesheet allowed by its hash in a strict
 * Content-Security-Policy. Bokmål, as ID-porten's pages.
 */
import { createHash } from 'node:crypto';

const STYLE = `
:root{color-scheme:light;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5}
body{margin:0;padding:1.5rem 1rem;background:#fff;color:#1a1a1a}
main{max-width:28rem;margin:0 auto}
h1{font-size:1.5rem;margin:0 0 .5rem}
.note{border-left:4px solid #c8102e;padding:.25rem .75rem;margin:1rem 0}
ul{list-style:none;margin:1rem 0;padding:0;display:grid;gap:.5rem}
form{margin:0}
button{font:inherit;width:100%;min-height:44px;padding:.5rem 1rem;border:2px solid #1e2b3c;border-radius:6px;background:#1e2b3c;color:#fff;cursor:pointer;text-align:left}
button.secondary{background:transparent;color:inherit;border-color:currentColor}
button:focus-visible{outline:3px solid #ff9100;outline-offset:2px}
small{display:block;opacity:.8}
`.trim();

const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/**
 * @param {unknown} value
 * @returns {string}
 */
export function escapeHtml(value) {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The Content-Security-Policy of every page here: nothing may load, only the inline stylesheet;
 * forms post to this origin and (through the redirect chain that follows a login or sign-out)
 * to the clients' origins.
 * @param {readonly string[]} formOrigins
 */
export function contentSecurityPolicy(formOrigins = []) {
  const formAction = ["'self'", ...new Set(formOrigins)].join(' ');
  return `default-src 'none'; style-src ${STYLE_HASH}; img-src 'none'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`;
}

/** Headers for every HTML page here (besides the CSP). */
export const PAGE_HEADERS = Object.freeze({
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
});

/**
 * @param {string} title
 * @param {string} body
 */
function page(title, body) {
  return `<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/**
 * The login page: one form (POST, no script) per test person.
 * @param {{ persons: readonly { id: string, name: string }[], loginAction: string, abortAction: string, clientName?: string }} opts
 */
export function loginPage({ persons, loginAction, abortAction, clientName }) {
  const items = persons
    .map(
      (p) => `<li><form method="post" action="${escapeHtml(loginAction)}">` +
        `<input type="hidden" name="person" value="${escapeHtml(p.id)}">` +
        `<button type="submit" name="choose" value="${escapeHtml(p.id)}">${escapeHtml(p.name)}</button></form></li>`,
    )
    .join('\n');
  return page(
    'Logg inn – testpersoner (omsorg sandkasse)',
    `<h1>Logg inn</h1>
<p>Velg en testperson${clientName ? ` for å logge inn i <strong>${escapeHtml(clientName)}</strong>` : ''}.</p>
<p class="note">Dette er utviklingsinnloggingen i omsorg-sandkassen, ikke ID-porten. Personene er fiktive; innloggingen gir sikkerhetsnivå høyt (idporten-loa-high).</p>
<ul>
${items}
</ul>
<form method="post" action="${escapeHtml(abortAction)}"><button type="submit" class="secondary">Avbryt</button></form>`,
  );
}

/**
 * The sign-out confirmation; `form` is oidc-provider's hidden form (with its xsrf token).
 * @param {string} form
 */
export function logoutPage(form) {
  return page(
    'Logg ut – omsorg sandkasse',
    `<h1>Logg ut</h1>
<p>Vil du logge ut av sandkassens testinnlogging?</p>
${form}
<ul>
<li><button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, logg ut</button></li>
<li><button type="submit" form="op.logoutForm" class="secondary">Nei, forbli innlogget</button></li>
</ul>`,
  );
}

export function loggedOutPage() {
  return page('Logget ut – omsorg sandkasse', '<h1>Du er logget ut</h1>\n<p>Du kan lukke dette vinduet.</p>');
}

/**
 * @param {string} heading
 * @param {string} [detail]
 */
export function errorPage(heading, detail) {
  return page(
    'Feil – omsorg sandkasse',
    `<h1>${escapeHtml(heading)}</h1>${detail ? `\n<p>${escapeHtml(detail)}</p>` : ''}`,
  );
}
