import { expect } from '@open-wc/testing';
import { asAppointment, asAppointmentPage, asMe, asServiceList } from './validate.js';
import { asAttachment, asDraft, asMessage, asRecipientList, asSeenState, asThreadDetail, asThreadPage } from './validate-messages.js';
import { appointment, attachment, draft, me, message, page, services, thread, threadDetail, threadPage } from './test/fixtures.js';
import type { OmsorgError } from './errors.js';

/** The `detail` (path) of the invalid-response error `fn` throws. */
function failsAt(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect((e as OmsorgError).kind).to.equal('invalid-response');
    return (e as OmsorgError).detail;
  }
  throw new Error('expected the validator to throw');
}

const full = appointment({
  description: 'Ta med legitimasjon',
  location: { name: 'Dagsenteret', address: 'Storgata 1', atHome: false },
  contact: { name: 'Sykepleier', phone: null },
  preparation: 'Faste fra midnatt',
  cancellationPolicy: { cancellable: false, deadline: '2030-03-03T12:00:00.123+01:00', phone: '+47 22 00 00 00', mode: 'request', consequence: 'x' },
  cancellation: {
    reason: { system: 's', code: 'c' },
    comment: null,
    requestedAt: '2030-03-01T08:00:00Z',
    requestedBy: { id: 'p1', name: 'Kari' },
    answeredAt: null,
    rejectionNote: null,
  },
});

describe('validate', () => {
  it('accepts contract-valid bodies, with optional fields present, null or absent', () => {
    const minimal = appointment();
    for (const k of ['description', 'location', 'contact', 'preparation', 'cancellation'] as const) delete minimal[k];
    expect(asAppointment(full)).to.equal(full);
    expect(asAppointment(minimal)).to.equal(minimal);
    expect(asAppointmentPage(page([full, minimal], 'next'))).to.deep.equal(page([full, minimal], 'next'));
    expect(asMe(me())).to.deep.equal(me());
    expect(asServiceList(services())).to.deep.equal(services());
    expect(asAppointment({ ...full, extra: 'future field' })).to.have.property('extra');
  });

  it('names the first field that breaks the contract', () => {
    const a = (o: Record<string, unknown>) => ({ ...appointment(), ...o });
    expect(failsAt(() => asAppointment(null))).to.equal('');
    expect(failsAt(() => asAppointment([]))).to.equal('');
    expect(failsAt(() => asAppointment(a({ id: undefined })))).to.equal('id');
    expect(failsAt(() => asAppointment(a({ id: '../x' })))).to.equal('id');
    expect(failsAt(() => asAppointment(a({ version: 'a"b' })))).to.equal('version');
    expect(failsAt(() => asAppointment(a({ status: 'maybe' })))).to.equal('status');
    expect(failsAt(() => asAppointment(a({ timing: 'roughly' })))).to.equal('timing');
    expect(failsAt(() => asAppointment(a({ serviceType: { system: 's' } })))).to.equal('serviceType.code');
    expect(failsAt(() => asAppointment(a({ start: '2030-03-04T09:00:00' })))).to.equal('start'); // no offset
    expect(failsAt(() => asAppointment(a({ end: '2030-13-45T09:00:00Z' })))).to.equal('end'); // does not parse
    expect(failsAt(() => asAppointment(a({ description: 5 })))).to.equal('description');
    expect(failsAt(() => asAppointment(a({ location: { address: 'x' } })))).to.equal('location.name');
    expect(failsAt(() => asAppointment(a({ location: { name: 'x', atHome: 'yes' } })))).to.equal('location.atHome');
    expect(failsAt(() => asAppointment(a({ cancellationPolicy: { ...appointment().cancellationPolicy, mode: 'maybe' } })))).to.equal(
      'cancellationPolicy.mode',
    );
    expect(failsAt(() => asAppointment(a({ cancellationPolicy: { ...appointment().cancellationPolicy, cancellable: 'true' } })))).to.equal(
      'cancellationPolicy.cancellable',
    );
    expect(failsAt(() => asAppointment(a({ cancellation: { ...full.cancellation, requestedAt: 'x' } })))).to.equal('cancellation.requestedAt');
  });

  it('checks pages, me and services', () => {
    expect(failsAt(() => asAppointmentPage({ items: [appointment(), { ...appointment(), careService: null }], nextCursor: null }))).to.equal(
      'items[1].careService',
    );
    expect(failsAt(() => asAppointmentPage({ items: [], nextCursor: 3 }))).to.equal('nextCursor');
    expect(failsAt(() => asAppointmentPage({ items: [] }))).to.equal('nextCursor');
    expect(failsAt(() => asMe({ ...me(), subjects: {} }))).to.equal('subjects');
    expect(failsAt(() => asMe({ ...me(), sessionExpiresAt: 'later' }))).to.equal('sessionExpiresAt');
    const s = services().items[0]!;
    expect(failsAt(() => asServiceList({ items: [{ ...s, status: 'paused' }] }))).to.equal('items[0].status');
    expect(failsAt(() => asServiceList({ items: [{ ...s, extent: { ...s.extent, amount: -1 } }] }))).to.equal('items[0].extent.amount');
    expect(failsAt(() => asServiceList({ items: [{ ...s, extent: { ...s.extent, amount: Infinity } }] }))).to.equal('items[0].extent.amount');
    expect(failsAt(() => asServiceList({ items: [{ ...s, extent: { ...s.extent, per: 'decade' } }] }))).to.equal('items[0].extent.per');
    expect(failsAt(() => asServiceList({ items: [{ ...s, validFrom: '2024-01-01T00:00:00Z' }] }))).to.equal('items[0].validFrom');
    expect(failsAt(() => asServiceList({ items: [{ ...s, validTo: 'never' }] }))).to.equal('items[0].validTo');
  });

  it('accepts contract-valid message bodies', () => {
    const detail = threadDetail({ messages: [message({ attachments: [attachment()] }), message({ id: 'm2', sender: { role: 'relative', name: 'Kari', onBehalfOf: 'Ola', isCurrentUser: true } })] });
    expect(asThreadDetail(detail)).to.equal(detail);
    expect(asThreadPage(threadPage([thread(), thread({ id: 't2', lastMessage: null, startedBy: 'staff' })], 0))).to.be.an('object');
    expect(asDraft(draft({ attachments: [attachment({ contentType: 'image/jpeg' })] }))).to.be.an('object');
    expect(asSeenState({ threadId: 't1', unreadCount: 0, totalUnreadCount: 3 })).to.be.an('object');
    expect(asRecipientList({ items: [{ grantedServiceId: 'gs1', serviceType: { system: 's', code: 'c' }, careService: { id: 'cs1', name: 'X' }, replyPolicy: { expectedReplyWorkingDays: 2 } }] })).to.be.an('object');
    const source = { municipality: { number: '4627', name: 'Askøy' }, system: { id: 'askoy-epj', name: 'Askøy kommune, omsorgsjournal' } };
    expect(asRecipientList({ items: [{ grantedServiceId: 'gs1', serviceType: { system: 's', code: 'c' }, careService: { id: 'cs1', name: 'X' }, replyPolicy: { expectedReplyWorkingDays: 2 }, source }] })).to.be.an('object');
  });

  it('names the first field of a message body that breaks the contract', () => {
    expect(failsAt(() => asThreadPage({ ...threadPage(), unreadCount: -1 }))).to.equal('unreadCount');
    expect(failsAt(() => asThreadPage({ ...threadPage(), unreadCount: 1.5 }))).to.equal('unreadCount');
    expect(failsAt(() => asThreadPage({ items: [], nextCursor: null }))).to.equal('unreadCount');
    expect(failsAt(() => asThreadPage(threadPage([thread({ status: 'archived' as 'open' })])))).to.equal('items[0].status');
    expect(failsAt(() => asThreadPage(threadPage([thread({ lastActivityAt: '2030-03-01 09:00' })])))).to.equal('items[0].lastActivityAt');
    expect(failsAt(() => asThreadPage(threadPage([thread({ seenSinceLastUpdate: [{ role: 'staff', name: 'X', seenAt: 'x', isCurrentUser: false }] })])))).to.equal(
      'items[0].seenSinceLastUpdate[0].seenAt',
    );
    expect(failsAt(() => asThreadDetail({ ...thread() }))).to.equal('messages');
    expect(failsAt(() => asThreadDetail(threadDetail({ replyPolicy: { expectedReplyWorkingDays: 'soon' as unknown as number, notice: null } })))).to.equal(
      'replyPolicy.expectedReplyWorkingDays',
    );
    expect(failsAt(() => asMessage(message({ sender: { role: 'admin' as 'staff', name: 'X', isCurrentUser: false } })))).to.equal('sender.role');
    expect(failsAt(() => asMessage(message({ unread: 'no' as unknown as boolean })))).to.equal('unread');
    expect(failsAt(() => asMessage(message({ text: null as unknown as string })))).to.equal('text');
    expect(failsAt(() => asAttachment(attachment({ contentType: 'text/html' as 'image/png' })))).to.equal('contentType');
    expect(failsAt(() => asAttachment(attachment({ id: '../../etc' })))).to.equal('id');
    expect(failsAt(() => asDraft(draft({ version: 'a"b' })))).to.equal('version');
    expect(failsAt(() => asDraft(draft({ grantedServiceId: 7 as unknown as string })))).to.equal('grantedServiceId');
    expect(failsAt(() => asSeenState({ threadId: 't1', unreadCount: 0 }))).to.equal('totalUnreadCount');
    expect(failsAt(() => asRecipientList({ items: [{ grantedServiceId: 'gs1' }] }))).to.equal('items[0].serviceType');
    const recipient = { grantedServiceId: 'gs1', serviceType: { system: 's', code: 'c' }, careService: { id: 'cs1', name: 'X' }, replyPolicy: { expectedReplyWorkingDays: 2 } };
    expect(failsAt(() => asRecipientList({ items: [{ ...recipient, source: { municipality: { number: '46', name: 'Askøy' }, system: { id: 'askoy-epj', name: 'Askøy' } } }] }))).to.equal(
      'items[0].source.municipality.number',
    );
  });
});
