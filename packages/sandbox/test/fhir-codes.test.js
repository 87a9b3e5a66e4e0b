// @ts-check
/**
 * The FHIR adapter's codes and identifiers: official systems wherever they exist (the README's
 * table of code systems), the contract's own beside them where the contract's are finer, and
 * records written before 1.1.0 (the project's own identifiers) still read back the same.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cancellationReasons, identityCheckDigits, serviceTypes } from '@omsorg/contract';
import {
  DNR_SYSTEM,
  FNR_SYSTEM,
  HL7_CANCEL_REASON,
  REASON_TO_HL7,
  grantedServiceFromFhir,
  grantedServiceToFhir,
  identitySystem,
  patientToFhir,
  reasonFromCodings,
} from '../src/records/fhir-map.js';

/**
 * FHIR R4's appointment-cancellation-reason, every code (terminology.hl7.org), so a mapping can
 * only name a code that exists.
 */
const R4_CANCEL_REASONS = new Set([
  'pat', 'pat-crs', 'pat-cpp', 'pat-dec', 'pat-fb', 'pat-lt', 'pat-mt', 'pat-mv', 'pat-preg', 'pat-swl', 'pat-ucp',
  'prov', 'prov-pers', 'prov-dch', 'prov-edu', 'prov-hosp', 'prov-labs', 'prov-mri', 'prov-onc',
  'maint', 'meds-inc', 'other', 'oth-cms', 'oth-err', 'oth-fin', 'oth-iv', 'oth-int', 'oth-mu', 'oth-room', 'oth-oerr', 'oth-swie', 'oth-weath',
]);

/** The first valid number from nine leading digits with the individual number counted up. */
function numberFrom(/** @type {string} */ ddmmyy) {
  for (let i = 100; i < 500; i++) {
    const k = identityCheckDigits(`${ddmmyy}${i}`);
    if (k) return `${ddmmyy}${i}${k}`;
  }
  throw new Error('no number');
}

describe('FHIR codes and identifiers', () => {
  it('every cancellation reason has an official FHIR code that exists and means the same or broader', () => {
    assert.deepEqual(Object.keys(REASON_TO_HL7).sort(), Object.keys(cancellationReasons.codes).sort(), 'one official code per reason of the contract');
    for (const [code, hl7] of Object.entries(REASON_TO_HL7)) assert.ok(R4_CANCEL_REASONS.has(hl7), `${code} → ${hl7} is an R4 code`);
    assert.equal(REASON_TO_HL7['pat-dec'], 'pat-dec', 'death is FHIR’s "Patient: Deceased"');
    // FHIR's pat-crs and pat-cpp are channels (a reminder system, a patient portal), not illness or hospital.
    assert.equal(REASON_TO_HL7['pat-crs'], 'pat');
    assert.equal(REASON_TO_HL7['pat-cpp'], 'pat');
  });

  it('a reason reads back from the contract’s coding wherever it stands, or from FHIR’s alone', () => {
    const own = { system: cancellationReasons.system, code: 'pat-away' };
    assert.deepEqual(reasonFromCodings([{ system: HL7_CANCEL_REASON, code: 'pat' }, { ...own, userSelected: true }]), own);
    // written before 1.1.0: the contract's coding first, FHIR's (then wrongly the same spelling) second
    assert.deepEqual(reasonFromCodings([{ system: cancellationReasons.system, code: 'pat-cpp' }, { system: HL7_CANCEL_REASON, code: 'pat-cpp' }]), { system: cancellationReasons.system, code: 'pat-cpp' });
    // a record system that writes FHIR's codes only
    assert.deepEqual(reasonFromCodings([{ system: HL7_CANCEL_REASON, code: 'pat-dec' }]), { system: cancellationReasons.system, code: 'pat-dec' });
    assert.deepEqual(reasonFromCodings([{ system: HL7_CANCEL_REASON, code: 'prov-hosp' }]), { system: cancellationReasons.system, code: 'oth' });
    assert.equal(reasonFromCodings(undefined), undefined);
  });

  it('a fødselsnummer and a D-nummer each in their own official system', () => {
    const fnr = numberFrom('010190');
    const dnr = numberFrom('410190');
    assert.equal(identitySystem(fnr), FNR_SYSTEM);
    assert.equal(identitySystem(dnr), DNR_SYSTEM);
    assert.equal(FNR_SYSTEM, 'urn:oid:2.16.578.1.12.4.1.4.1');
    assert.equal(DNR_SYSTEM, 'urn:oid:2.16.578.1.12.4.1.4.2');
    const p = patientToFhir({ subjectId: 's', personId: 'p', name: 'N', pid: dnr });
    assert.deepEqual(p.identifier[0], { use: 'official', system: DNR_SYSTEM, value: dnr });
  });

  /** @type {import('@omsorg/contract').GrantedService} */
  const vedtak = {
    id: 'g1',
    serviceType: { system: serviceTypes.system, code: '1' },
    status: 'active',
    extent: { amount: 3, unit: 'hours', per: 'week' },
    validFrom: '2030-01-01',
    validTo: null,
    decidedAt: null,
    careService: { id: 'cs1', name: 'Hjemmetjenesten', phone: null },
    note: null,
  };

  it('a vedtak: the service type in Volven 9151, hours and days in UCUM, visits and units in the project’s own', () => {
    const r = grantedServiceToFhir('s', vedtak);
    assert.deepEqual(r.code.coding, [{ system: 'urn:oid:2.16.578.1.12.4.1.1.9151', code: '1' }]);
    assert.deepEqual(r.quantityQuantity, { value: 3, unit: 'hours', system: 'http://unitsofmeasure.org', code: 'h' });
    assert.equal(grantedServiceToFhir('s', { ...vedtak, extent: { amount: 2, unit: 'days', per: 'week' } }).quantityQuantity.code, 'd');
    assert.equal(grantedServiceToFhir('s', { ...vedtak, extent: { amount: 2, unit: 'visits', per: 'day' } }).quantityQuantity.system, 'urn:omsorg:codesystem:omfang-enhet');
    for (const unit of /** @type {const} */ (['visits', 'hours', 'days', 'units'])) {
      const g = { ...vedtak, extent: { amount: 2, unit, per: /** @type {const} */ ('week') } };
      assert.deepEqual(grantedServiceFromFhir(grantedServiceToFhir('s', g), new Map()), g, unit);
    }
  });

  it('a vedtak stored before 1.1.0 (the project’s own identifiers) reads back under the official ones', () => {
    const old = {
      ...grantedServiceToFhir('s', vedtak),
      code: { coding: [{ system: 'urn:omsorg:codesystem:kpr-tjenestetype', code: '1' }] },
      quantityQuantity: { value: 3, unit: 'hours', system: 'urn:omsorg:codesystem:omfang-enhet', code: 'hours' },
    };
    assert.deepEqual(grantedServiceFromFhir(old, new Map()), vedtak);
  });
});
