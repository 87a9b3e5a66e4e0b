// The demo page's own script (not part of omsorg): the language switcher. Changing
// <html lang> is all the omsorg elements need; they follow the page's language by themselves.
// The page chrome below is translated here because it belongs to the (fictional) municipality.
const text = {
  nb: {
    skip: 'Hopp til hovedinnholdet',
    demoTitle: 'Demoside.',
    demoText: 'Fjordvik kommune finnes ikke. Alle personer, avtaler og telefonnumre er oppdiktede testdata.',
    demoScenario: 'Testdata',
    demoPerson: 'Person',
    demoApply: 'Bruk',
    demoSandbox: 'Sandkasse med ekte innlogging og database: logg inn som en testperson, for eksempel Ola Nordmann.',
    demoStaff: 'Åpne ansattsiden (svar som hjemmetjenesten)',
    navMessages: 'Meldinger',
    unread: (n) => `${n} ${n === 1 ? 'ulest' : 'uleste'}`,
    messagesLabel: 'Meldinger',
    navLabel: 'Hovedmeny',
    navHealth: 'Helse og omsorg',
    navSchool: 'Barnehage og skole',
    navBuild: 'Bygg og eiendom',
    navCulture: 'Kultur og fritid',
    navMine: 'Min side',
    crumbsLabel: 'Brødsmulesti',
    crumbHome: 'Forside',
    title: 'Min side – helse og omsorg',
    lead: 'Her ser du besøk og avtaler fra hjemmetjenesten og de andre helse- og omsorgstjenestene dine, og hvilke tjenester du har fått innvilget. Du kan avbestille et besøk og skrive sikre meldinger til tjenestene dine her.',
    appointmentsLabel: 'Avtaler',
    servicesLabel: 'Tjenester',
    consentLabel: 'Samtykke og tilgang',
    sideLabel: 'Snarveier',
    nextTitle: 'Dine neste besøk',
    contactTitle: 'Kontakt hjemmetjenesten',
    contactHours: 'Hverdager 08.00–15.30',
    contactForm: 'Skriv til oss',
    urgentTitle: 'Haster det?',
    urgentText: 'Ring legevakt på 116 117. Ved fare for liv og helse: ring 113.',
    address: 'Rådhusgata 1, 9999 Fjordvik (fiktiv adresse)',
    orgnr: 'Org.nr. 000 000 000 (finnes ikke)',
    privacy: 'Personvern',
    a11y: 'Tilgjengelighetserklæring',
    cookies: 'Informasjonskapsler',
    pageTitle: 'Min side – Fjordvik kommune',
  },
  nn: {
    skip: 'Hopp til hovudinnhaldet',
    demoTitle: 'Demoside.',
    demoText: 'Fjordvik kommune finst ikkje. Alle personar, avtalar og telefonnummer er oppdikta testdata.',
    demoScenario: 'Testdata',
    demoPerson: 'Person',
    demoApply: 'Bruk',
    demoSandbox: 'Sandkasse med ekte innlogging og database: logg inn som ein testperson, til dømes Ola Nordmann.',
    demoStaff: 'Opne tilsettsida (svar som heimetenesta)',
    navMessages: 'Meldingar',
    unread: (n) => `${n} ulesne`,
    messagesLabel: 'Meldingar',
    navLabel: 'Hovudmeny',
    navHealth: 'Helse og omsorg',
    navSchool: 'Barnehage og skule',
    navBuild: 'Bygg og eigedom',
    navCulture: 'Kultur og fritid',
    navMine: 'Mi side',
    crumbsLabel: 'Brødsmulesti',
    crumbHome: 'Framside',
    title: 'Mi side – helse og omsorg',
    lead: 'Her ser du besøk og avtalar frå heimetenesta og dei andre helse- og omsorgstenestene dine, og kva tenester du har fått innvilga. Du kan avbestille eit besøk og skrive sikre meldingar til tenestene dine her.',
    appointmentsLabel: 'Avtalar',
    servicesLabel: 'Tenester',
    consentLabel: 'Samtykke og tilgang',
    sideLabel: 'Snarvegar',
    nextTitle: 'Dei neste besøka dine',
    contactTitle: 'Kontakt heimetenesta',
    contactHours: 'Kvardagar 08.00–15.30',
    contactForm: 'Skriv til oss',
    urgentTitle: 'Hastar det?',
    urgentText: 'Ring legevakta på 116 117. Ved fare for liv og helse: ring 113.',
    address: 'Rådhusgata 1, 9999 Fjordvik (fiktiv adresse)',
    orgnr: 'Org.nr. 000 000 000 (finst ikkje)',
    privacy: 'Personvern',
    a11y: 'Tilgjengelegheitserklæring',
    cookies: 'Informasjonskapslar',
    pageTitle: 'Mi side – Fjordvik kommune',
  },
  en: {
    skip: 'Skip to main content',
    demoTitle: 'Demo page.',
    demoText: 'Fjordvik municipality does not exist. All people, appointments and phone numbers are made-up test data.',
    demoScenario: 'Test data',
    demoPerson: 'Person',
    demoApply: 'Apply',
    demoSandbox: 'Sandbox with real sign-in and a real database: sign in as a test person, for example Ola Nordmann.',
    demoStaff: 'Open the staff page (answer as home care)',
    navMessages: 'Messages',
    unread: (n) => `${n} unread`,
    messagesLabel: 'Messages',
    navLabel: 'Main menu',
    navHealth: 'Health and care',
    navSchool: 'Kindergarten and school',
    navBuild: 'Building and property',
    navCulture: 'Culture and leisure',
    navMine: 'My page',
    crumbsLabel: 'Breadcrumbs',
    crumbHome: 'Home',
    title: 'My page – health and care',
    lead: 'Here you see visits and appointments from home care and your other health and care services, and the services you have been granted. You can cancel a visit and write secure messages to your services here.',
    appointmentsLabel: 'Appointments',
    servicesLabel: 'Services',
    consentLabel: 'Consent and access',
    sideLabel: 'Shortcuts',
    nextTitle: 'Your next visits',
    contactTitle: 'Contact home care',
    contactHours: 'Weekdays 08:00–15:30',
    contactForm: 'Write to us',
    urgentTitle: 'Is it urgent?',
    urgentText: 'Call the out-of-hours medical service on 116 117. If life or health is in danger: call 113.',
    address: 'Rådhusgata 1, 9999 Fjordvik (fictional address)',
    orgnr: 'Org. no. 000 000 000 (does not exist)',
    privacy: 'Privacy',
    a11y: 'Accessibility statement',
    cookies: 'Cookies',
    pageTitle: 'My page – Fjordvik municipality',
  },
};

const KEY = 'fjordvik.lang';

// The page's own unread badge. omsorg announces the count with a DOM event on document
// (the script tag has data-watch-unread); the page decides how to show it.
let unread = 0;
function renderBadge() {
  const badge = document.getElementById('unread-badge');
  if (!badge) return;
  const t = text[document.documentElement.lang] ?? text.nb;
  badge.hidden = unread === 0;
  badge.textContent = String(unread);
  badge.setAttribute('aria-label', t.unread(unread));
  badge.setAttribute('role', 'img');
}
document.addEventListener('omsorg-unread-changed', (e) => {
  unread = Math.max(0, Number(e.detail?.count) || 0);
  renderBadge();
});

function setLang(lang) {
  const t = text[lang] ?? text.nb;
  document.documentElement.lang = lang;
  document.title = t.pageTitle;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t[el.dataset.i18n] ?? el.textContent;
  for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t[el.dataset.i18nLabel] ?? '');
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  renderBadge();
  try {
    sessionStorage.setItem(KEY, lang);
  } catch {
    // Storage disabled: the choice lasts until reload.
  }
}

for (const b of document.querySelectorAll('[data-lang]')) b.addEventListener('click', () => setLang(b.dataset.lang));

let saved;
try {
  saved = sessionStorage.getItem(KEY);
} catch {
  saved = null;
}
const fromUrl = new URLSearchParams(location.search).get('lang');
const initial = [fromUrl, saved].find((l) => l && l in text);
if (initial && initial !== 'nb') setLang(initial);
