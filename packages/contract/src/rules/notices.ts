/**
 * Notices by SMS and e-mail: the events a person can choose, and the exact text each one sends.
 * The servers queue these texts and the consent panel previews them, so both read them here.
 *
 * A notice never carries health content: not the service, not the visit's time or place, not a
 * word of a message. The text is built from the event, the language, the municipality's name and
 * the address of its Min side, and nothing else can reach it (the function takes nothing else).
 */
import type { Locale } from '../codes.js';

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

/** The exact subject (e-mail) and text (SMS and e-mail body) of a notice. */
export function noticeText(event: NoticeEvent, locale: Locale, sender: NoticeSender): { subject: string; text: string } {
  const t = texts[locale][event];
  const m = sender.municipality.replace(unsafe, '').trim();
  const u = sender.url.replace(unsafe, '').trim();
  // split/join, not replace(): a `$&` in a name must stay as it is.
  const fill = (s: string) => s.split('{m}').join(m).split('{u}').join(u);
  return { subject: fill(t.subject), text: fill(t.text) };
}
