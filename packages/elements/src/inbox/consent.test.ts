/** The inbox without consent to digital dialogue: no new message is offered, and it says why. */
import { expect, html } from '@open-wc/testing';
import { dialogueConsentTextVersion } from '@omsorg/contract';
import { subjectIds } from '@omsorg/mocks';
import type { Client } from '@omsorg/sdk';
import { until } from '../test/setup.js';
import { messageClient as client, scenario } from '../test/messages.js';
import { $, button, deepActive, mountSettled, polite } from '../test/kit.js';
import { messages } from './inbox.messages.js';
import type { OmsorgInbox } from './inbox.js';
import './define.js';

const t = messages.nb;
const mount = (c: Client) => mountSettled<OmsorgInbox>(html`<omsorg-inbox .client=${c}></omsorg-inbox>`, 'the inbox to load');

describe('<omsorg-inbox> and consent to digital dialogue', () => {
  afterEach(() => document.querySelectorAll('omsorg-inbox').forEach((e) => e.remove()));

  it('without consent: the threads stay, no new message is offered, the reason in words; given on the page, the button is back', async () => {
    const api = await scenario('default');
    api.db.subjects.get(subjectIds.ola)!.dialogueConsent.unshift({
      status: 'inactive',
      textVersion: dialogueConsentTextVersion,
      decidedAt: '2026-12-01T10:00:00+01:00',
      decidedBy: { id: 'psn-ola-7f3a', name: 'Ola Nordmann' },
    });
    const c = client('ola');
    const el = await mount(c);
    await until(() => !!$(el, '[part="no-consent"]'), 'the notice');
    expect($(el, '[part="no-consent"]')!.textContent!.trim()).to.equal(t.noConsent);
    expect(button(el, t.newMessage)).to.equal(undefined);
    expect(el.shadowRoot!.querySelectorAll('li[part~="thread"]').length).to.be.greaterThan(0);
    await expect(el).to.be.accessible();

    const now = await c.getDialogueConsent('me');
    await c.setDialogueConsent({ status: 'active', textVersion: now.currentTextVersion, version: now.version });
    await until(() => !!button(el, t.newMessage) && !$(el, '[part="no-consent"]'), 'the new-message button back');
  });

  it('offers the consent section in place; given there, the new-message button is back with focus on it, and it is said', async () => {
    const api = await scenario('default');
    api.db.subjects.get(subjectIds.ola)!.dialogueConsent.unshift({
      status: 'inactive',
      textVersion: dialogueConsentTextVersion,
      decidedAt: '2026-12-01T10:00:00+01:00',
      decidedBy: { id: 'psn-ola-7f3a', name: 'Ola Nordmann' },
    });
    const el = await mount(client('ola'));
    await until(() => !!$(el, 'omsorg-consent-panel')?.shadowRoot?.querySelector('[part="give-button"]'), 'the consent section in place');
    const panel = $(el, 'omsorg-consent-panel')!;
    expect(panel.getAttribute('section')).to.equal('dialogue');
    expect(panel.shadowRoot!.querySelector('[part="heading"]')!.localName).to.equal('h3');
    await expect(el).to.be.accessible();
    const give = panel.shadowRoot!.querySelector<HTMLButtonElement>('[part="give-button"]')!;
    give.focus();
    give.click();
    await until(() => !!button(el, t.newMessage) && !$(el, 'omsorg-consent-panel'), 'the new-message button instead of the panel');
    await until(() => deepActive() === button(el, t.newMessage), 'focus on the new-message button');
    expect(polite(el)).to.equal(t.consentGiven);
    expect(api.db.subjects.get(subjectIds.ola)!.dialogueConsent[0]!.status).to.equal('active');
  });
});
