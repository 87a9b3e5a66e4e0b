import { expect } from '@open-wc/testing';
import { labelFor, serviceTypes } from '@omsorg/contract';

describe('contract code sets', () => {
  it('labels a KPR service code in all three languages', () => {
    const c = { system: serviceTypes.system, code: '15' };
    expect(labelFor(c, 'nb')).to.contain('hjemmesykepleie');
    expect(labelFor(c, 'nn')).to.contain('heimesjukepleie');
    expect(labelFor(c, 'en')).to.contain('home nursing');
    expect(labelFor({ system: 'x', code: '15' }, 'nb')).to.equal(undefined);
  });
});
