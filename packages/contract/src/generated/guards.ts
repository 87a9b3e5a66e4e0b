// Generated from openapi.yaml by scripts/generate.mjs. Do not edit.
/* eslint-disable */
// One guard per component schema of openapi.yaml (see src/guard.ts), named after it: Appointment → appointmentGuard.
// Each is a separate export, so a bundle keeps only the guards it uses. The schemas only the messaging
// part's operations use are in message-guards.ts.
import { type Guard, arr, bool, either, nullable, num, obj, oneOf, str } from '../guard.js';
import { appointmentStatusValues, appointmentTimingValues, cancellationPolicyModeValues, extentPerValues, extentUnitValues, grantedServiceStatusValues, problemErrorsCodeValues, problemTypeValues, subjectScopesValues } from './enums.js';

/** components.schemas.Id */
export const idGuard: Guard = /*#__PURE__*/ str({ pattern: /^[A-Za-z0-9_-]{1,64}$/u });

/** components.schemas.SubjectRef */
export const subjectRefGuard: Guard = /*#__PURE__*/ str({ pattern: /^(me|[A-Za-z0-9_-]{1,64})$/u });

/** components.schemas.Version */
export const versionGuard: Guard = /*#__PURE__*/ str({ pattern: /^[\x21\x23-\x7e]{1,64}$/u });

/** components.schemas.Coding */
export const codingGuard: Guard = /*#__PURE__*/ obj({ system: /*#__PURE__*/ str({ max: 200 }), code: /*#__PURE__*/ str({ max: 64 }) }, ['system', 'code']);

/** components.schemas.Person */
export const personGuard: Guard = /*#__PURE__*/ obj({ id: idGuard, name: /*#__PURE__*/ str({ max: 200 }) }, ['id', 'name']);

/** components.schemas.Subject */
export const subjectGuard: Guard = /*#__PURE__*/ obj(
  {
    id: subjectRefGuard,
    name: /*#__PURE__*/ str({ max: 200 }),
    relation: codingGuard,
    scopes: /*#__PURE__*/ arr(/*#__PURE__*/ oneOf(subjectScopesValues)),
    validTo: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date' })),
  },
  ['id', 'name', 'relation', 'scopes'],
);

/** components.schemas.Me */
export const meGuard: Guard = /*#__PURE__*/ obj(
  {
    person: personGuard,
    subjects: /*#__PURE__*/ arr(subjectGuard),
    sessionExpiresAt: /*#__PURE__*/ str({ format: 'date-time' }),
  },
  ['person', 'subjects'],
);

/** components.schemas.AppointmentStatus */
export const appointmentStatusGuard: Guard = /*#__PURE__*/ oneOf(appointmentStatusValues);

/** components.schemas.CareService */
export const careServiceGuard: Guard = /*#__PURE__*/ obj(
  {
    id: idGuard,
    name: /*#__PURE__*/ str({ max: 200 }),
    phone: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 30 })),
  },
  ['id', 'name'],
);

/** components.schemas.Location */
export const locationGuard: Guard = /*#__PURE__*/ obj(
  {
    name: /*#__PURE__*/ str({ max: 200 }),
    address: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 300 })),
    atHome: bool,
  },
  ['name'],
);

/** components.schemas.Contact */
export const contactGuard: Guard = /*#__PURE__*/ obj({ name: /*#__PURE__*/ str({ max: 200 }), phone: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 30 })) }, ['name']);

/** components.schemas.CancellationPolicy */
export const cancellationPolicyGuard: Guard = /*#__PURE__*/ obj(
  {
    cancellable: bool,
    deadline: /*#__PURE__*/ str({ format: 'date-time' }),
    phone: /*#__PURE__*/ str({ max: 30 }),
    mode: /*#__PURE__*/ oneOf(cancellationPolicyModeValues),
    consequence: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
  },
  ['cancellable', 'deadline', 'phone', 'mode'],
);

/** components.schemas.Cancellation */
export const cancellationGuard: Guard = /*#__PURE__*/ obj(
  {
    reason: codingGuard,
    comment: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
    requestedAt: /*#__PURE__*/ str({ format: 'date-time' }),
    requestedBy: personGuard,
    answeredAt: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date-time' })),
    rejectionNote: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
  },
  ['reason', 'requestedAt'],
);

/** components.schemas.AppointmentSeries */
export const appointmentSeriesGuard: Guard = /*#__PURE__*/ obj(
  {
    id: idGuard,
    rule: /*#__PURE__*/ str({ max: 120, pattern: /^FREQ=(DAILY|WEEKLY)(;INTERVAL=[1-9][0-9]?)?(;BYDAY=(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU)){0,6})?(;(COUNT=[1-9][0-9]{0,2}|UNTIL=[0-9]{8}T[0-9]{6}Z))?$/u }),
    start: /*#__PURE__*/ str({ format: 'date-time' }),
    end: /*#__PURE__*/ str({ format: 'date-time' }),
  },
  ['id', 'rule', 'start', 'end'],
);

/** components.schemas.RecordSource */
export const recordSourceGuard: Guard = /*#__PURE__*/ obj(
  {
    municipality: /*#__PURE__*/ obj(
    {
      number: /*#__PURE__*/ str({ pattern: /^[0-9]{4}$/u }),
      name: /*#__PURE__*/ str({ min: 1, max: 100 }),
    },
    ['number', 'name'],
  ),
    system: /*#__PURE__*/ obj({ id: idGuard, name: /*#__PURE__*/ str({ min: 1, max: 200 }) }, ['id', 'name']),
  },
  ['municipality', 'system'],
);

/** components.schemas.Appointment */
export const appointmentGuard: Guard = /*#__PURE__*/ obj(
  {
    id: idGuard,
    version: versionGuard,
    subjectId: idGuard,
    status: appointmentStatusGuard,
    serviceType: codingGuard,
    start: /*#__PURE__*/ str({ format: 'date-time' }),
    end: /*#__PURE__*/ str({ format: 'date-time' }),
    timing: /*#__PURE__*/ oneOf(appointmentTimingValues),
    description: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
    careService: careServiceGuard,
    location: /*#__PURE__*/ nullable(locationGuard),
    contact: /*#__PURE__*/ nullable(contactGuard),
    preparation: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 1000 })),
    cancellationPolicy: cancellationPolicyGuard,
    cancellation: /*#__PURE__*/ nullable(cancellationGuard),
    series: /*#__PURE__*/ nullable(appointmentSeriesGuard),
    source: recordSourceGuard,
  },
  ['id', 'version', 'subjectId', 'status', 'serviceType', 'start', 'end', 'timing', 'careService', 'cancellationPolicy'],
);

/** components.schemas.UnavailableSources */
export const unavailableSourcesGuard: Guard = /*#__PURE__*/ arr(recordSourceGuard, 20);

/** components.schemas.CancellationRequest */
export const cancellationRequestGuard: Guard = /*#__PURE__*/ obj({ reason: codingGuard, comment: /*#__PURE__*/ str({ max: 500 }) }, ['reason']);

/** components.schemas.AppointmentPage */
export const appointmentPageGuard: Guard = /*#__PURE__*/ obj(
  {
    items: /*#__PURE__*/ arr(appointmentGuard),
    nextCursor: /*#__PURE__*/ nullable(/*#__PURE__*/ str()),
    unavailableSources: unavailableSourcesGuard,
  },
  ['items', 'nextCursor'],
);

/** components.schemas.Extent */
export const extentGuard: Guard = /*#__PURE__*/ obj(
  {
    amount: /*#__PURE__*/ num({ min: 0 }),
    unit: /*#__PURE__*/ oneOf(extentUnitValues),
    per: /*#__PURE__*/ oneOf(extentPerValues),
  },
  ['amount', 'unit', 'per'],
);

/** components.schemas.GrantedService */
export const grantedServiceGuard: Guard = /*#__PURE__*/ obj(
  {
    id: idGuard,
    serviceType: codingGuard,
    status: /*#__PURE__*/ oneOf(grantedServiceStatusValues),
    extent: extentGuard,
    validFrom: /*#__PURE__*/ str({ format: 'date' }),
    validTo: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date' })),
    decidedAt: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ format: 'date' })),
    careService: careServiceGuard,
    note: /*#__PURE__*/ nullable(/*#__PURE__*/ str({ max: 500 })),
    source: recordSourceGuard,
  },
  ['id', 'serviceType', 'extent', 'validFrom', 'status', 'careService'],
);

/** components.schemas.ServiceList */
export const serviceListGuard: Guard = /*#__PURE__*/ obj(
  {
    items: /*#__PURE__*/ arr(grantedServiceGuard),
    unavailableSources: unavailableSourcesGuard,
  },
  ['items'],
);

/** components.schemas.Suppressed */
export const suppressedGuard: Guard = /*#__PURE__*/ obj({ suppressed: /*#__PURE__*/ oneOf([true]) }, ['suppressed']);

/** components.schemas.FigureCount */
export const figureCountGuard: Guard = /*#__PURE__*/ either(/*#__PURE__*/ num({ integer: true, min: 5 }), suppressedGuard);

/** components.schemas.FigureStockCount */
export const figureStockCountGuard: Guard = /*#__PURE__*/ either(/*#__PURE__*/ num({ integer: true, min: 5 }), suppressedGuard);

/** components.schemas.FigureNumber */
export const figureNumberGuard: Guard = /*#__PURE__*/ either(/*#__PURE__*/ num({ min: 0 }), suppressedGuard);

/** components.schemas.FiguresMonth */
export const figuresMonthGuard: Guard = /*#__PURE__*/ str({ pattern: /^[0-9]{4}-(0[1-9]|1[0-2])$/u });

/** components.schemas.FiguresRow */
export const figuresRowGuard: Guard = /*#__PURE__*/ obj(
  {
    month: figuresMonthGuard,
    service: /*#__PURE__*/ nullable(idGuard),
    cancellations: /*#__PURE__*/ obj(
    {
      total: figureCountGuard,
      online: figureCountGuard,
      other: figureCountGuard,
      onlineShare: figureNumberGuard,
      beforeDeadline: figureCountGuard,
      afterDeadline: figureCountGuard,
      reasons: /*#__PURE__*/ arr(/*#__PURE__*/ obj({ code: /*#__PURE__*/ str({ max: 64 }), count: figureCountGuard }, ['code', 'count']), 100),
    },
    ['total', 'online', 'other', 'onlineShare', 'beforeDeadline', 'afterDeadline', 'reasons'],
  ),
    messages: /*#__PURE__*/ obj(
    {
      threads: figureCountGuard,
      messages: figureCountGuard,
      messagesPerThread: figureNumberGuard,
      answered: figureCountGuard,
      firstAnswerMedianHours: figureNumberGuard,
      firstAnswerP90Hours: figureNumberGuard,
      answeredWithinPromise: figureCountGuard,
      withinPromiseShare: figureNumberGuard,
    },
    ['threads', 'messages', 'messagesPerThread', 'answered', 'firstAnswerMedianHours', 'firstAnswerP90Hours', 'answeredWithinPromise', 'withinPromiseShare'],
  ),
    consent: /*#__PURE__*/ obj({ people: figureStockCountGuard }, ['people']),
    relatives: /*#__PURE__*/ obj({ people: figureStockCountGuard }, ['people']),
  },
  ['month', 'service', 'cancellations', 'messages', 'consent', 'relatives'],
);

/** components.schemas.ManagementFigures */
export const managementFiguresGuard: Guard = /*#__PURE__*/ obj(
  {
    from: figuresMonthGuard,
    to: figuresMonthGuard,
    minimumCount: /*#__PURE__*/ oneOf([5]),
    services: /*#__PURE__*/ arr(/*#__PURE__*/ obj(
    {
      id: idGuard,
      name: /*#__PURE__*/ str({ max: 200 }),
      replyWorkingDays: /*#__PURE__*/ nullable(/*#__PURE__*/ num({ integer: true, min: 1, max: 30 })),
    },
    ['id', 'name', 'replyWorkingDays'],
  ), 200),
    rows: /*#__PURE__*/ arr(figuresRowGuard, 5000),
  },
  ['from', 'to', 'minimumCount', 'services', 'rows'],
);

/** components.schemas.ProblemType */
export const problemTypeGuard: Guard = /*#__PURE__*/ oneOf(problemTypeValues);

/** components.schemas.Problem */
export const problemGuard: Guard = /*#__PURE__*/ obj(
  {
    type: problemTypeGuard,
    title: /*#__PURE__*/ str(),
    status: /*#__PURE__*/ num({ integer: true, min: 400, max: 599 }),
    detail: /*#__PURE__*/ str(),
    instance: /*#__PURE__*/ str(),
    maxAge: /*#__PURE__*/ num({ integer: true, min: 0 }),
    errors: /*#__PURE__*/ arr(/*#__PURE__*/ obj(
    {
      pointer: /*#__PURE__*/ str(),
      code: /*#__PURE__*/ oneOf(problemErrorsCodeValues),
      parameter: /*#__PURE__*/ str(),
    },
    ['pointer', 'code'],
  )),
  },
  ['type', 'title', 'status'],
);
