import { expect } from '@open-wc/testing';
import * as codes from '../codes.js';
import { checkWriteRequest } from './cancel.js';
import {
  decideNoticePreferences,
  defaultNoticeChoice,
  isVisitTomorrow,
  maskContact,
  maskEmail,
  maskPhone,
  noticeChannelProblem,
  noticeChannels,
  noticeEvents,
  noticePreferencesOf,
  noticePreviews,
  noticesFor,
  noticeText,
  osloTomorrow,
  threadLink,
  threadLinkParam,
  validateNoticePreferencesChange,
} from './notices.js';

const sender = { municipality: 'Fjordvik kommune', url: 'https://www.fjordvik.kommune.no/min-side' };

describe('rules: notices', () => {
  it("links a new message's notice to its thread by the opaque id only; other events and bad ids get the plain address", () => {
    expect(threadLinkParam).to.equal('omsorg-thread');
    expect(threadLink(sender.url, 'thr-ola-1')).to.equal(`${sender.url}?omsorg-thread=thr-ola-1`);
    expect(threadLink('https://k.no/min-side?lang=nn#innhold', 'thr-1')).to.equal('https://k.no/min-side?lang=nn&omsorg-thread=thr-1#innhold');
    for (const bad of [undefined, '', 'a b', 'x&y=1', '../etc', 'é', 'x'.repeat(65)]) expect(threadLink(sender.url, bad)).to.equal(sender.url);
    for (const locale of ['nb', 'nn', 'en'] as const) {
      const n = noticeText('message-new', locale, sender, { threadId: 'thr-ola-1' });
      expect(n.text).to.include(`${sender.url}?omsorg-thread=thr-ola-1`);
      expect(n.text.length, n.text).to.be.at.most(160);
      // The thread is named only in the link, and only for a new message.
      expect(n.subject).not.to.include('thr-ola-1');
      expect(noticeText('appointment-changed', locale, sender, { threadId: 'thr-ola-1' }).text).not.to.include('omsorg-thread');
    }
    const [sms] = noticesFor('message-new', { channels: ['sms'], events: ['message-new'], language: 'nb', version: '1' }, { phone: '+4791234567', email: null, reserved: false }, sender, { threadId: 'thr-ola-1' });
    expect(sms?.text).to.include('?omsorg-thread=thr-ola-1');
  });

  it('has a subject and a text for every event in every language, naming the sender and the address', () => {
    expect(noticeChannels).to.deep.equal(['sms', 'email']);
    const seen = new Set<string>();
    for (const event of noticeEvents)
      for (const locale of ['nb', 'nn', 'en'] as const) {
        const n = noticeText(event, locale, sender);
        expect(n.text, `${event} ${locale}`).to.include(sender.url);
        expect(`${n.subject} ${n.text}`).to.include('Fjordvik kommune');
        expect(n.text).not.to.match(/\{[mu]\}/);
        // One SMS (160 characters of GSM 03.38, which has æ, ø and å) with this address.
        expect(n.text.length, `${event} ${locale}: ${n.text}`).to.be.at.most(160);
        seen.add(n.text);
      }
    expect(seen.size, 'every text is its own').to.equal(noticeEvents.length * 3);
  });

  it('carries no health content: no label of any code set, in any language', () => {
    const sets = (Object.values(codes) as unknown[]).filter((v): v is codes.CodeSet => typeof v === 'object' && v !== null && 'codes' in v);
    const labels: string[] = sets.flatMap((set) => Object.values(set.codes).flatMap((l) => Object.values(l)));
    expect(labels.length).to.be.greaterThan(20);
    for (const event of noticeEvents)
      for (const locale of ['nb', 'nn', 'en'] as const) {
        const { subject, text } = noticeText(event, locale, sender);
        for (const label of labels) expect(`${subject}\n${text}`.toLowerCase(), label).not.to.include(label.toLowerCase());
        expect(text.toLowerCase()).not.to.match(/hjemmesykepleie|heimesjukepleie|home nursing|omsorg|helse/);
      }
  });

  it('keeps a name as written ($& stays), and drops control and direction characters', () => {
    const n = noticeText('message-new', 'nb', { municipality: ' A$&B\u202E kommune\u0007 ', url: 'https://x.no/\u2066p' });
    expect(n.subject).to.equal('Ny melding fra A$&B kommune');
    expect(n.text).to.include('https://x.no/p');
  });
});

describe('rules: notice preferences', () => {
  const ola = { phone: '+47 912 34 567', email: 'ola.nordmann@example.no', reserved: false };

  it('masks the phone to its last three digits and the e-mail to its first character and domain', () => {
    expect(maskPhone('+47 912 34 567')).to.equal('*** ** 567');
    expect(maskPhone('91234567')).to.equal('*** ** 567');
    expect(maskPhone(null)).to.equal(null);
    expect(maskPhone('')).to.equal(null);
    expect(maskEmail('ola.nordmann@example.no')).to.equal('o***@example.no');
    expect(maskEmail('Ærlig@fjordvik.no')).to.equal('Æ***@fjordvik.no');
    expect(maskEmail('@example.no'), 'no local part').to.equal('***');
    expect(maskEmail(null)).to.equal(null);
    expect(maskContact(undefined)).to.deep.equal({ phone: null, email: null, reserved: false });
    const masked = JSON.stringify(maskContact(ola));
    expect(masked).not.to.include('912');
    expect(masked).not.to.include('nordmann');
  });

  it('starts with no channel, no event and bokmål, and previews every event in the language', () => {
    const p = noticePreferencesOf(undefined, ola, sender);
    expect(p).to.deep.include({ channels: [], events: [], language: 'nb', version: '0' });
    expect(p.contact).to.deep.equal({ phone: '*** ** 567', email: 'o***@example.no', reserved: false });
    expect(p.previews.map((x) => x.event)).to.deep.equal([...noticeEvents]);
    expect(p.previews[0]).to.deep.equal({ event: 'message-new', ...noticeText('message-new', 'nb', sender) });
    const en = noticePreferencesOf({ channels: ['email', 'sms'], events: ['visit-reminder', 'message-new'], language: 'en', version: '3' }, ola, sender);
    expect(en.channels, 'in the contract order').to.deep.equal(['sms', 'email']);
    expect(en.events).to.deep.equal(['message-new', 'visit-reminder']);
    expect(en.previews[3]!.text).to.equal(noticeText('visit-reminder', 'en', sender).text);
    expect(noticePreviews('nn', sender).every((x, i) => x.subject === noticeText(noticeEvents[i]!, 'nn', sender).subject)).to.equal(true);
  });

  it('refuses a repeated or unknown channel or event with a pointer to it', () => {
    expect(validateNoticePreferencesChange({ channels: ['sms'], events: [], language: 'nn' })).to.deep.equal([]);
    expect(validateNoticePreferencesChange({ channels: ['sms', 'sms'], events: ['message-new', 'visit-reminder', 'message-new'], language: 'nb' })).to.deep.equal([
      { pointer: '/channels/1', code: 'invalid' },
      { pointer: '/events/2', code: 'invalid' },
    ]);
    expect(validateNoticePreferencesChange({ channels: ['fax'], events: 'all', language: 'de', extra: 1 })).to.deep.equal([
      { pointer: '/extra', code: 'invalid' },
      { pointer: '/channels/0', code: 'unknown-code' },
      { pointer: '/events', code: 'invalid' },
      { pointer: '/language', code: 'unknown-code' },
    ]);
    expect(validateNoticePreferencesChange({})).to.deep.equal([
      { pointer: '/channels', code: 'required' },
      { pointer: '/events', code: 'required' },
      { pointer: '/language', code: 'required' },
    ]);
    expect(validateNoticePreferencesChange([])).to.deep.equal([{ pointer: '', code: 'invalid' }]);
    expect(validateNoticePreferencesChange({ channels: ['sms', 'email', 'sms'], events: [], language: 'nb' })).to.deep.equal([
      { pointer: '/channels', code: 'too-many' },
      { pointer: '/channels/2', code: 'invalid' },
    ]);
  });

  it('allows only channels the register has a detail for, none while reserved, and always none', () => {
    expect(noticeChannelProblem(['sms', 'email'], ola)).to.equal(null);
    expect(noticeChannelProblem([], { ...ola, reserved: true }), 'notices off').to.equal(null);
    const emailOnly = noticeChannelProblem(['email', 'sms'], { phone: null, email: 'kari@example.no', reserved: false });
    expect(emailOnly).to.deep.include({ status: 422, key: 'noticeChannelUnavailable' });
    expect(emailOnly?.errors).to.deep.equal([{ pointer: '/channels/1', code: 'invalid' }]);
    const reserved = noticeChannelProblem(['sms', 'email'], { ...ola, reserved: true });
    expect(reserved?.errors).to.deep.equal([
      { pointer: '/channels/0', code: 'invalid' },
      { pointer: '/channels/1', code: 'invalid' },
    ]);
    expect(reserved?.detail).to.match(/reserved/);
    expect(noticeChannelProblem(['sms'], undefined)?.errors).to.deep.equal([{ pointer: '/channels/0', code: 'invalid' }]);
  });

  it('asks for If-Match (428) before the Idempotency-Key (400), as the contract orders them', () => {
    const bare = { idempotencyKey: null, ifMatch: null, bodyText: '{}', contentType: 'application/json' };
    expect(checkWriteRequest(bare, 'notice preferences', { ifMatchFirst: true })).to.deep.include({ status: 428 });
    expect(checkWriteRequest(bare, 'consent'), 'the default order').to.deep.include({ status: 400, key: 'idempotencyKeyMissing' });
    expect(checkWriteRequest({ ...bare, ifMatch: '"0"' }, 'notice preferences', { ifMatchFirst: true })).to.deep.include({ status: 400, key: 'idempotencyKeyMissing' });
    expect(checkWriteRequest({ ...bare, ifMatch: '"0"', idempotencyKey: 'k-12345678' }, 'notice preferences', { ifMatchFirst: true })).to.deep.equal({ key: 'k-12345678', ifMatch: '"0"', body: {} });
  });

  it('decides 412 before 422, stores a real change as the next version and a repeat as none', () => {
    const current = { ...defaultNoticeChoice, channels: [], events: [] };
    const change = { channels: ['email' as const], events: ['message-new' as const], language: 'en' as const };
    expect(decideNoticePreferences(current, '"7"', change, undefined)).to.deep.include({ status: 412 });
    expect(decideNoticePreferences(current, '"0"', change, { phone: '1', email: null, reserved: false })).to.deep.include({ status: 422 });
    const decided = decideNoticePreferences(current, '"0"', change, ola);
    expect(decided).to.deep.equal({ choice: { channels: ['email'], events: ['message-new'], language: 'en', version: '1' } });
    const again = decideNoticePreferences({ channels: ['email'], events: ['message-new'], language: 'en', version: '1' }, '"1"', change, ola);
    expect(again).to.deep.equal({ choice: null });
  });

  it('sends one notice per chosen channel with an address, only for a chosen event, never while reserved', () => {
    const choice = { channels: ['sms' as const, 'email' as const], events: ['message-new' as const], language: 'nn' as const, version: '1' };
    const sent = noticesFor('message-new', choice, ola, sender);
    expect(sent.map((n) => [n.channel, n.address, n.maskedAddress])).to.deep.equal([
      ['sms', '+47 912 34 567', '*** ** 567'],
      ['email', 'ola.nordmann@example.no', 'o***@example.no'],
    ]);
    expect(sent[0]).to.deep.include({ event: 'message-new', language: 'nn', ...noticeText('message-new', 'nn', sender) });
    expect(noticesFor('visit-reminder', choice, ola, sender), 'an event not chosen').to.deep.equal([]);
    expect(noticesFor('message-new', choice, { ...ola, reserved: true }, sender)).to.deep.equal([]);
    expect(noticesFor('message-new', choice, { ...ola, phone: null }, sender).map((n) => n.channel)).to.deep.equal(['email']);
    expect(noticesFor('message-new', undefined, ola, sender), 'no choice made').to.deep.equal([]);
  });

  it('finds tomorrow by the Oslo calendar, across the spring summer-time change', () => {
    // 2027-03-28: clocks go from 02:00 to 03:00 in Oslo; that day has 23 hours.
    const lateOnSaturday = new Date('2027-03-27T22:30:00Z'); // 23:30 Oslo, Saturday
    expect(osloTomorrow(lateOnSaturday)).to.equal('2027-03-28');
    expect(osloTomorrow(new Date('2027-03-27T23:30:00Z')), '00:30 Oslo on Sunday').to.equal('2027-03-29');
    expect(isVisitTomorrow(new Date('2027-03-28T21:59:00Z'), 'booked', lateOnSaturday), '23:59 Oslo on Sunday').to.equal(true);
    expect(isVisitTomorrow(new Date('2027-03-28T22:00:00Z'), 'booked', lateOnSaturday), '00:00 Oslo on Monday').to.equal(false);
    expect(isVisitTomorrow(new Date('2027-03-27T23:00:00Z'), 'booked', lateOnSaturday), '00:00 Oslo on Sunday').to.equal(true);
    expect(isVisitTomorrow(new Date('2027-03-28T08:00:00Z'), 'cancelled', lateOnSaturday)).to.equal(false);
  });
});
