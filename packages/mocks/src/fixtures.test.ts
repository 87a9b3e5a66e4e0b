import { expect } from '@open-wc/testing';
import { cancellationReasons, relations, serviceTypes, type Appointment } from '@omsorg/contract';
import { contactRegisterPersons, createContactRegister, noticeSender } from '@omsorg/fixtures';
import { noticeChannelProblem } from '@omsorg/contract';
import { appointmentIds, buildInbox, buildLongThread, createFixtures, persons, personKeys, subjectIds, threadIds, tinyJpeg, type Fixtures, type ThreadFixture } from '@omsorg/fixtures';
import { loadContract, validateAs, type OpenApi } from './test/schema.js';
import { NOW } from './test/worker.js';
import { osloOffset } from '@omsorg/contract';
import { sniffAttachmentType } from '@omsorg/contract';

const allAppointments = (f: Fixtures): Appointment[] => Object.values(f.subjects).flatMap((s) => s.appointments);
const byId = (f: Fixtures, id: string): Appointment => {
  const a = allAppointments(f).find((x) => x.id === id);
  if (!a) throw new Error(`no fixture ${id}`);
  return a;
};
const localTime = (iso: string): string => iso.slice(11, 16);

// Summer, both DST changes, just before and after midnight, and the real clock.
const nows = [
  NOW,
  new Date('2025-03-28T12:00:00+01:00'),
  new Date('2025-10-24T12:00:00+02:00'),
  new Date('2025-12-31T23:30:00+01:00'),
  new Date('2026-02-02T00:15:00+01:00'),
  new Date(),
];

describe('fixtures', () => {
  let doc: OpenApi;
  before(async () => {
    doc = await loadContract();
  });

  it('satisfy the contract schemas (Me, Appointment, GrantedService) for any now', () => {
    for (const now of nows) {
      const f = createFixtures(now);
      for (const key of personKeys) expect(validateAs(doc, 'Me', f.me[key]), `me ${key}`).to.deep.equal([]);
      for (const s of Object.values(f.subjects)) {
        for (const a of s.appointments) expect(validateAs(doc, 'Appointment', a), a.id).to.deep.equal([]);
        for (const g of s.services) expect(validateAs(doc, 'GrantedService', g), g.id).to.deep.equal([]);
      }
    }
  });

  it('use known codes, unique ids, the subject they belong to, and a version', () => {
    const f = createFixtures(NOW);
    const ids = new Set<string>();
    for (const s of Object.values(f.subjects)) {
      for (const a of s.appointments) {
        expect(ids.has(a.id), a.id).to.equal(false);
        ids.add(a.id);
        expect(a.subjectId).to.equal(s.id);
        expect(a.version).to.be.a('string').and.not.empty;
        expect(a.serviceType.system).to.equal(serviceTypes.system);
        expect(Object.keys(serviceTypes.codes)).to.include(a.serviceType.code);
        if (a.cancellation) {
          expect(a.cancellation.reason.system).to.equal(cancellationReasons.system);
          expect(Object.keys(cancellationReasons.codes)).to.include(a.cancellation.reason.code);
        }
        expect(Date.parse(a.end)).to.be.greaterThan(Date.parse(a.start));
      }
    }
    for (const key of personKeys) {
      for (const s of f.me[key].subjects) expect(Object.keys(relations.codes)).to.include(s.relation.code);
    }
  });

  it('carry opaque subject ids and no national identity numbers', () => {
    const text = JSON.stringify(createFixtures(NOW));
    expect(text).not.to.match(/\d{11}/);
    expect(text).not.to.match(/\d{6}[ -]?\d{5}/);
    for (const id of Object.values(subjectIds)) expect(id).to.match(/^sub-[a-z]+-[0-9a-f]{4}$/);
  });

  for (const [label, now, change] of [
    ['late March', new Date('2025-03-28T12:00:00+01:00'), Date.parse('2025-03-30T01:00:00Z')],
    ['late October', new Date('2025-10-24T12:00:00+02:00'), Date.parse('2025-10-26T01:00:00Z')],
  ] as const) {
    it(`give the right Oslo offset on each side of the DST change (${label})`, () => {
      const f = createFixtures(now);
      const winterFirst = label === 'late March';
      const seen = new Set<string>();
      for (const a of allAppointments(f)) {
        for (const iso of [a.start, a.end, a.cancellationPolicy.deadline]) {
          const t = Date.parse(iso);
          const expected = (t < change) === winterFirst ? '+01:00' : '+02:00';
          expect(iso.slice(-6), `${a.id} ${iso}`).to.equal(expected);
          expect(iso.slice(-6)).to.equal(osloOffset(new Date(t)));
          seen.add(expected);
        }
        // Wall-clock times stay put across the change.
        if (a.id.startsWith('apt-ola-hsp-') && a.id.endsWith('-am')) {
          expect(localTime(a.start), a.id).to.equal('08:00');
          expect(localTime(a.end), a.id).to.equal('10:00');
        }
      }
      expect([...seen].sort()).to.deep.equal(['+01:00', '+02:00']);
    });
  }

  it('give Ola daily home-nursing windows at home, weekly practical help, a safety alarm and a day centre', () => {
    const f = createFixtures(NOW);
    const ola = f.subjects[subjectIds.ola]!.appointments;
    const nursing = ola.filter((a) => a.serviceType.code === '15');
    expect(nursing.length).to.be.greaterThan(20);
    for (const a of nursing) {
      expect(a.timing).to.equal('window');
      expect(a.location?.atHome).to.equal(true);
    }
    const practical = ola.filter((a) => a.serviceType.code === '1');
    expect(practical.length).to.be.at.least(2);
    expect(practical.every((a) => a.timing === 'exact')).to.equal(true);
    expect(ola.some((a) => a.serviceType.code === '6')).to.equal(true);
    const centre = ola.filter((a) => a.cancellationPolicy.mode === 'request');
    expect(centre.length).to.be.at.least(1);
    expect(centre.every((a) => a.serviceType.code === '4' && !!a.cancellationPolicy.consequence)).to.equal(true);
    expect(ola.filter((a) => a.preparation).length).to.be.at.least(3);
  });

  it('give Ola upcoming cancellable visits, one past its deadline, and a past with one cancelled', () => {
    const f = createFixtures(NOW);
    const ola = f.subjects[subjectIds.ola]!.appointments;
    const now = NOW.getTime();
    const upcoming = ola.filter((a) => Date.parse(a.end) >= now);
    const past = ola.filter((a) => Date.parse(a.end) < now);
    expect(upcoming.filter((a) => a.cancellationPolicy.cancellable && Date.parse(a.cancellationPolicy.deadline) > now).length).to.be.greaterThan(5);
    expect(upcoming.some((a) => !a.cancellationPolicy.cancellable && Date.parse(a.cancellationPolicy.deadline) < now && a.status === 'booked')).to.equal(true);
    expect(past.length).to.be.greaterThan(5);
    expect(past.filter((a) => a.status === 'cancelled')).to.have.length(1);
    expect(past.filter((a) => a.status !== 'cancelled').every((a) => a.status === 'fulfilled')).to.equal(true);
    expect(past.every((a) => !a.cancellationPolicy.cancellable)).to.equal(true);
  });

  it('keep the named appointments in their roles whatever now is', () => {
    for (const now of nows) {
      const f = createFixtures(now);
      const t = now.getTime();
      const a = (k: keyof typeof appointmentIds) => byId(f, appointmentIds[k]);
      const upcoming = (x: Appointment) => Date.parse(x.end) >= t;
      const label = now.toISOString();

      expect(upcoming(a('olaCancellable')) && a('olaCancellable').cancellationPolicy.cancellable, label).to.equal(true);
      expect(a('olaCancellable').cancellationPolicy.mode).to.equal('final');
      expect(a('olaNursingWindow').cancellationPolicy.cancellable && !!a('olaNursingWindow').preparation, label).to.equal(true);
      expect(a('olaRequestMode').cancellationPolicy).to.include({ mode: 'request', cancellable: true });
      const passed = a('olaDeadlinePassed');
      expect(upcoming(passed) && !passed.cancellationPolicy.cancellable && Date.parse(passed.cancellationPolicy.deadline) < t, label).to.equal(true);
      expect(a('olaCancellationRequested')).to.include({ status: 'cancellation-requested' });
      expect(a('olaCancellationRequested').cancellationPolicy.cancellable).to.equal(false);
      expect(a('olaCancellationRejected')).to.include({ status: 'cancellation-rejected' });
      expect(a('olaCancellationRejected').cancellation?.rejectionNote).to.be.a('string');
      expect(a('olaPastCancelled').status).to.equal('cancelled');
      expect(a('olaPastCancelled').cancellation?.requestedBy).to.deep.equal(persons.kari);
      expect(upcoming(a('olaPastCancelled'))).to.equal(false);
      expect(a('olaPastFulfilled').status).to.equal('fulfilled');
      expect(a('emmaActivity').cancellationPolicy.cancellable, label).to.equal(true);
      expect(a('emmaRespite').cancellationPolicy).to.include({ mode: 'request', cancellable: true });
    }
  });

  it('give Ola granted services with extents, including an ended one', () => {
    const services = createFixtures(NOW).subjects[subjectIds.ola]!.services;
    const by = (code: string) => services.find((s) => s.serviceType.code === code);
    expect(by('15')?.extent).to.deep.equal({ amount: 2, unit: 'visits', per: 'day' });
    expect(by('1')?.extent).to.deep.equal({ amount: 3, unit: 'hours', per: 'week' });
    expect(by('6')?.status).to.equal('active');
    const ended = services.filter((s) => s.status === 'ended');
    expect(ended).to.have.length(1);
    expect(ended[0]!.validTo! < '2025-06-11').to.equal(true);
  });

  it('let Kari act for her father Ola and Per for his daughter Emma; Kari has nothing of her own', () => {
    const f = createFixtures(NOW);
    const kari = f.me.kari;
    expect(kari.person).to.deep.equal(persons.kari);
    expect(kari.subjects.map((s) => [s.id, s.relation.code])).to.deep.equal([
      [subjectIds.kari, 'self'],
      [subjectIds.ola, 'PRN'],
    ]);
    expect(kari.subjects[1]!.scopes).to.include.members(['appointments.read', 'appointments.cancel', 'services.read', 'messages']);
    expect(f.subjects[subjectIds.kari]).to.include({ name: 'Kari Nordmann' });
    expect(f.subjects[subjectIds.kari]!.appointments).to.have.length(0);
    expect(f.subjects[subjectIds.kari]!.services).to.have.length(0);

    const per = f.me.per;
    expect(per.subjects.map((s) => [s.id, s.relation.code])).to.deep.equal([
      [subjectIds.per, 'self'],
      [subjectIds.emma, 'CHILD'],
    ]);
    const emma = f.subjects[subjectIds.emma]!;
    expect(new Set(emma.appointments.map((a) => a.serviceType.code))).to.deep.equal(new Set(['4', '7']));
    expect(f.me.ola.subjects).to.have.length(1);
    expect(f.me.ola.subjects[0]).to.include({ id: subjectIds.ola });
  });

  it('give message threads with ordered messages, Oslo offsets, known services and read pointers', () => {
    for (const now of nows) {
      const f = createFixtures(now);
      for (const s of Object.values(f.subjects)) {
        const serviceIds = s.services.map((g) => g.id);
        for (const t of s.threads) {
          expect(t.subjectId).to.equal(s.id);
          expect(serviceIds, t.id).to.include(t.grantedServiceId);
          const times = t.messages.map((m) => Date.parse(m.sentAt));
          expect(times).to.deep.equal([...times].sort((a, b) => a - b));
          expect(Date.parse(t.createdAt)).to.equal(times[0]);
          for (const iso of [t.createdAt, ...t.messages.map((m) => m.sentAt), ...t.reads.map((r) => r.seenAt)]) {
            expect(iso.slice(-6), iso).to.equal(osloOffset(new Date(iso)));
          }
          for (const r of t.reads) expect(t.messages.map((m) => m.id)).to.include(r.upToMessageId);
          expect(Array.from(t.title).length).to.be.within(1, 120);
        }
      }
      for (const a of f.attachments) {
        expect(sniffAttachmentType(a.bytes), a.id).to.equal(a.contentType);
        expect(a.size).to.equal(a.bytes.length);
        expect(validateAs(doc, 'Attachment', { id: a.id, filename: a.filename, contentType: a.contentType, size: a.size })).to.deep.equal([]);
      }
    }
  });

  it('give Ola an unread staff reply, a staff-started thread, a closed one and one Kari wrote for him; Emma one thread', () => {
    const f = createFixtures(NOW);
    const ola = f.subjects[subjectIds.ola]!.threads;
    const by = (id: string): ThreadFixture => ola.find((t) => t.id === id)!;
    expect(by(threadIds.olaUnreadReply).messages.at(-1)!.sender.role).to.equal('staff');
    expect(by(threadIds.olaUnreadReply).messages.at(-1)!.attachmentIds).to.have.length(1);
    expect(by(threadIds.olaStaffStarted).startedBy).to.equal('staff');
    expect(by(threadIds.olaClosed).status).to.equal('closed');
    expect(by(threadIds.olaByKari).messages[0]!.sender).to.include({ role: 'relative', personId: persons.kari.id, onBehalfOf: persons.ola.name });
    expect(f.subjects[subjectIds.emma]!.threads.map((t) => t.id)).to.deep.equal([threadIds.emma]);
    expect(f.replyPolicies['cs-hjemmesykepleie-nord']!.expectedReplyWorkingDays).to.equal(2);
    expect(sniffAttachmentType(tinyJpeg())).to.equal('image/jpeg');
  });

  it('build large data: an inbox of n threads and a thread of n messages', () => {
    const inbox = buildInbox(500, { now: NOW });
    expect(inbox).to.have.length(500);
    expect(new Set(inbox.map((t) => t.id)).size).to.equal(500);
    expect(inbox.filter((t) => t.status === 'closed').length).to.be.greaterThan(50);
    const long = buildLongThread(2000, { now: NOW });
    expect(long.messages).to.have.length(2000);
    expect(Date.parse(long.messages.at(-1)!.sentAt)).to.be.lessThan(NOW.getTime());
    expect(buildInbox(3)).to.have.length(3);
  });

  it('has a contact register with one person of each kind, and a municipality that signs the notices', () => {
    const register = createContactRegister();
    const known = new Set(Object.values(persons).map((p) => p.id));
    for (const id of Object.keys(register)) expect(known.has(id), id).to.equal(true);
    const of = (key: keyof typeof contactRegisterPersons) => register[persons[contactRegisterPersons[key]].id];
    expect(noticeChannelProblem(['sms', 'email'], of('phoneAndEmail'))).to.equal(null);
    expect(noticeChannelProblem(['email'], of('emailOnly'))).to.equal(null);
    expect(noticeChannelProblem(['sms'], of('emailOnly'))?.status).to.equal(422);
    expect(of('reserved')?.reserved).to.equal(true);
    for (const r of Object.values(register)) {
      if (r.email) expect(r.email, 'a fictional mailbox').to.match(/@example\.no$/);
    }
    expect(noticeSender.municipality).to.equal('Fjordvik kommune');
    expect(noticeSender.url).to.match(/^https:\/\//);
  });
});
