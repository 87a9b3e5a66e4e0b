/**
 * Several record systems for one person: Per Hansen has home nursing from Bergen and respite
 * stays from Askøy (the fixtures' per.ts). The appointment list, the service list and the inbox
 * say each item's municipality when they hold more than one (and only then), the "call us" phone
 * after the deadline is the item's own source's, and a source that does not answer is said.
 */
import { expect, html } from '@open-wc/testing';
import { perAppointmentIds, perProviders } from '@omsorg/fixtures';
import type { Client } from '@omsorg/sdk';
import { API, testClient, until, useScenario } from '../test/setup.js';
import { $, $$, button, inEveryLanguage, itemById, mountSettled } from '../test/kit.js';
import { messages as listMessages } from '../appointment-list/appointment-list.messages.js';
import { messages as serviceMessages } from '../service-list/service-list.messages.js';
import { messages as inboxMessages } from '../inbox/inbox.messages.js';
import type { OmsorgAppointmentList } from '../appointment-list/appointment-list.js';
import type { OmsorgServiceList } from '../service-list/service-list.js';
import type { OmsorgInbox } from '../inbox/inbox.js';
import '../appointment-list/define.js';
import '../service-list/define.js';
import '../inbox/define.js';

const text = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
const sources = (el: Element) => $$(el, '[part~="source"]').map((x) => text(x));
const recipientSources = (el: Element) => $$(el, 'fieldset[part="recipients"] [part~="source"]').map((x) => text(x));
const list = (c: Client) => mountSettled<OmsorgAppointmentList>(html`<omsorg-appointment-list .client=${c} page-size="50"></omsorg-appointment-list>`, 'the list');
const services = (c: Client) => mountSettled<OmsorgServiceList>(html`<omsorg-service-list .client=${c}></omsorg-service-list>`, 'the services');

describe('record sources in the lists', () => {
  afterEach(() => {
    document.querySelectorAll('omsorg-appointment-list, omsorg-service-list, omsorg-inbox').forEach((e) => e.remove());
  });

  describe('every source answers', () => {
    beforeEach(async () => {
      await useScenario('default');
    });

    it("the appointment list says each item's municipality, and after the deadline the phone of that item's own service", async () => {
      const el = await list(testClient('per'));
      const t = listMessages.nb;
      expect(new Set(sources(el))).to.deep.equal(new Set([t.municipalityName('Bergen'), t.municipalityName('Askøy')]));
      const nursing = itemById(el, perAppointmentIds.nursingTomorrow)!;
      expect(text(nursing.querySelector('[part~="source"]'))).to.equal('Bergen kommune');
      // The label is a <dt> for the <dd>: a screen reader hears "Kommune: Bergen kommune".
      expect(text(nursing.querySelector('[part~="source"]')?.previousElementSibling)).to.equal(t.municipality);
      const passed = itemById(el, perAppointmentIds.respiteDeadlinePassed)!;
      expect(text(passed.querySelector('[part~="source"]'))).to.equal('Askøy kommune');
      const phone = perProviders.respite.careService.phone;
      expect(text(passed.querySelector('[part~="deadline"]'))).to.contain(phone);
      expect(passed.querySelector('[part~="deadline"] a[part="phone-link"]')?.getAttribute('href')).to.equal(`tel:${phone.replace(/\s/g, '')}`);
      expect(text(passed.querySelector('[part~="deadline"]'))).not.to.contain(perProviders.nursing.careService.phone);
      expect($(el, '[part="unavailable"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('a list from one municipality says none (Ola)', async () => {
      const el = await list(testClient('ola'));
      expect($$(el, 'li[part="item"]').length).to.be.greaterThan(0);
      expect(sources(el)).to.deep.equal([]);
    });

    it("the service list says each service's municipality", async () => {
      const el = await services(testClient('per'));
      const t = serviceMessages.nb;
      expect(sources(el)).to.deep.equal([t.municipalityName('Bergen'), t.municipalityName('Askøy')]);
      await expect(el).to.be.accessible();
      expect(sources(await services(testClient('ola')))).to.deep.equal([]);
    });

    it("the inbox says each thread's municipality once threads are with two", async () => {
      for (const grantedServiceId of ['vedtak-bgo-per-hsp', 'vedtak-ask-per-avl']) {
        const r = await fetch(`${API}/v1/subjects/me/threads`, {
          method: 'POST',
          headers: { Authorization: 'Bearer mock-token-per', 'Content-Type': 'application/json', 'Idempotency-Key': `sources-${grantedServiceId}-${Date.now()}` },
          body: JSON.stringify({ grantedServiceId, title: 'Spørsmål om tjenesten', text: 'Hei, jeg har et spørsmål.' }),
        });
        expect(r.status).to.equal(201);
      }
      const el = await mountSettled<OmsorgInbox>(html`<omsorg-inbox .client=${testClient('per')}></omsorg-inbox>`, 'the inbox');
      const t = inboxMessages.nb;
      expect(new Set(sources(el))).to.deep.equal(new Set([t.municipalityName('Bergen'), t.municipalityName('Askøy')]));
      await expect(el).to.be.accessible();
    });

    it("the new-message form says each recipient's municipality when the services are from two, and none when from one", async () => {
      const t = inboxMessages.nb;
      const el = await mountSettled<OmsorgInbox>(html`<omsorg-inbox .client=${testClient('per')}></omsorg-inbox>`, 'the inbox');
      button(el, t.newMessage)!.click();
      await until(() => !!$(el, 'input[name="recipient"]'), 'the recipients');
      const labels = $$(el, 'fieldset[part="recipients"] label');
      const by = (id: string) => text(labels.find((l) => l.getAttribute('for') === $$<HTMLInputElement>(el, 'input[name="recipient"]').find((r) => r.value === id)?.id));
      expect(by('vedtak-bgo-per-hsp')).to.contain(perProviders.nursing.careService.name).and.to.match(/, Bergen kommune$/);
      expect(by('vedtak-ask-per-avl')).to.contain(perProviders.respite.careService.name).and.to.match(/, Askøy kommune$/);
      expect(recipientSources(el)).to.deep.equal([t.municipalityName('Bergen'), t.municipalityName('Askøy')]);
      await expect(el).to.be.accessible();
      el.remove();

      // Ola's services are all the deployment's own: his recipients say no municipality.
      const ola = await mountSettled<OmsorgInbox>(html`<omsorg-inbox .client=${testClient('ola')}></omsorg-inbox>`, 'the inbox');
      button(ola, t.newMessage)!.click();
      await until(() => !!$(ola, 'input[name="recipient"]'), 'the recipients');
      expect($$(ola, 'input[name="recipient"]').length).to.be.greaterThan(1);
      expect(recipientSources(ola)).to.deep.equal([]);
      await expect(ola).to.be.accessible();
    });

    it('the texts are there in every language', async () => {
      const l = await inEveryLanguage(listMessages);
      const s = await inEveryLanguage(serviceMessages);
      const i = await inEveryLanguage(inboxMessages);
      for (const locale of ['nb', 'nn', 'en'] as const) {
        for (const c of [l[locale], s[locale], i[locale]]) expect(c.municipalityName('Askøy')).to.contain('Askøy');
        expect(l[locale].unavailableSources('X')).to.contain('X');
        expect(s[locale].unavailableSources('X')).to.contain('X');
      }
      expect(l.en.municipalityName('Askøy')).to.equal('Askøy municipality');
    });
  });

  describe('one source does not answer (source-unavailable)', () => {
    beforeEach(async () => {
      await useScenario('source-unavailable');
    });

    it("the lists show the other source's items and say which municipality's are missing, as text", async () => {
      const el = await list(testClient('per'));
      const t = listMessages.nb;
      expect(text($(el, '[part="unavailable"]'))).to.equal(t.unavailableSources('Askøy kommune'));
      expect($$(el, 'li[part="item"]').length).to.be.greaterThan(0);
      // One municipality left in the list: no per-item label.
      expect(sources(el)).to.deep.equal([]);
      await expect(el).to.be.accessible();

      const s = await services(testClient('per'));
      expect(text($(s, '[part="unavailable"]'))).to.equal(serviceMessages.nb.unavailableSources('Askøy kommune'));
      expect($$(s, 'li[part="item"]').map((li) => li.dataset.id)).to.deep.equal(['vedtak-bgo-per-hsp']);
      await expect(s).to.be.accessible();
    });
  });
});
