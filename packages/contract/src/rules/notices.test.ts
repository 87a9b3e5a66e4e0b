import { expect } from '@open-wc/testing';
import * as codes from '../codes.js';
import { noticeChannels, noticeEvents, noticeText } from './notices.js';

const sender = { municipality: 'Fjordvik kommune', url: 'https://www.fjordvik.kommune.no/min-side' };

describe('rules: notices', () => {
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
