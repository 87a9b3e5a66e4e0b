// @ts-check
/**
 * The management page's texts in bokmål, nynorsk and English: one table per language, every key
 * in all three (the type says so, and test/management-texts.test.js checks it). The server
 * renders the page in the reader's language (`pickLanguage`) and hands the page's script
 * (public/management/figures.js) the same table as data. `{name}` in a text is filled in by the
 * one that uses it (`fill`).
 */

/** @typedef {'nb' | 'nn' | 'en'} Language */

/** @type {readonly Language[]} */
export const LANGUAGES = ['nb', 'nn', 'en'];

/** The language when neither the address nor the browser names one the page has. */
export const DEFAULT_LANGUAGE = /** @type {Language} */ ('nb');

/**
 * The locales for Intl (numbers, months), best first: a browser without nynorsk data formats
 * nynorsk pages as bokmål rather than in its own default.
 * @type {Readonly<Record<Language, readonly string[]>>}
 */
export const INTL_LOCALES = { nb: ['nb-NO'], nn: ['nn-NO', 'nb-NO'], en: ['en-GB'] };

/** Each language's own name for itself, as the language switch shows it (the same on every page). */
export const LANGUAGE_NAMES = /** @type {const} */ ({ nb: 'Norsk bokmål', nn: 'Norsk nynorsk', en: 'English' });

const nb = {
  pageTitle: 'Styringstall – Fjordvik kommune',
  heading: 'Styringstall for helse- og omsorgstjenestene',
  intro:
    'Tall per måned og tjeneste. Ingen person kan kjennes igjen: tall under 5 vises som «under 5», og tall som kunne regnes ut fra de andre, skjules også.',
  languageSwitch: 'Språk',
  loading: 'Henter…',
  fromMonth: 'Fra måned',
  toMonth: 'Til måned',
  service: 'Tjeneste',
  allServices: 'Alle tjenester',
  show: 'Vis',
  downloadCsv: 'Last ned CSV',
  finishedMonthsOnly: 'Bare avsluttede måneder: inneværende måned vises når den er over, så tallene for en måned ikke endrer seg fra dag til dag.',
  onlyGet: 'Bare GET.',
  notFound: 'Finnes ikke.',

  needsBff: 'Siden trenger innlogging gjennom BFF-en: start sandkassen med --bff (npm start gjør det).',
  signInToSee: 'Logg inn for å se styringstallene.',
  signIn: 'Logg inn',
  signOut: 'Logg ut',
  signedInAs: 'Logget inn som {name}',
  refused: 'Du har ikke tilgang til styringstallene. De er bare for kommunens ledelse.',
  fetchFailed: 'Styringstallene kunne ikke hentes ({status}): {detail}',
  tryLater: 'prøv igjen senere.',
  failed: 'Noe gikk galt: {message}',

  under5: 'under 5',
  hours: '{value} t',
  chartLabel: '{title}. {description} Tallene står i tabellen under.',
  tableCaption: '{title} (tabell)',
  month: 'Måned',

  cancellationsTitle: 'Avbestillinger per måned',
  cancellationsDescription: 'Søylediagram: avbestillinger på nett og på annen måte (av tjenesten, på telefon).',
  total: 'I alt',
  online: 'På nett',
  otherwise: 'På annen måte',
  onlineShare: 'Andel på nett',

  deadlineTitle: 'Avbestilt før og etter fristen',
  deadlineDescription: 'Søylediagram: avbestillinger før og etter tjenestens frist.',
  beforeDeadline: 'Før fristen',
  afterDeadline: 'Etter fristen',

  reasonsTitle: 'Årsaker til avbestilling',
  reasonsDescription: 'Stablet søylediagram: avbestillinger per årsak og måned.',

  answersTitle: 'Tid til første svar på meldinger',
  answersDescription: 'Linjediagram: median og 90-persentil i timer fra innbyggerens første melding til første svar, for svarene gitt i måneden. Tråder og meldinger telles i måneden meldingene ble skrevet.',
  promiseOne: 'Lovet svartid: {days} arbeidsdag.',
  promiseOther: 'Lovet svartid: {days} arbeidsdager.',
  hoursAxis: 'Timer',
  threads: 'Tråder',
  messagesPerThread: 'Meldinger per tråd',
  median: 'Median',
  p90: '90-persentil',
  withinPromise: 'Besvart innen lovet svartid',

  consentTitle: 'Samtykke og pårørendes tilgang',
  consentDescription: 'Linjediagram: personer som har samtykket til digital dialog, og pårørende med tilgang, ved utgangen av måneden.',
  peopleAxis: 'Personer',
  consented: 'Har samtykket',
  relatives: 'Pårørende med tilgang',
  roundedNote:
    'Antallet personer og pårørende er avrundet til nærmeste 5 (tall under 5 vises som «under 5»), så forskjellen mellom to måneder ikke kan vise at én bestemt person har samtykket eller fått tilgang.',
};

/** A key of the page's texts. @typedef {keyof typeof nb} TextKey */
/** One language's texts. @typedef {Readonly<Record<TextKey, string>>} Texts */

/** @type {Texts} */
const nn = {
  pageTitle: 'Styringstal – Fjordvik kommune',
  heading: 'Styringstal for helse- og omsorgstenestene',
  intro:
    'Tal per månad og teneste. Ingen person kan kjennast att: tal under 5 blir viste som «under 5», og tal som kunne reknast ut frå dei andre, blir også gøymde.',
  languageSwitch: 'Språk',
  loading: 'Hentar…',
  fromMonth: 'Frå månad',
  toMonth: 'Til månad',
  service: 'Teneste',
  allServices: 'Alle tenester',
  show: 'Vis',
  downloadCsv: 'Last ned CSV',
  finishedMonthsOnly: 'Berre avslutta månader: denne månaden blir vist når han er over, så tala for ein månad ikkje endrar seg frå dag til dag.',
  onlyGet: 'Berre GET.',
  notFound: 'Finst ikkje.',

  needsBff: 'Sida treng innlogging gjennom BFF-en: start sandkassa med --bff (npm start gjer det).',
  signInToSee: 'Logg inn for å sjå styringstala.',
  signIn: 'Logg inn',
  signOut: 'Logg ut',
  signedInAs: 'Logga inn som {name}',
  refused: 'Du har ikkje tilgang til styringstala. Dei er berre for leiinga i kommunen.',
  fetchFailed: 'Styringstala kunne ikkje hentast ({status}): {detail}',
  tryLater: 'prøv igjen seinare.',
  failed: 'Noko gjekk gale: {message}',

  under5: 'under 5',
  hours: '{value} t',
  chartLabel: '{title}. {description} Tala står i tabellen under.',
  tableCaption: '{title} (tabell)',
  month: 'Månad',

  cancellationsTitle: 'Avbestillingar per månad',
  cancellationsDescription: 'Søylediagram: avbestillingar på nett og på anna vis (av tenesta, på telefon).',
  total: 'I alt',
  online: 'På nett',
  otherwise: 'På anna vis',
  onlineShare: 'Del på nett',

  deadlineTitle: 'Avbestilt før og etter fristen',
  deadlineDescription: 'Søylediagram: avbestillingar før og etter fristen til tenesta.',
  beforeDeadline: 'Før fristen',
  afterDeadline: 'Etter fristen',

  reasonsTitle: 'Årsaker til avbestilling',
  reasonsDescription: 'Stabla søylediagram: avbestillingar per årsak og månad.',

  answersTitle: 'Tid til første svar på meldingar',
  answersDescription: 'Linjediagram: median og 90-persentil i timar frå den første meldinga frå innbyggjaren til det første svaret, for svara gitt i månaden. Trådar og meldingar blir talde i månaden meldingane vart skrivne.',
  promiseOne: 'Lova svartid: {days} arbeidsdag.',
  promiseOther: 'Lova svartid: {days} arbeidsdagar.',
  hoursAxis: 'Timar',
  threads: 'Trådar',
  messagesPerThread: 'Meldingar per tråd',
  median: 'Median',
  p90: '90-persentil',
  withinPromise: 'Svara innan lova svartid',

  consentTitle: 'Samtykke og tilgang for pårørande',
  consentDescription: 'Linjediagram: personar som har samtykt til digital dialog, og pårørande med tilgang, ved utgangen av månaden.',
  peopleAxis: 'Personar',
  consented: 'Har samtykt',
  relatives: 'Pårørande med tilgang',
  roundedNote:
    'Talet på personar og pårørande er runda av til næraste 5 (tal under 5 blir viste som «under 5»), så skilnaden mellom to månader ikkje kan vise at éin bestemd person har samtykt eller fått tilgang.',
};

/** @type {Texts} */
const en = {
  pageTitle: 'Management figures – Fjordvik municipality',
  heading: 'Management figures for the health and care services',
  intro:
    'Figures per month and service. No person can be recognised: a number under 5 is shown as “fewer than 5”, and numbers that could be worked out from the others are hidden too.',
  languageSwitch: 'Language',
  loading: 'Loading…',
  fromMonth: 'From month',
  toMonth: 'To month',
  service: 'Service',
  allServices: 'All services',
  show: 'Show',
  downloadCsv: 'Download CSV',
  finishedMonthsOnly: 'Finished months only: the current month is shown once it is over, so the figures for a month do not change from day to day.',
  onlyGet: 'GET only.',
  notFound: 'Not found.',

  needsBff: 'The page needs sign-in through the BFF: start the sandbox with --bff (npm start does).',
  signInToSee: 'Sign in to see the management figures.',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signedInAs: 'Signed in as {name}',
  refused: 'You do not have access to the management figures. They are for the municipality’s management only.',
  fetchFailed: 'The management figures could not be fetched ({status}): {detail}',
  tryLater: 'try again later.',
  failed: 'Something went wrong: {message}',

  under5: 'fewer than 5',
  hours: '{value} h',
  chartLabel: '{title}. {description} The figures are in the table below.',
  tableCaption: '{title} (table)',
  month: 'Month',

  cancellationsTitle: 'Cancellations per month',
  cancellationsDescription: 'Bar chart: cancellations online and otherwise (by the service, by phone).',
  total: 'Total',
  online: 'Online',
  otherwise: 'Otherwise',
  onlineShare: 'Share online',

  deadlineTitle: 'Cancelled before and after the deadline',
  deadlineDescription: 'Bar chart: cancellations before and after the service’s deadline.',
  beforeDeadline: 'Before the deadline',
  afterDeadline: 'After the deadline',

  reasonsTitle: 'Reasons for cancelling',
  reasonsDescription: 'Stacked bar chart: cancellations per reason and month.',

  answersTitle: 'Time to the first answer to messages',
  answersDescription: 'Line chart: median and 90th percentile, in hours, from the citizen’s first message to the first answer, for the answers given in the month. Threads and messages count in the month the messages were written.',
  promiseOne: 'Promised reply time: {days} working day.',
  promiseOther: 'Promised reply time: {days} working days.',
  hoursAxis: 'Hours',
  threads: 'Threads',
  messagesPerThread: 'Messages per thread',
  median: 'Median',
  p90: '90th percentile',
  withinPromise: 'Answered within the promised time',

  consentTitle: 'Consent and relatives’ access',
  consentDescription: 'Line chart: people who have consented to digital dialogue, and relatives with access, at the end of the month.',
  peopleAxis: 'People',
  consented: 'Have consented',
  relatives: 'Relatives with access',
  roundedNote:
    'The numbers of people and relatives are rounded to the nearest 5 (numbers under 5 are shown as “fewer than 5”), so that the difference between two months cannot show that one particular person consented or was given access.',
};

/** The page's texts, per language. @type {Readonly<Record<Language, Texts>>} */
export const TEXTS = { nb, nn, en };

/**
 * `text` with each `{name}` replaced by `values[name]` (a name without a value is left as it is).
 * @param {string} text
 * @param {Record<string, string | number>} values
 */
export const fill = (text, values) => text.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole));

/**
 * A language the page has for a tag (`nb`, `nn-NO`, `EN-gb`; `no`, the macrolanguage, as bokmål),
 * or undefined.
 * @param {string | null | undefined} tag
 * @returns {Language | undefined}
 */
export function languageOf(tag) {
  const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/, 1)[0];
  if (primary === 'no') return 'nb';
  return LANGUAGES.find((l) => l === primary);
}

/**
 * The first language in an Accept-Language header that the page has, by quality (`q`, 1 when
 * left out; an equal quality keeps the header's order; `q=0` means "not this one"), or undefined.
 * @param {string | null | undefined} header
 * @returns {Language | undefined}
 */
export function languageFromAcceptLanguage(header) {
  const ranges = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [range = '', ...params] = part.split(';').map((s) => s.trim());
      const q = params.find((p) => /^q\s*=/i.test(p));
      const quality = q === undefined ? 1 : Number(q.replace(/^q\s*=\s*/i, ''));
      return { range, quality: Number.isFinite(quality) ? quality : 0, i };
    })
    .filter((r) => r.range && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.i - b.i);
  for (const r of ranges) {
    const language = languageOf(r.range);
    if (language) return language;
  }
  return undefined;
}

/**
 * The page's language: `?lang=` when it names one the page has, else the browser's
 * Accept-Language, else bokmål.
 * @param {string | null | undefined} queryLang
 * @param {string | null | undefined} acceptLanguage
 * @returns {Language}
 */
export const pickLanguage = (queryLang, acceptLanguage) => languageOf(queryLang) ?? languageFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LANGUAGE;
