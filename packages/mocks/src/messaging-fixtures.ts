/**
 * Secure messages in the fixtures: reply policies per care service, threads with messages,
 * read pointers and attachments, all relative to `now` with Oslo offsets. The stored form is the
 * same for every reader; the handlers compute each reader's view (unread, isCurrentUser).
 */
import type { Attachment, GrantedService, ReplyPolicy, SenderRole, Thread } from '@omsorg/contract';
import { emmaSubjectId } from './fixtures-emma.js';
import { olaSubjectId } from './fixtures-ola.js';
import { addMinutes, osloDateTime, osloIso } from '@omsorg/contract';

/** Who wrote or read: `personId` null for the care service's staff. */
export interface Party {
  role: SenderRole;
  personId: string | null;
  name: string;
}

export interface MessageFixture {
  id: string;
  sentAt: string;
  sender: Party & { onBehalfOf: string | null };
  text: string;
  attachmentIds: string[];
}

/** How far one party has read, for unread counts and `seenSinceLastUpdate`. */
export interface ReadFixture {
  reader: Party;
  upToMessageId: string;
  seenAt: string;
}

export interface ThreadFixture {
  id: string;
  subjectId: string;
  title: string;
  status: Thread['status'];
  grantedServiceId: string;
  startedBy: SenderRole;
  createdAt: string;
  /** When the service closed it (counts as activity); absent while open or when unknown. */
  closedAt?: string;
  /** Oldest first. */
  messages: MessageFixture[];
  reads: ReadFixture[];
}

export interface AttachmentFixture extends Attachment {
  subjectId: string;
  bytes: Uint8Array;
  /** The uploader's person id; null when staff attached it. */
  uploadedBy: string | null;
  /** The message it was sent in; null while it is only uploaded (or in a draft). */
  messageId: string | null;
}

/** Each care service's promise about answers (by care service id). */
export const replyPolicies: Readonly<Record<string, ReplyPolicy>> = {
  'cs-hjemmesykepleie-nord': {
    expectedReplyWorkingDays: 2,
    notice: 'Vi leser meldinger på hverdager kl. 08–15. Haster det, ring oss på 21 00 00 15.',
  },
  'cs-praktisk-bistand': { expectedReplyWorkingDays: 3, notice: null },
  'cs-trygghetsalarm': {
    expectedReplyWorkingDays: 1,
    notice: 'Trenger du hjelp nå, trykk på alarmknappen. Meldinger her blir ikke lest om natten.',
  },
  'cs-dagsenter-solsiden': { expectedReplyWorkingDays: 3, notice: 'Gi beskjed om fravær innen kl. 12 dagen før.' },
  'cs-storkjokken': { expectedReplyWorkingDays: 5, notice: null },
  'cs-regnbuen': { expectedReplyWorkingDays: 2, notice: null },
  'cs-avlastning-barn': {
    expectedReplyWorkingDays: 5,
    notice: 'Spørsmål om bytte av helg besvares innen en uke. Ved sykdom samme dag: ring 21 00 00 70.',
  },
  'cs-stottekontakt': { expectedReplyWorkingDays: 5, notice: null },
};

/** Default for a care service without its own policy. */
export const defaultReplyPolicy: ReplyPolicy = { expectedReplyWorkingDays: 5, notice: null };

export const replyPolicyFor = (careServiceId: string): ReplyPolicy => ({ ...(replyPolicies[careServiceId] ?? defaultReplyPolicy) });

/** Granted services one may write to: active or planned. */
export const isRecipientService = (s: GrantedService): boolean => s.status === 'active' || s.status === 'planned';

/** Threads and messages with a known role in the data (ids do not depend on `now`). */
export const threadIds = {
  /** Ola asked about his medicines; the nurse's reply (with a PDF) is unread. */
  olaUnreadReply: 'thr-ola-hsp-medisiner',
  /** The day centre wrote first (with a PNG); unread. */
  olaStaffStarted: 'thr-ola-dagsenter-tur',
  /** Practical help: answered and closed by the service. */
  olaClosed: 'thr-ola-prakt-vaskedag',
  /** Kari wrote on her father's behalf to the alarm service; staff and Ola have seen it. */
  olaByKari: 'thr-ola-alarm-nokkel',
  /** Per wrote for Emma to the respite service; the reply is unread. */
  emma: 'thr-emma-avlastning-helg',
} as const;

export const fixtureAttachmentIds = {
  /** PDF in the nurse's reply to Ola. */
  olaPdf: 'att-ola-medisinliste',
  /** PNG in the day centre's first message. */
  olaPng: 'att-ola-turprogram',
  /** PDF in the respite service's reply to Per. */
  emmaPdf: 'att-emma-helgeplan',
} as const;

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);

/** A small, well-formed one-page PDF (with a correct xref table) that shows `line`. */
export function tinyPdf(line: string): Uint8Array {
  const safe = line.replace(/[^A-Za-z0-9 .,:-]/g, '');
  const stream = `BT /F1 14 Tf 20 100 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return latin1(out);
}

/** A valid 1×1 PNG. */
export function tinyPng(): Uint8Array {
  const b64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** The smallest JPEG start a sniffer recognises, padded (for tests, not a picture). */
export function tinyJpeg(): Uint8Array {
  const bytes = new Uint8Array(64);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
  bytes.set([0xff, 0xd9], 62);
  return bytes;
}

function attachment(id: string, subjectId: string, filename: string, contentType: Attachment['contentType'], bytes: Uint8Array, messageId: string): AttachmentFixture {
  return { id, filename, contentType, size: bytes.length, subjectId, bytes, uploadedBy: null, messageId };
}

export interface MessagingPersons {
  ola: { id: string; name: string };
  kari: { id: string; name: string };
  per: { id: string; name: string };
}

export interface MessagingFixtures {
  /** By subject id. */
  threads: Record<string, ThreadFixture[]>;
  attachments: AttachmentFixture[];
}

const staff = (name: string): Party => ({ role: 'staff', personId: null, name });
const at = (now: Date, day: number, hour: number, minute = 0): string => osloIso(osloDateTime(now, day, hour, minute));

export function messagingFixtures(now: Date, p: MessagingPersons): MessagingFixtures {
  const ola: Party = { role: 'citizen', personId: p.ola.id, name: p.ola.name };
  const kariForOla = { role: 'relative' as const, personId: p.kari.id, name: p.kari.name, onBehalfOf: p.ola.name };
  const perForEmma = { role: 'relative' as const, personId: p.per.id, name: p.per.name, onBehalfOf: 'Emma Hansen' };
  const nurse = staff('Ingrid Berg');
  const centre = staff('Solveig Aas');
  const cleaner = staff('Ahmed Saleh');
  const alarm = staff('Tor Aune');
  const respite = staff('Hanne Lund');
  const kari: Party = { role: 'relative', personId: p.kari.id, name: p.kari.name };
  const per: Party = { role: 'relative', personId: p.per.id, name: p.per.name };
  const none = { onBehalfOf: null };

  const medicines: ThreadFixture = {
    id: threadIds.olaUnreadReply,
    subjectId: olaSubjectId,
    title: 'Nye medisiner etter legetimen',
    status: 'open',
    grantedServiceId: 'vedtak-ola-hsp',
    startedBy: 'citizen',
    createdAt: at(now, -2, 9, 14),
    messages: [
      {
        id: 'msg-ola-hsp-1',
        sentAt: at(now, -2, 9, 14),
        sender: { ...ola, ...none },
        text: 'Hei. Fastlegen har endret blodtrykksmedisinen min. Kan dere hente den nye resepten på apoteket før fredag?\n\nHilsen Ola',
        attachmentIds: [],
      },
      {
        id: 'msg-ola-hsp-2',
        sentAt: at(now, -1, 13, 5),
        sender: { ...nurse, ...none },
        text: 'Hei Ola. Vi henter medisinene torsdag og tar dem med på kveldsbesøket. Den oppdaterte medisinlisten ligger vedlagt.',
        attachmentIds: [fixtureAttachmentIds.olaPdf],
      },
    ],
    reads: [
      { reader: ola, upToMessageId: 'msg-ola-hsp-1', seenAt: at(now, -2, 9, 14) },
      { reader: nurse, upToMessageId: 'msg-ola-hsp-2', seenAt: at(now, -1, 13, 5) },
    ],
  };

  const trip: ThreadFixture = {
    id: threadIds.olaStaffStarted,
    subjectId: olaSubjectId,
    title: 'Tur til Fjordheim neste uke',
    status: 'open',
    grantedServiceId: 'vedtak-ola-dagsenter',
    startedBy: 'staff',
    createdAt: at(now, 0, 8, 30),
    messages: [
      {
        id: 'msg-ola-dagsenter-1',
        sentAt: at(now, 0, 8, 30),
        sender: { ...centre, ...none },
        text: 'Hei! Neste torsdag tar vi turen til Fjordheim med buss. Programmet ligger vedlagt. Svar gjerne her om du blir med, så bestiller vi lunsj.',
        attachmentIds: [fixtureAttachmentIds.olaPng],
      },
    ],
    reads: [{ reader: centre, upToMessageId: 'msg-ola-dagsenter-1', seenAt: at(now, 0, 8, 30) }],
  };

  const washing: ThreadFixture = {
    id: threadIds.olaClosed,
    subjectId: olaSubjectId,
    title: 'Bytte vaskedag',
    status: 'closed',
    grantedServiceId: 'vedtak-ola-prakt',
    startedBy: 'citizen',
    createdAt: at(now, -20, 11, 2),
    messages: [
      {
        id: 'msg-ola-prakt-1',
        sentAt: at(now, -20, 11, 2),
        sender: { ...ola, ...none },
        text: 'Kan vaskedagen flyttes fra mandag til tirsdag framover?',
        attachmentIds: [],
      },
      {
        id: 'msg-ola-prakt-2',
        sentAt: at(now, -18, 14, 45),
        sender: { ...cleaner, ...none },
        text: 'Det går fint. Fra neste uke kommer vi tirsdager kl. 10. Vi lukker denne samtalen nå.',
        attachmentIds: [],
      },
    ],
    reads: [
      { reader: ola, upToMessageId: 'msg-ola-prakt-2', seenAt: at(now, -18, 17, 0) },
      { reader: kari, upToMessageId: 'msg-ola-prakt-2', seenAt: at(now, -17, 9, 30) },
      { reader: cleaner, upToMessageId: 'msg-ola-prakt-2', seenAt: at(now, -18, 14, 45) },
    ],
  };

  const key: ThreadFixture = {
    id: threadIds.olaByKari,
    subjectId: olaSubjectId,
    title: 'Nytt nøkkelskap hos pappa',
    status: 'open',
    grantedServiceId: 'vedtak-ola-alarm',
    startedBy: 'relative',
    createdAt: at(now, -1, 15, 40),
    messages: [
      {
        id: 'msg-ola-alarm-1',
        sentAt: at(now, -1, 15, 40),
        sender: kariForOla,
        text: 'Hei. Jeg skriver for pappa, Ola Nordmann. Vi har satt opp et nytt nøkkelskap ved inngangsdøren. Koden får dere på telefon: ring meg på 400 00 000.',
        attachmentIds: [],
      },
    ],
    reads: [
      { reader: kari, upToMessageId: 'msg-ola-alarm-1', seenAt: at(now, -1, 15, 40) },
      { reader: alarm, upToMessageId: 'msg-ola-alarm-1', seenAt: at(now, -1, 16, 2) },
      { reader: ola, upToMessageId: 'msg-ola-alarm-1', seenAt: at(now, -1, 18, 10) },
    ],
  };

  const weekend: ThreadFixture = {
    id: threadIds.emma,
    subjectId: emmaSubjectId,
    title: 'Bytte avlastningshelg i neste måned',
    status: 'open',
    grantedServiceId: 'vedtak-emma-avlastning',
    startedBy: 'relative',
    createdAt: at(now, -4, 20, 15),
    messages: [
      {
        id: 'msg-emma-avlastning-1',
        sentAt: at(now, -4, 20, 15),
        sender: perForEmma,
        text: 'Hei. Emma skal på skoleleir den første helgen i neste måned. Kan vi bytte til helgen etter?',
        attachmentIds: [],
      },
      {
        id: 'msg-emma-avlastning-2',
        sentAt: at(now, -2, 10, 20),
        sender: { ...respite, ...none },
        text: 'Hei Per. Det ordner vi. Den nye helgeplanen ligger vedlagt.',
        attachmentIds: [fixtureAttachmentIds.emmaPdf],
      },
    ],
    reads: [
      { reader: per, upToMessageId: 'msg-emma-avlastning-1', seenAt: at(now, -4, 20, 15) },
      { reader: respite, upToMessageId: 'msg-emma-avlastning-2', seenAt: at(now, -2, 10, 20) },
    ],
  };

  return {
    threads: { [olaSubjectId]: [medicines, trip, washing, key], [emmaSubjectId]: [weekend] },
    attachments: [
      attachment(fixtureAttachmentIds.olaPdf, olaSubjectId, 'Medisinliste.pdf', 'application/pdf', tinyPdf('Medisinliste'), 'msg-ola-hsp-2'),
      attachment(fixtureAttachmentIds.olaPng, olaSubjectId, 'Program Fjordheim.png', 'image/png', tinyPng(), 'msg-ola-dagsenter-1'),
      attachment(fixtureAttachmentIds.emmaPdf, emmaSubjectId, 'Helgeplan høst.pdf', 'application/pdf', tinyPdf('Helgeplan'), 'msg-emma-avlastning-2'),
    ],
  };
}

// ---- Large data, for benchmarks, stories and the `large` scenario ---------------------------

export interface LargeOptions {
  now?: Date;
  subjectId?: string;
  /** The granted service the threads go to (default Ola's home nursing). */
  grantedServiceId?: string;
  citizen?: Party;
}

const olaCitizen = (): Party => ({ role: 'citizen', personId: 'psn-ola-7f3a', name: 'Ola Nordmann' });
const olaServiceIds = ['vedtak-ola-hsp', 'vedtak-ola-prakt', 'vedtak-ola-alarm', 'vedtak-ola-dagsenter'];

/**
 * `n` threads (default 500), newest activity first a minute apart, every fifth with an unread
 * staff reply and every seventh closed.
 */
export function buildInbox(n = 500, options: LargeOptions = {}): ThreadFixture[] {
  const now = options.now ?? new Date();
  const subjectId = options.subjectId ?? olaSubjectId;
  const citizen = options.citizen ?? olaCitizen();
  const nurse = staff('Ingrid Berg');
  const out: ThreadFixture[] = [];
  for (let i = 0; i < n; i++) {
    const id = `thr-inbox-${String(i).padStart(4, '0')}`;
    const asked = addMinutes(now, -(i + 1) * 90);
    const answered = addMinutes(asked, 30);
    const messages: MessageFixture[] = [
      { id: `${id}-1`, sentAt: osloIso(asked), sender: { ...citizen, onBehalfOf: null }, text: `Spørsmål nummer ${i + 1} om tjenesten.`, attachmentIds: [] },
      { id: `${id}-2`, sentAt: osloIso(answered), sender: { ...nurse, onBehalfOf: null }, text: `Svar på spørsmål nummer ${i + 1}.`, attachmentIds: [] },
    ];
    const unread = i % 5 === 0;
    out.push({
      id,
      subjectId,
      title: `Spørsmål ${i + 1}`,
      status: i % 7 === 6 ? 'closed' : 'open',
      grantedServiceId: options.grantedServiceId ?? olaServiceIds[i % olaServiceIds.length]!,
      startedBy: 'citizen',
      createdAt: osloIso(asked),
      messages,
      reads: [
        { reader: citizen, upToMessageId: unread ? `${id}-1` : `${id}-2`, seenAt: osloIso(unread ? asked : answered) },
        { reader: nurse, upToMessageId: `${id}-2`, seenAt: osloIso(answered) },
      ],
    });
  }
  return out;
}

/** One open thread with `n` messages (default 2,000), alternating citizen and staff, read to the end. */
export function buildLongThread(n = 2000, options: LargeOptions = {}): ThreadFixture {
  const now = options.now ?? new Date();
  const citizen = options.citizen ?? olaCitizen();
  const nurse = staff('Ingrid Berg');
  const id = 'thr-long-thread';
  const messages: MessageFixture[] = [];
  for (let i = 0; i < n; i++) {
    const sentAt = osloIso(addMinutes(now, -(n - i) * 20));
    const fromStaff = i % 2 === 1;
    messages.push({
      id: `${id}-${i + 1}`,
      sentAt,
      sender: fromStaff ? { ...nurse, onBehalfOf: null } : { ...citizen, onBehalfOf: null },
      text: fromStaff ? `Svar ${i + 1}: vi har notert det.` : `Melding ${i + 1}: en kort beskjed til hjemmesykepleien.`,
      attachmentIds: [],
    });
  }
  const last = messages[messages.length - 1];
  return {
    id,
    subjectId: options.subjectId ?? olaSubjectId,
    title: 'Lang samtale med hjemmesykepleien',
    status: 'open',
    grantedServiceId: options.grantedServiceId ?? 'vedtak-ola-hsp',
    startedBy: 'citizen',
    createdAt: messages[0]?.sentAt ?? osloIso(now),
    messages,
    reads: last
      ? [
          { reader: citizen, upToMessageId: last.id, seenAt: last.sentAt },
          { reader: nurse, upToMessageId: last.id, seenAt: last.sentAt },
        ]
      : [],
  };
}
