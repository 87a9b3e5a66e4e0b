/**
 * The SDK's response guards against openapi.yaml itself. The judge is Ajv (the validators compiled
 * from the contract, contract/src/generated/validators.js). From valid example bodies, every constraint the
 * schema puts on a field that the example has is broken one at a time (missing, wrong type, value
 * outside the enum, too long, too short, pattern, format, below or above a limit, too many items,
 * null where null is not allowed): Ajv must refuse each body, and the guard must too, naming that
 * field. Every enum value and every limit itself must pass both. Three leniencies are the guards'
 * on purpose, and are checked as such: unknown extra fields, `null` for a field that may be absent,
 * and a date-time without seconds (the rules core's isDateTime).
 */
import { expect } from '@open-wc/testing';
import { parse } from 'yaml';
// Test-only and not a published entry point of @omsorg/contract, so imported by path.
import * as validators from '../../contract/src/generated/validators.js';
import type { SchemaValidator } from '../../contract/src/generated/validators.js';
import { asAppointment, asAppointmentPage, asMe, asServiceList, type Validator } from './validate.js';
import { asAccessLogPage } from './access-log.js';
import { noticePreferencesGuard, type NoticePreferences } from '@omsorg/contract';
import { as } from './validate.js';
import {
  asAttachment,
  asDraft,
  asMessage,
  asPersonLookupResult,
  asRecipientList,
  asRelativeAccess,
  asRelativeAccessList,
  asSeenState,
  asThreadDetail,
  asThreadPage,
} from './validate-messages.js';
import { appointment, attachment, draft, me, message, page, services, thread, threadDetail, threadPage } from './test/fixtures.js';
import type { OmsorgError } from './errors.js';

type Schema = Record<string, any>;
type Json = unknown;

/** A schema with its $refs followed, allOf merged, and `null` pulled out as a flag. */
interface Node {
  nullable: boolean;
  type?: string;
  enum?: unknown[];
  properties: Record<string, Schema>;
  required: string[];
  additionalProperties?: boolean;
  items?: Schema;
  s: Schema;
}

let schemas: Record<string, Schema>;

function resolve(schema: Schema): Node {
  if (schema.$ref) return resolve(schemas[String(schema.$ref).replace('#/components/schemas/', '')]!);
  if (schema.allOf) {
    const parts = (schema.allOf as Schema[]).map(resolve);
    return { ...parts[0]!, properties: Object.assign({}, ...parts.map((p) => p.properties)), required: parts.flatMap((p) => p.required) };
  }
  if (schema.oneOf) {
    const other = (schema.oneOf as Schema[]).find((s) => s.type !== 'null')!;
    return { ...resolve(other), nullable: true };
  }
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
  return {
    nullable: types.includes('null'),
    type: types.find((t) => t !== 'null'),
    enum: schema.enum,
    properties: schema.properties ?? {},
    required: schema.required ?? [],
    additionalProperties: schema.additionalProperties,
    items: schema.items,
    s: schema,
  };
}

/** A copy of `root` with the value at `path` replaced (or deleted when `value` is `DELETE`). */
const DELETE = Symbol('delete');
function setAt(root: Json, path: (string | number)[], value: unknown): Json {
  if (!path.length) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return copy;
}

/** The path as the guards name it: `items[0].careService.name`. */
const dotted = (path: (string | number)[]): string =>
  path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');

interface Variant {
  why: string;
  path: (string | number)[];
  body: Json;
}

const wrongType: Record<string, unknown> = { string: 42, number: '1', integer: '1', boolean: 'true', object: [], array: {} };
const badPatternCandidates = ['', ' ', 'a"b', '../x', 'x'.repeat(70), 'me me'];

/** Bodies that break exactly one constraint, bodies at a limit that still fit, and the leniencies. */
function variants(root: Json, schema: Schema) {
  const broken: Variant[] = [];
  const fitting: Variant[] = [];
  const lenient: Variant[] = [];
  const walk = (value: unknown, node: Node, path: (string | number)[]) => {
    const at = (why: string, v: unknown) => ({ why, path, body: setAt(root, path, v) });
    if (path.length) {
      broken.push(at(`${node.type} of the wrong type`, wrongType[node.type ?? 'string']));
      if (!node.nullable) broken.push(at('null', null));
    }
    if (value === null) return;
    const s = node.s;
    if (node.enum) {
      broken.push(at('a value outside the enum', 'not-in-the-contract'));
      for (const v of node.enum) fitting.push(at(`enum value ${String(v)}`, v));
    }
    if (node.type === 'string' && !node.enum) {
      if (typeof s.maxLength === 'number' && !s.pattern && !s.format) {
        broken.push(at(`longer than ${s.maxLength}`, 'x'.repeat(s.maxLength + 1)));
        fitting.push(at(`${s.maxLength} characters`, 'x'.repeat(s.maxLength)));
        fitting.push(at(`${s.maxLength} code points in more UTF-16 units`, '😀'.repeat(s.maxLength)));
      }
      if (typeof s.minLength === 'number' && s.minLength > 0) broken.push(at(`shorter than ${s.minLength}`, 'x'.repeat(s.minLength - 1)));
      if (s.pattern) {
        const re = new RegExp(s.pattern, 'u');
        broken.push(at(`not matching ${s.pattern}`, badPatternCandidates.find((c) => !re.test(c))));
      }
      if (s.format === 'date-time') {
        broken.push(at('not a date-time', '2030-03-04 at nine'), at('a date-time without an offset', '2030-03-04T09:00:00'));
        broken.push(at('a date-time that is no day', '2030-13-45T09:00:00Z'));
        fitting.push(at('a date-time in UTC with fractions', '2030-03-04T09:00:00.123Z'), at('a date-time with an offset', '2030-03-04T10:00:00+01:00'));
        lenient.push(at('a date-time without seconds', '2030-03-04T09:00Z'));
      }
      if (s.format === 'date') broken.push(at('not a date', '4 March'), at('a date-time for a date', '2030-03-04T00:00:00Z'));
    }
    if (node.type === 'number' || node.type === 'integer') {
      if (node.type === 'integer') broken.push(at('not an integer', 1.5));
      if (typeof s.minimum === 'number') broken.push(at(`below ${s.minimum}`, s.minimum - 1)), fitting.push(at(`at ${s.minimum}`, s.minimum));
      if (typeof s.maximum === 'number') broken.push(at(`above ${s.maximum}`, s.maximum + 1)), fitting.push(at(`at ${s.maximum}`, s.maximum));
    }
    if (node.type === 'array' && Array.isArray(value)) {
      if (typeof s.maxItems === 'number' && value.length) {
        broken.push(at(`more than ${s.maxItems} items`, Array.from({ length: s.maxItems + 1 }, () => value[0])));
      }
      if (value.length) walk(value[0], resolve(node.items!), [...path, 0]);
    }
    if (node.type === 'object' && value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (node.additionalProperties === false) lenient.push(at('an unknown extra field', { ...o, addedLater: 1 }));
      for (const [k, p] of Object.entries(node.properties)) {
        const child = resolve(p);
        const required = node.required.includes(k);
        if (required) broken.push({ why: 'missing', path: [...path, k], body: setAt(root, [...path, k], DELETE) });
        if (!(k in o)) continue;
        if (!required && !child.nullable) lenient.push({ why: 'null for a field that may be absent', path: [...path, k], body: setAt(root, [...path, k], null) });
        // null for a field that may be absent is one of the leniencies above, not a violation.
        walk(o[k], { ...child, nullable: child.nullable || !required }, [...path, k]);
      }
    }
  };
  walk(root, resolve(schema), []);
  return { broken, fitting, lenient };
}

/** The guard's verdict: undefined when it passes, else the field it names. */
function guardSays(guard: Validator<unknown>, body: Json): string | undefined {
  try {
    guard(body);
    return undefined;
  } catch (e) {
    expect((e as OmsorgError).kind).to.equal('invalid-response');
    return (e as OmsorgError).detail ?? '';
  }
}

const ajvSays = (name: string, body: Json): boolean => (validators as unknown as Record<string, SchemaValidator>)[name]!(body);

const cases = (): [string, Validator<unknown>, Json[]][] => [
  ['Me', asMe, [me(), { ...me(), sessionExpiresAt: '2030-03-04T09:00:00Z', subjects: [{ ...me().subjects[0]!, validTo: '2030-12-31' }] }]],
  [
    'Appointment',
    asAppointment,
    [
      appointment(),
      appointment({
        description: 'Ta med legitimasjon',
        location: { name: 'Dagsenteret', address: 'Storgata 1', atHome: false },
        contact: { name: 'Sykepleier', phone: '+47 22 00 00 00' },
        preparation: 'Faste fra midnatt',
        cancellationPolicy: { cancellable: false, deadline: '2030-03-03T12:00:00.123+01:00', phone: '+47 22 00 00 00', mode: 'request', consequence: 'x' },
        cancellation: {
          reason: { system: 's', code: 'c' },
          comment: 'Syk',
          requestedAt: '2030-03-01T08:00:00Z',
          requestedBy: { id: 'p1', name: 'Kari' },
          answeredAt: '2030-03-01T09:00:00Z',
          rejectionNote: 'Nei',
        },
      }),
    ],
  ],
  ['AppointmentPage', asAppointmentPage, [page([appointment()], 'next')]],
  ['ServiceList', asServiceList, [services()]],
  [
    'RecipientList',
    asRecipientList,
    [{ items: [{ grantedServiceId: 'gs1', serviceType: { system: 's', code: 'c' }, careService: { id: 'cs1', name: 'X', phone: '+47 1' }, replyPolicy: { expectedReplyWorkingDays: 2, notice: 'Stengt i juli' } }] },
      {
        items: [
          {
            grantedServiceId: 'gs1',
            serviceType: { system: 's', code: 'c' },
            careService: { id: 'cs1', name: 'X' },
            replyPolicy: { expectedReplyWorkingDays: 2 },
            source: { municipality: { number: '4627', name: 'Askøy' }, system: { id: 'askoy-epj', name: 'Askøy kommune, omsorgsjournal' } },
          },
        ],
      },
    ],
  ],
  ['ThreadPage', asThreadPage, [threadPage([thread({ startedBy: 'citizen', seenSinceLastUpdate: [{ role: 'staff', name: 'X', seenAt: '2030-03-01T09:00:00Z', isCurrentUser: false }] })], 1, 'next')]],
  ['ThreadDetail', asThreadDetail, [threadDetail({ messages: [message({ attachments: [attachment()], sender: { role: 'relative', name: 'Kari', onBehalfOf: 'Ola', isCurrentUser: true } })] })]],
  ['Message', asMessage, [message({ attachments: [attachment()] })]],
  ['SeenState', asSeenState, [{ threadId: 't1', unreadCount: 0, totalUnreadCount: 3 }]],
  ['Draft', asDraft, [draft({ title: 'Tittel', grantedServiceId: 'gs1', attachments: [attachment()] })]],
  ['Attachment', asAttachment, [attachment()]],
  [
    'AccessLogPage',
    asAccessLogPage,
    [
      {
        items: [
          { id: '12', recorded: '2030-03-01T09:00:00+01:00', action: 'read', entity: { kind: 'messages' }, agent: { role: 'staff', name: null, relation: null, careService: { id: 'cs1', name: 'X' } } },
          { id: '11', recorded: '2030-03-01T08:00:00+01:00', action: 'cancel', entity: { kind: 'appointments' }, agent: { role: 'relative', name: 'Kari', relation: { system: 's', code: 'PRN' }, careService: null } },
        ],
        nextCursor: 'next',
        from: '2030-02-01',
        to: '2030-03-01',
      },
    ],
  ],
  ['RelativeAccess', asRelativeAccess, [relativeAccess(), relativeAccess({ basis: 'parent', status: 'inactive', period: { start: null, end: null }, grantedAt: null, revokedAt: '2030-03-02T10:00:00+01:00' })]],
  ['RelativeAccessList', asRelativeAccessList, [{ relatives: [relativeAccess()], actingFor: [relativeAccess({ basis: 'parent' })] }]],
  ['PersonLookupResult', asPersonLookupResult, [{ name: 'Lars Berg' }]],
  [
    'NoticePreferences',
    // The SDK's check is this guard and the ETag rule (asNoticePreferences); the guard is what the schema judges.
    as<NoticePreferences>(noticePreferencesGuard),
    [
      {
        channels: ['sms', 'email'],
        events: ['message-new', 'visit-reminder'],
        language: 'nn',
        contact: { phone: '*** ** 867', email: 'o***@example.no', reserved: false },
        previews: [{ event: 'message-new', subject: 'Ny melding frå Fjordvik kommune', text: 'Du har fått ei ny melding.' }],
        version: '2',
      },
      { channels: [], events: [], language: 'nb', contact: { phone: null, email: null, reserved: true }, previews: [], version: '0' },
    ],
  ],
];

/** A relative's access as the contract has it, with `over` replacing members. */
function relativeAccess(over: Record<string, unknown> = {}) {
  return {
    id: 'rac-1',
    basis: 'consent',
    status: 'active',
    subjectId: 'sub-ola',
    subject: { id: 'psn-ola', name: 'Ola Nordmann' },
    relative: { id: 'psn-kari', name: 'Kari Nordmann' },
    relationship: { system: 'urn:omsorg:codesystem:relasjon', code: 'O' },
    scopes: ['appointments.read', 'messages'],
    period: { start: '2030-03-01', end: '2030-12-31' },
    grantedAt: '2030-03-01T10:00:00+01:00',
    revokedAt: null,
    ...over,
  };
}

describe('validate: the guards hold to openapi.yaml', () => {
  before(async () => {
    const doc = parse(await (await fetch('/packages/contract/openapi.yaml')).text()) as { components: { schemas: Record<string, Schema> } };
    schemas = doc.components.schemas;
  });

  for (const [name] of cases()) {
    it(`${name}: what the schema refuses, the guard refuses at that field; what it accepts, the guard accepts`, () => {
      const [, guard, examples] = cases().find(([n]) => n === name)!;
      let counted = 0;
      for (const example of examples) {
        expect(ajvSays(name, example), `${name} example is valid`).to.equal(true);
        expect(guardSays(guard, example), `${name} example passes the guard`).to.equal(undefined);
        const { broken, fitting, lenient } = variants(example, schemas[name]!);
        for (const v of broken) {
          const what = `${name} with ${dotted(v.path) || 'the body'} ${v.why}`;
          expect(ajvSays(name, v.body), `${what}: Ajv refuses it`).to.equal(false);
          expect(guardSays(guard, v.body), `${what}: the guard refuses it there`).to.equal(dotted(v.path));
        }
        for (const v of fitting) {
          const what = `${name} with ${dotted(v.path)} ${v.why}`;
          expect(ajvSays(name, v.body), `${what}: Ajv accepts it`).to.equal(true);
          expect(guardSays(guard, v.body), `${what}: the guard accepts it`).to.equal(undefined);
        }
        for (const v of lenient) {
          const what = `${name} with ${dotted(v.path)} ${v.why}`;
          expect(ajvSays(name, v.body), `${what}: Ajv refuses it`).to.equal(false);
          expect(guardSays(guard, v.body), `${what}: the guard lets it pass (on purpose)`).to.equal(undefined);
        }
        counted += broken.length;
      }
      expect(counted, 'violations tried').to.be.greaterThan(3);
    });
  }
});
