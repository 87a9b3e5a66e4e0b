import { expect } from '@open-wc/testing';
import { canonicalCoding, cancellationReasons, codeSets, isKnownCode, labelFor, labelIn, relations, serviceLabel, serviceTypes } from './codes.js';

const FORMER_SERVICE_TYPES = 'urn:omsorg:codesystem:kpr-tjenestetype';

describe('code sets', () => {
  it('service types are sent under the official identifier (Volven 9151, KPR tjenestetype)', () => {
    expect(serviceTypes.system).to.equal('urn:oid:2.16.578.1.12.4.1.1.9151');
    expect(labelFor({ system: serviceTypes.system, code: '15' }, 'nb')).to.equal('Helsetjenester i hjemmet (hjemmesykepleie)');
  });

  it('a coding under a former identifier (an older server, a stored record) still has its label, in every language', () => {
    for (const locale of ['nb', 'nn', 'en'] as const) {
      expect(labelFor({ system: FORMER_SERVICE_TYPES, code: '15' }, locale)).to.equal(serviceTypes.codes['15'][locale]);
    }
    expect(isKnownCode(serviceTypes, { system: FORMER_SERVICE_TYPES, code: '6' })).to.equal(true);
    expect(isKnownCode(serviceTypes, { system: FORMER_SERVICE_TYPES, code: 'x' })).to.equal(false);
  });

  it('labelIn and serviceLabel answer only for their own set, under its current or former identifier', () => {
    expect(serviceLabel({ system: FORMER_SERVICE_TYPES, code: '15' }, 'en')).to.equal(serviceTypes.codes['15'].en);
    expect(serviceLabel({ system: serviceTypes.system, code: 'x' }, 'nb')).to.equal(undefined);
    // A relation is not a service, though labelFor knows it.
    const daughter = { system: relations.system, code: Object.keys(relations.codes)[0]! };
    expect(labelFor(daughter, 'nb')).to.be.a('string');
    expect(serviceLabel(daughter, 'nb')).to.equal(undefined);
    expect(labelIn(relations, daughter, 'nn')).to.equal(labelFor(daughter, 'nn'));
    expect(labelIn(cancellationReasons, null, 'nb')).to.equal(undefined);
  });

  it('canonicalCoding gives a former identifier today’s, and leaves every other coding as it is', () => {
    expect(canonicalCoding({ system: FORMER_SERVICE_TYPES, code: '1' })).to.deep.equal({ system: serviceTypes.system, code: '1' });
    const reason = { system: cancellationReasons.system, code: 'oth' };
    expect(canonicalCoding(reason)).to.equal(reason);
    const foreign = { system: 'urn:example:other', code: '1' };
    expect(canonicalCoding(foreign)).to.equal(foreign);
  });

  it('no two sets share an identifier, current or former', () => {
    const all = codeSets.flatMap((s) => [s.system, ...(('formerSystems' in s ? s.formerSystems : []) as readonly string[])]);
    expect(new Set(all).size).to.equal(all.length);
  });

  it('the project’s own lists keep their identifiers (clients send them)', () => {
    expect(cancellationReasons.system).to.equal('urn:omsorg:codesystem:avbestillingsarsak');
    expect(relations.system).to.equal('urn:omsorg:codesystem:relasjon');
  });
});
