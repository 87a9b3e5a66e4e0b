/**
 * Hostile text for the `hostile` scenario: markup, script, right-to-left overrides and maximum
 * lengths. Every value stays within the contract's maxLength, so a correct client must accept
 * it and show it as plain text.
 */
import type { Appointment, GrantedService, Me, ReplyPolicy } from '@omsorg/contract';
import type { AttachmentFixture, Fixtures, ThreadFixture } from '@omsorg/fixtures';

export const hostileText = {
  img: '<img src=x onerror=alert(1)>',
  script: '<script>alert(1)</script>',
  /** U+202E RIGHT-TO-LEFT OVERRIDE … U+202C POP DIRECTIONAL FORMATTING. */
  rtl: '\u202Eenohp ruoy llac\u202C',
  /** Unclosed override that would flip whatever follows it on the page. */
  rtlUnclosed: '\u202E',
  /** A `tel:`/`href` trap in a phone field (19 characters, within maxLength 30). */
  phone: 'javascript:alert(1)',
  /** Links a client must never make clickable, next to ones it may. */
  links: 'Se javascript:alert(document.cookie) og data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg== eller https://fjordvik.kommune.no/hjelp, ring tel:+4721000015 eller skriv til mailto:post@fjordvik.kommune.no',
  /** A file name that reads as .pdf but ends in .exe, with markup and a path. */
  filenames: ['rapport\u202Efdp.exe', '<img src=x onerror=alert(1)>.pdf', '../../etc/passwd.png', `${'Veldig langt filnavn '.repeat(12).slice(0, 251)}.pdf`],
} as const;

/** Exactly `length` code points: a long word without spaces, or words when `spaces` is true. */
export function longText(length: number, spaces = false): string {
  const unit = spaces ? 'Dette er en svært lang tekst fra tjenesten. ' : 'Superlangtekstutenmellomrom';
  return Array.from(unit.repeat(Math.ceil(length / unit.length) + 1)).slice(0, length).join('');
}

const { img, script, rtl, rtlUnclosed, phone } = hostileText;

/** A few variants that an appointment's fields take in turn. */
function hostileAppointment(a: Appointment, variant: number): void {
  switch (variant % 4) {
    case 0:
      a.careService.name = `Hjemmesykepleien ${img}`;
      a.location = { name: `${img} Sjøgata 21`, address: `${script}`, atHome: a.location?.atHome ?? false };
      a.contact = { name: `<b>Ingrid</b> ${img}`, phone: a.contact?.phone ?? null };
      a.preparation = `${script} Ta med ${img} og innesko.`;
      a.cancellationPolicy.consequence = `${img}${script}`;
      a.description = `<a href="javascript:alert(1)">Klikk her</a>`;
      break;
    case 1:
      a.careService.phone = phone;
      a.location = { name: `Sjøgata ${rtl} 21`, address: `${rtlUnclosed}Granveien 4`, atHome: true };
      a.contact = { name: `${rtlUnclosed}greB dirgnI`, phone };
      a.preparation = `Ring oss ${rtl} ${img}`;
      a.cancellationPolicy.consequence = `${rtlUnclosed}Avbestilling koster 500 kr`;
      a.cancellationPolicy.phone = phone;
      break;
    case 2:
      a.careService.name = longText(200);
      a.location = { name: longText(200), address: longText(300), atHome: false };
      a.contact = { name: longText(200), phone: longText(30) };
      a.preparation = longText(1000);
      a.cancellationPolicy.consequence = longText(500);
      a.description = longText(500);
      break;
    default:
      a.careService.name = longText(200, true);
      a.location = { name: `${img}${rtlUnclosed}${longText(150, true)}`, address: longText(300, true), atHome: false };
      a.contact = { name: `${script}${longText(150, true)}`, phone: '+47 <b>21</b> 00 00 00' };
      a.preparation = `${img}${script}${rtl}${longText(900, true)}`;
      a.cancellationPolicy.consequence = `${script}${longText(450, true)}`;
      a.description = longText(500, true);
  }
  if (a.cancellation) {
    a.cancellation.comment = `${img} ${rtl}`;
    if (a.cancellation.rejectionNote != null) a.cancellation.rejectionNote = longText(500);
    if (a.cancellation.requestedBy) a.cancellation.requestedBy = { ...a.cancellation.requestedBy, name: `${script}Kari` };
  }
}

function hostileService(s: GrantedService, i: number): void {
  s.careService.name = i % 2 ? longText(200) : `${img} ${s.careService.name}`.slice(0, 200);
  s.note = i % 2 ? `${script}${rtl}` : longText(500, true);
}

function hostileMe(me: Me): void {
  me.person.name = `${me.person.name} ${img}`;
  me.subjects.forEach((s, i) => {
    if (i > 0) s.name = i % 2 ? `${rtlUnclosed}${s.name} ${script}` : longText(200);
  });
}

function hostileThread(t: ThreadFixture, variant: number): void {
  t.title = [`${script} Medisiner ${img}`, `${rtl} Svar`, longText(120), `<a href="javascript:alert(1)">Klikk</a>`][variant % 4]!;
  t.messages.forEach((m, i) => {
    m.text = [`${img}\n${script}\n${rtl}`, hostileText.links, longText(4000, true), `${rtlUnclosed}Hei ${img}`][(variant + i) % 4]!;
    if (m.sender.role === 'staff') m.sender.name = i % 2 ? `${script}Ingrid` : `${rtlUnclosed}greB dirgnI`;
    else if (m.sender.onBehalfOf) m.sender.onBehalfOf = `${img}${m.sender.onBehalfOf}`;
  });
  for (const r of t.reads) if (r.reader.role === 'staff') r.reader.name = `${img} ${rtl}`;
}

function hostilePolicy(p: ReplyPolicy, i: number): void {
  p.notice = i % 2 ? `${script}${hostileText.links}`.slice(0, 500) : `${rtlUnclosed}${longText(499, true)}`;
}

function hostileAttachment(a: AttachmentFixture, i: number): void {
  a.filename = hostileText.filenames[i % hostileText.filenames.length]!;
}

export function applyHostile(f: Fixtures): void {
  let n = 0;
  let t = 0;
  for (const subject of Object.values(f.subjects)) {
    for (const a of subject.appointments) hostileAppointment(a, n++);
    subject.services.forEach(hostileService);
    for (const thread of subject.threads) hostileThread(thread, t++);
  }
  Object.values(f.replyPolicies).forEach(hostilePolicy);
  f.attachments.forEach(hostileAttachment);
  Object.values(f.me).forEach(hostileMe);
}
