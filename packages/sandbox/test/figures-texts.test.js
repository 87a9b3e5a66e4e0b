// @ts-check
// The management page's languages (src/management/texts.js, page.js): three text tables with the
// same keys and placeholders and no empty text, nynorsk that is nynorsk, and the page in the
// language `?lang=` or Accept-Language asks for. The page's handler alone, on a port of its own
// (no database: the page is static until its script runs; the browser test runs that).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { cancellationReasons } from '@omsorg/contract';
import { createManagementPage } from '../src/management/page.js';
import { DEFAULT_LANGUAGE, INTL_LOCALES, LANGUAGES, languageFromAcceptLanguage, pickLanguage, TEXTS } from '../src/management/texts.js';

/** The `{name}`s of a text, sorted. @param {string} text */
const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the text tables', () => {
  it('has bokmål, nynorsk and English, with exactly the same keys', () => {
    assert.deepEqual([...LANGUAGES], ['nb', 'nn', 'en']);
    assert.deepEqual(Object.keys(TEXTS).sort(), ['en', 'nb', 'nn']);
    const keys = Object.keys(TEXTS.nb).sort();
    assert.ok(keys.length > 40, `the page's texts (${keys.length})`);
    for (const lang of LANGUAGES) assert.deepEqual(Object.keys(TEXTS[lang]).sort(), keys, lang);
  });

  it('has no empty text, and the same placeholders for a key in every language', () => {
    for (const lang of LANGUAGES) {
      for (const [key, text] of Object.entries(TEXTS[lang])) {
        assert.equal(typeof text, 'string', `${lang}.${key}`);
        assert.notEqual(text.trim(), '', `${lang}.${key} is empty`);
        assert.equal(text, text.trim(), `${lang}.${key} has spaces at an end`);
        assert.deepEqual(placeholders(text), placeholders(TEXTS.nb[/** @type {keyof typeof TEXTS.nb} */ (key)]), `${lang}.${key}: its {placeholders}`);
      }
    }
  });

  it('has nynorsk that is not bokmål, and English that is not Norwegian', () => {
    // Bokmål forms that nynorsk spells otherwise (tal, teneste, ikkje, frå, månad, berre, …).
    const bokmaal = /\b(ikke|tall|tallene|tjeneste|tjenester|tjenesten|tjenestene|tjenestens|fra|måned|måneden|henter|hentes|bare|noe|gikk|siden|meldinger|personer|timer|senere|lovet|besvart|pårørende|pårørendes|samtykket|avbestillinger|vises|skjules|kjennes|regnes|innbyggerens|annen|gjør|stablet)\b/i;
    for (const [key, text] of Object.entries(TEXTS.nn)) assert.doesNotMatch(text, bokmaal, `nn.${key}: ${text}`);
    assert.equal(TEXTS.nn.pageTitle, 'Styringstal – Fjordvik kommune');
    assert.equal(TEXTS.nn.loading, 'Hentar…');
    assert.match(TEXTS.nn.allServices, /tenester/);
    assert.match(TEXTS.nn.refused, /ikkje/);
    const norwegian = /[æøå]|\b(og|ikke|ikkje|tall|tal|per måned|tjeneste)\b/i;
    for (const [key, text] of Object.entries(TEXTS.en)) assert.doesNotMatch(text, norwegian, `en.${key}: ${text}`);
  });

  it('has no text that neither the page nor its script uses', () => {
    // page.js reads `t.key`; figures.js `t('key', …)` (or names the key as a string: 'promiseOne').
    const sources = ['../src/management/page.js', '../public/management/figures.js'].map((f) => readFileSync(new URL(f, import.meta.url), 'utf8')).join('\n');
    const unused = Object.keys(TEXTS.nb).filter((key) => !new RegExp(`\\bt\\.${key}\\b|'${key}'`).test(sources));
    assert.deepEqual(unused, []);
  });

  it('has Intl locales per language, nynorsk falling back to bokmål', () => {
    assert.deepEqual(INTL_LOCALES, { nb: ['nb-NO'], nn: ['nn-NO', 'nb-NO'], en: ['en-GB'] });
  });
});

describe('the language choice', () => {
  it('takes ?lang= first, when it names a language the page has', () => {
    assert.equal(pickLanguage('nn', 'en'), 'nn');
    assert.equal(pickLanguage('en', 'nn'), 'en');
    assert.equal(pickLanguage('nb', 'en'), 'nb');
    assert.equal(pickLanguage('NN', null), 'nn');
    assert.equal(pickLanguage('en-GB', null), 'en');
    assert.equal(pickLanguage('no', 'en'), 'nb');
    // Anything else is as good as no ?lang= at all.
    assert.equal(pickLanguage('fr', 'nn'), 'nn');
    assert.equal(pickLanguage('', 'en'), 'en');
    assert.equal(pickLanguage('nnx', 'en'), 'en');
  });

  it('else takes the first of Accept-Language that the page has, by quality', () => {
    /** @type {[string, string | undefined][]} */
    const cases = [
      ['nn-NO', 'nn'],
      ['nb-NO,nb;q=0.9,no;q=0.8,nn;q=0.7,en-US;q=0.6,en;q=0.5', 'nb'],
      ['no', 'nb'],
      ['en-GB,en;q=0.9', 'en'],
      ['de-DE,de;q=0.9,en;q=0.8,nb;q=0.7', 'en'],
      ['en;q=0.5, nn;q=0.9', 'nn'],
      ['nn;q=0, en', 'en'],
      ['en;q=0.8,nn;q=0.8', 'en'],
      ['de,fr', undefined],
      ['*', undefined],
      ['', undefined],
      ['nn;q=abc', undefined],
    ];
    for (const [header, want] of cases) assert.equal(languageFromAcceptLanguage(header), want, header);
    assert.equal(pickLanguage(null, 'en-US,en;q=0.9'), 'en');
    assert.equal(pickLanguage(undefined, 'nn'), 'nn');
  });

  it('else bokmål', () => {
    assert.equal(DEFAULT_LANGUAGE, 'nb');
    assert.equal(pickLanguage(null, null), 'nb');
    assert.equal(pickLanguage(null, 'de-DE,fr;q=0.5'), 'nb');
    assert.equal(pickLanguage('sv', '*'), 'nb');
  });
});

describe('the page in each language', () => {
  /** @type {import('node:http').Server} */
  let server;
  /** @type {string} */
  let base;
  before(async () => {
    // 1 March 00:30 Oslo (still 28 February in UTC): February is the last finished month.
    const handle = createManagementPage({ now: () => new Date('2025-02-28T23:30:00Z') });
    server = createServer((req, res) => void handle(req, res));
    await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
    base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  });
  after(async () => {
    await new Promise((r) => server.close(() => r(undefined)));
  });

  /** @param {string} path @param {string} [acceptLanguage] */
  async function get(path, acceptLanguage) {
    const r = await fetch(`${base}${path}`, { headers: acceptLanguage ? { 'Accept-Language': acceptLanguage } : {} });
    const text = await r.text();
    const data = JSON.parse(/** @type {string} */ (text.match(/<script type="application\/json" id="texts">([^<]*)<\/script>/)?.[1]));
    return { r, text, data, lang: text.match(/<html lang="([^"]*)">/)?.[1] };
  }

  it('is in the language ?lang= or Accept-Language asks for, bokmål by default, and says so', async () => {
    /** @type {[string, string | undefined, string][]} */
    const cases = [
      ['/management', undefined, 'nb'],
      ['/management', 'nn-NO,nn;q=0.9', 'nn'],
      ['/management', 'en-GB,en;q=0.9', 'en'],
      ['/management', 'no', 'nb'],
      ['/management?lang=en', 'nn', 'en'],
      ['/management?lang=nn', 'en', 'nn'],
      ['/management/?lang=nb', 'en', 'nb'],
      ['/management?lang=fr', 'en', 'en'],
    ];
    for (const [path, acceptLanguage, want] of cases) {
      const { r, data, lang } = await get(path, acceptLanguage);
      const what = `${path} (Accept-Language: ${acceptLanguage})`;
      assert.equal(r.status, 200, what);
      assert.equal(lang, want, what);
      assert.equal(r.headers.get('content-language'), want, what);
      assert.match(r.headers.get('vary') ?? '', /Accept-Language/, what);
      assert.equal(data.lang, want, what);
    }
  });

  for (const lang of LANGUAGES) {
    it(`${lang}: the page's own texts, the script's texts and the reason labels in ${lang}, and a language switch`, async () => {
      const { text, data } = await get(`/management?lang=${lang}`);
      const t = TEXTS[lang];
      for (const key of /** @type {const} */ (['pageTitle', 'heading', 'loading', 'fromMonth', 'toMonth', 'allServices', 'show', 'downloadCsv', 'finishedMonthsOnly'])) {
        assert.ok(text.includes(t[key]), `${lang}.${key}: ${t[key]}`);
      }
      assert.ok(text.includes(`<title>${t.pageTitle}</title>`));
      // The intro quotes «under 5» in Norwegian: the escaped text is on the page.
      assert.ok(text.includes(t.intro.replace(/&/g, '&amp;')), `${lang}.intro`);
      // The script's texts, locales and reason labels, in the same language.
      assert.deepEqual(data.texts, t);
      assert.deepEqual(data.locales, INTL_LOCALES[lang]);
      assert.deepEqual(data.reasons, Object.fromEntries(Object.entries(cancellationReasons.codes).map(([code, l]) => [code, l[lang]])));
      // The period form keeps the language.
      assert.match(text, new RegExp(`<input type="hidden" name="lang" value="${lang}">`));
      // The language switch: a link per language, in that language, the page's own marked current.
      const links = [...text.matchAll(/<a href="([^"]*)" lang="([^"]*)" hreflang="([^"]*)"( aria-current="true")?>([^<]*)<\/a>/g)].map((m) => ({
        href: m[1],
        lang: m[2],
        hreflang: m[3],
        current: !!m[4],
        name: m[5],
      }));
      assert.deepEqual(links, [
        { href: '?lang=nb', lang: 'nb', hreflang: 'nb', current: lang === 'nb', name: 'Norsk bokmål' },
        { href: '?lang=nn', lang: 'nn', hreflang: 'nn', current: lang === 'nn', name: 'Norsk nynorsk' },
        { href: '?lang=en', lang: 'en', hreflang: 'en', current: lang === 'en', name: 'English' },
      ]);
      assert.match(text, new RegExp(`<nav id="languages" aria-label="${t.languageSwitch}">`));
    });
  }

  it('offers finished months only: no month picker goes past the last finished Oslo month', async () => {
    const { text } = await get('/management?lang=en');
    assert.match(text, /<input type="month" name="from" id="from" max="2025-02">/);
    assert.match(text, /<input type="month" name="to" id="to" max="2025-02">/);
    assert.match(text, /<p id="finished-months">Finished months only: the current month is shown once it is over/);
  });

  it('keeps no bokmål on the English page', async () => {
    const { text } = await get('/management', 'en');
    for (const word of ['Styringstall', 'Henter', 'Alle tjenester', 'Last ned CSV', 'Jeg er syk']) assert.ok(!text.includes(word), word);
    assert.ok(text.includes('I am ill'));
  });

  it('keeps the period and service in the language switch, escaped', async () => {
    const { text } = await get('/management?from=2025-01&to=2025-06&service=cs-a%22%3Cb&lang=nn&other=x');
    assert.ok(text.includes('href="?from=2025-01&amp;to=2025-06&amp;service=cs-a%22%3Cb&amp;lang=en" lang="en"'), text.match(/<nav[^]*?<\/nav>/)?.[0]);
  });

  it('says 404 and 405 in the page language too', async () => {
    const missing = await fetch(`${base}/management/nope.js?lang=nn`);
    assert.equal(missing.status, 404);
    assert.equal(await missing.text(), TEXTS.nn.notFound);
    const post = await fetch(`${base}/management`, { method: 'POST', headers: { 'Accept-Language': 'en' } });
    assert.equal(post.status, 405);
    assert.equal(await post.text(), TEXTS.en.onlyGet);
  });
});
