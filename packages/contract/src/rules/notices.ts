/**
 * Notices by SMS and e-mail: the events a person can choose, and the exact text each one sends.
 * The servers queue these texts and the consent panel previews them, so both read them here.
 *
 * A notice never carries health content: not the service, not the visit's time or place, not a
 * word of a message. The text is built from the event, the language, the municipality's name and
 * the address of its Min side, and nothing else can reach it (the function takes nothing else).
 */
import type { Locale } from '../codes.js';
import type { NoticeContact, NoticePreferences, NoticePreview } from '../types.js';
import { canonical, etagOf, matchesEtag } from './etag.js';
import { idPattern } from './patterns.js';
import { escapePointer, type FieldError, type ProblemSpec } from './problems.js';
import { osloDate as osloDateOf } from './time.js';

export const noticeChannels = ['sms', 'email'] as const;
export type NoticeChannel = (typeof noticeChannels)[number];

export const noticeEvents = ['message-new', 'appointment-changed', 'cancellation-answered', 'visit-reminder'] as const;
export type NoticeEvent = (typeof noticeEvents)[number];

/** What a notice fills in: who sends it, and where the person signs in to read more. */
export interface NoticeSender {
  /** The municipality's name as it signs, e.g. `Fjordvik kommune`. */
  municipality: string;
  /** The address of its Min side, e.g. `https://www.fjordvik.kommune.no/min-side`. */
  url: string;
}

/**
 * The query parameter of a notice's link that names the thread to open: `<omsorg-inbox>` reads it
 * from the page's address (its `thread-param`), so a notice lands on the new message after sign-in.
 * It carries only the thread's opaque id, never what the message is about.
 */
export const threadLinkParam = 'omsorg-thread';

/** The Min side address with the thread to open, or the address as it is when `threadId` is not an id. */
export function threadLink(url: string, threadId: string | undefined): string {
  if (!threadId || !idPattern.test(threadId)) return url;
  const hash = url.indexOf('#');
  const [base, fragment] = hash < 0 ? [url, ''] : [url.slice(0, hash), url.slice(hash)];
  return `${base}${base.includes('?') ? '&' : '?'}${threadLinkParam}=${threadId}${fragment}`;
}

/** What a notice is about, where the text may point to it: the thread of a new message. */
export interface NoticeTarget {
  threadId?: string;
}

type Texts = Readonly<Record<NoticeEvent, { subject: string; text: string }>>;

// {m}: the municipality; {u}: the address. Short enough for one SMS with a short address.
const texts: Readonly<Record<Locale, Texts>> = {
  nb: {
    'message-new': { subject: 'Ny melding fra {m}', text: 'Du har fått en ny melding fra {m}. Logg inn på Min side for å lese den: {u}' },
    'appointment-changed': { subject: 'En avtale er endret', text: 'En av avtalene dine med {m} er endret. Logg inn på Min side for å se endringen: {u}' },
    'cancellation-answered': { subject: 'Svar på avbestilling', text: '{m} har svart på en avbestilling fra deg. Logg inn på Min side for å se svaret: {u}' },
    'visit-reminder': { subject: 'Påminnelse om avtale i morgen', text: 'Påminnelse: Du har en avtale med {m} i morgen. Logg inn på Min side for å se den: {u}' },
  },
  nn: {
    'message-new': { subject: 'Ny melding frå {m}', text: 'Du har fått ei ny melding frå {m}. Logg inn på Min side for å lese ho: {u}' },
    'appointment-changed': { subject: 'Ei avtale er endra', text: 'Ei av avtalane dine med {m} er endra. Logg inn på Min side for å sjå endringa: {u}' },
    'cancellation-answered': { subject: 'Svar på avbestilling', text: '{m} har svart på ei avbestilling frå deg. Logg inn på Min side for å sjå svaret: {u}' },
    'visit-reminder': { subject: 'Påminning om avtale i morgon', text: 'Påminning: Du har ei avtale med {m} i morgon. Logg inn på Min side for å sjå ho: {u}' },
  },
  en: {
    'message-new': { subject: 'New message from {m}', text: 'You have a new message from {m}. Sign in to Min side to read it: {u}' },
    'appointment-changed': { subject: 'An appointment has changed', text: 'One of your appointments with {m} has changed. Sign in to Min side to see the change: {u}' },
    'cancellation-answered': { subject: 'Answer to a cancellation', text: '{m} has answered a cancellation of yours. Sign in to Min side to see the answer: {u}' },
    'visit-reminder': { subject: 'Reminder of an appointment tomorrow', text: 'Reminder: you have an appointment with {m} tomorrow. Sign in to Min side to see it: {u}' },
  },
};

/** Control characters and direction overrides have no place in a notice. */
const unsafe = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/gu;

/**
 * The exact subject (e-mail) and text (SMS and e-mail body) of a notice. A new message's notice
 * links to its thread (`target.threadId`): the link holds the opaque id only.
 */
export function noticeText(event: NoticeEvent, locale: Locale, sender: NoticeSender, target: NoticeTarget = {}): { subject: string; text: string } {
  const t = texts[locale][event];
  const m = sender.municipality.replace(unsafe, '').trim();
  const address = sender.url.replace(unsafe, '').trim();
  const u = event === 'message-new' ? threadLink(address, target.threadId) : address;
  // split/join, not replace(): a `$&` in a name must stay as it is.
  const fill = (s: string) => s.split('{m}').join(m).split('{u}').join(u);
  return { subject: fill(t.subject), text: fill(t.text) };
}

/**
 * What the national contact register (Kontakt- og reservasjonsregisteret, KRR) holds for a
 * person, in clear: only the servers see it, and answer it masked (`maskContact`). A person the
 * register does not know has no phone, no e-mail and is not reserved.
 */
export interface ContactRecord {
  phone: string | null;
  email: string | null;
  /** Reserved against digital notices from the public sector: nothing is sent by any channel. */
  reserved: boolean;
}

export const noContact: ContactRecord = Object.freeze({ phone: null, email: null, reserved: false });

/** The person's choice as stored: what `PUT` sets, and the version counting its changes. */
export interface NoticeChoice {
  channels: NoticeChannel[];
  events: NoticeEvent[];
  language: Locale;
  version: string;
}

/** A person who has chosen nothing: no channel, no event, bokmål, version 0. */
export const defaultNoticeChoice: Readonly<NoticeChoice> = Object.freeze({ channels: [], events: [], language: 'nb', version: '0' });

/** `+47 912 34 567` → `*** ** 567`: the last three digits only, not even the number's length. */
export function maskPhone(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits ? `*** ** ${digits.slice(-3)}` : null;
}

/** `ola.nordmann@example.no` → `o***@example.no`: the first character and the domain. */
export function maskEmail(email: string | null | undefined): string | null {
  const e = (email ?? '').replace(unsafe, '').trim();
  const at = e.lastIndexOf('@');
  if (at < 1 || at === e.length - 1) return e ? '***' : null;
  return `${Array.from(e)[0]}***@${e.slice(at + 1).slice(0, 100)}`;
}

/** The register's record as the API shows it: masked. */
export function maskContact(record: ContactRecord | undefined): NoticeContact {
  const r = record ?? noContact;
  return { phone: maskPhone(r.phone), email: maskEmail(r.email), reserved: r.reserved };
}

/** The exact notice of every event in `language`, chosen or not, in the events' order. */
export function noticePreviews(language: Locale, sender: NoticeSender): NoticePreview[] {
  return noticeEvents.map((event) => ({ event, ...noticeText(event, language, sender) }));
}

/** The preferences as the API answers them, from the stored choice and the register's record. */
export function noticePreferencesOf(choice: NoticeChoice | undefined, record: ContactRecord | undefined, sender: NoticeSender): NoticePreferences {
  const c = choice ?? defaultNoticeChoice;
  // Channels and events in the contract's order, whatever order they were chosen in.
  return {
    channels: noticeChannels.filter((x) => c.channels.includes(x)),
    events: noticeEvents.filter((x) => c.events.includes(x)),
    language: c.language,
    contact: maskContact(record),
    previews: noticePreviews(c.language, sender),
    version: c.version,
  };
}

const noticeLanguages: readonly Locale[] = ['nb', 'nn', 'en'];
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Field errors of one list of codes: not a list, too many, an unknown code, a repeated one. */
function codeListErrors(value: unknown, name: string, known: readonly string[]): FieldError[] {
  if (value === undefined) return [{ pointer: `/${name}`, code: 'required' }];
  if (!Array.isArray(value)) return [{ pointer: `/${name}`, code: 'invalid' }];
  const errors: FieldError[] = [];
  if (value.length > known.length) errors.push({ pointer: `/${name}`, code: 'too-many' });
  value.forEach((v, i) => {
    if (typeof v !== 'string' || !known.includes(v)) errors.push({ pointer: `/${name}/${i}`, code: 'unknown-code' });
    else if (value.indexOf(v) !== i) errors.push({ pointer: `/${name}/${i}`, code: 'invalid' });
  });
  return errors;
}

/**
 * Field errors against NoticePreferencesChange beyond its schema, in a fixed order: unknown
 * members, then channels, events (each: required, a list, at most one of each known code: a
 * repeat is `invalid` at its own index, `/channels/1`) and the language.
 */
export function validateNoticePreferencesChange(body: unknown): FieldError[] {
  if (!isObject(body)) return [{ pointer: '', code: 'invalid' }];
  const errors: FieldError[] = [];
  for (const k of Object.keys(body)) if (!['channels', 'events', 'language'].includes(k)) errors.push({ pointer: `/${escapePointer(k)}`, code: 'invalid' });
  errors.push(...codeListErrors(body.channels, 'channels', noticeChannels));
  errors.push(...codeListErrors(body.events, 'events', noticeEvents));
  if (body.language === undefined) errors.push({ pointer: '/language', code: 'required' });
  else if (typeof body.language !== 'string' || !noticeLanguages.includes(body.language as Locale)) errors.push({ pointer: '/language', code: 'unknown-code' });
  return errors;
}

/** The address a channel sends to, from the register's record (null: none). */
const addressOf = (record: ContactRecord, channel: NoticeChannel): string | null => (channel === 'sms' ? record.phone : record.email) || null;

/**
 * The 422 for channels nothing can be sent by: every chosen channel while the person is reserved,
 * else each one the register has no detail for, each with its pointer; null when all can be used.
 * Choosing no channel (notices off) is always allowed.
 */
export function noticeChannelProblem(channels: readonly NoticeChannel[], record: ContactRecord | undefined): ProblemSpec | null {
  const r = record ?? noContact;
  const refused = channels.flatMap((c, i) => (r.reserved || !addressOf(r, c) ? [{ pointer: `/channels/${i}`, code: 'invalid' as const }] : []));
  if (refused.length === 0) return null;
  return {
    status: 422,
    key: 'noticeChannelUnavailable',
    detail: r.reserved
      ? 'The person has reserved themselves against digital notices in the contact register: none can be sent.'
      : 'The contact register has no phone number or e-mail address for this channel: change it there first.',
    errors: refused,
  };
}

/** The 403 for a relative acting for the person: notices go to the person's own phone and address. */
export const noticesNotOwn: ProblemSpec = { status: 403, key: 'forbidden', detail: 'Only the person themselves sees and chooses their notices.' };

/** What makes a replay "the same request": the subject and the canonical body. */
export const noticePreferencesFingerprint = (subjectId: string, body: unknown): string => `${subjectId}/notice-preferences\n${canonical(body)}`;

/**
 * After the body was validated: refuse (412 a stale If-Match, then 422 a channel that cannot be
 * used) or say what is stored; `choice` null when the choice asked for already holds (no new
 * version, as a consent decision that changes nothing).
 */
export function decideNoticePreferences(
  current: NoticeChoice,
  ifMatch: string,
  change: { channels: NoticeChannel[]; events: NoticeEvent[]; language: Locale },
  record: ContactRecord | undefined,
): ProblemSpec | { choice: NoticeChoice | null } {
  if (!matchesEtag(ifMatch, etagOf(current))) return { status: 412, key: 'preconditionFailed', detail: 'The notice preferences have changed. Fetch them again.' };
  const unavailable = noticeChannelProblem(change.channels, record);
  if (unavailable) return unavailable;
  const next = { channels: noticeChannels.filter((x) => change.channels.includes(x)), events: noticeEvents.filter((x) => change.events.includes(x)), language: change.language };
  const same = canonical(next) === canonical({ channels: current.channels, events: current.events, language: current.language });
  return { choice: same ? null : { ...next, version: String(Number(current.version) + 1) } };
}

/** One notice to queue: by which channel, to which address (in clear, for the gateway only), what it says. */
export interface NoticeToSend {
  channel: NoticeChannel;
  address: string;
  maskedAddress: string;
  event: NoticeEvent;
  language: Locale;
  subject: string;
  text: string;
}

/**
 * The notices an event sends a person: one per chosen channel the register has an address for,
 * only when they chose the event, never while they are reserved; the text in their language.
 */
export function noticesFor(event: NoticeEvent, choice: NoticeChoice | undefined, record: ContactRecord | undefined, sender: NoticeSender, target: NoticeTarget = {}): NoticeToSend[] {
  const r = record ?? noContact;
  if (!choice || r.reserved || !choice.events.includes(event)) return [];
  const { subject, text } = noticeText(event, choice.language, sender, target);
  return noticeChannels
    .filter((c) => choice.channels.includes(c))
    .flatMap((channel) => {
      const address = addressOf(r, channel);
      if (!address) return [];
      const maskedAddress = (channel === 'sms' ? maskPhone(address) : maskEmail(address)) ?? '***';
      return [{ channel, address, maskedAddress, event, language: choice.language, subject, text }];
    });
}

/** The Oslo date after `date`'s (calendar days: 23 or 25 hours across summer time). */
export function osloTomorrow(date: Date): string {
  const [y, m, d] = osloDateOf(date).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Statuses of a visit that still takes place: a reminder goes out the day before. */
export const remindedStatuses: readonly string[] = ['proposed', 'pending', 'booked', 'cancellation-requested', 'cancellation-rejected'];

/** Whether a visit starting at `start` gets a reminder when reminders are queued at `now`. */
export const isVisitTomorrow = (start: Date, status: string, now: Date): boolean => remindedStatuses.includes(status) && osloDateOf(start) === osloTomorrow(now);
