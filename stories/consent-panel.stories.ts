import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { environmentOf, scenarioStory, until } from './support.js';

interface Args {
  section: string;
  headingLevel: number;
}

/**
 * `<omsorg-consent-panel>`: the person's own consents. The section on consent to digital dialogue
 * (given or withdrawn with one button, with its history) and the section on relatives' access
 * (who may act for the person and whom they act for; giving access after looking the person up,
 * and taking it back; both need a recent sign-in) and the section on notices by SMS and e-mail
 * (to the contact register's details, with the exact text of each notice). `section="dialogue"`,
 * `"relatives"` or `"notices"` shows one section alone, as the inbox and the message thread do
 * with dialogue when there is no consent.
 */
const meta: Meta<Args> = {
  title: 'Elements/Consent panel',
  component: 'omsorg-consent-panel',
  args: { section: '', headingLevel: 2 },
  argTypes: {
    section: { control: { type: 'select' }, options: ['', 'dialogue', 'relatives', 'notices'] },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  render: (args) => html`
    <omsorg-consent-panel section=${ifDefined(args.section || undefined)} heading-level=${args.headingLevel}></omsorg-consent-panel>
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** Ola has consented: the text, what holds, the history, and the button to withdraw. */
export const Default: Story = scenarioStory('default');

/** Withdrawn: the button to give it again. */
export const Withdrawn: Story = scenarioStory('no-consent', {}, 'Here: the consent was withdrawn.');

/** The dialogue section alone (as the inbox offers it), its title as the heading. */
export const DialogueAlone: Story = { ...scenarioStory('no-consent'), args: { section: 'dialogue', headingLevel: 2 } };

/** Just withdrawn on the page: what is announced, and focus on "give consent". */
export const JustWithdrawn: Story = {
  ...scenarioStory('default'),
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('omsorg-consent-panel')!;
    await until(() => !!el.shadowRoot?.querySelector('[part="withdraw-button"]'), 'the withdraw button');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="withdraw-button"]')!.click();
    await until(() => !!el.shadowRoot?.querySelector('[part="give-button"]'), 'withdrawn');
  },
};

/** Still loading: the answer takes a minute, so the skeleton stays. */
export const Loading: Story = scenarioStory('slow', { delayMs: 60_000 });

export const ServerError: Story = scenarioStory('server-error');

export const Unauthorized: Story = scenarioStory('unauthorized');

export const SignedOut: Story = scenarioStory('default', { signedIn: false }, 'Here: nobody is signed in.');

export const KariActingForOla: Story = scenarioStory('default', { person: 'kari', actingFor: 'ola' }, 'Here: Kari acts for her father Ola: she sees his consent, only he can change it.');

export const PerActingForEmma: Story = scenarioStory('default', { person: 'per', actingFor: 'emma' }, 'Here: Per acts for his daughter Emma.');

/** Relatives' access alone: Kari may act for Ola; the form to give someone else access. */
export const RelativesAlone: Story = { ...scenarioStory('default'), args: { section: 'relatives', headingLevel: 2 } };

/** Kari: no one may act for her, and she may act for her father Ola. */
export const RelativesNoOneForYou: Story = {
  ...scenarioStory('default', { person: 'kari' }, 'Here: Kari, signed in as herself.'),
  args: { section: 'relatives', headingLevel: 2 },
};

/**
 * Giving access with a sign-in older than 5 minutes: the server refuses, the section asks to sign
 * in again and keeps what was typed; after signing in again (the mock sign-in's step-up: its
 * sign-in time becomes now), "give access" is pressed again.
 */
export const StepUpNeeded: Story = {
  ...scenarioStory('default', { signedInSecondsAgo: 3600 }, 'Here: the sign-in is an hour old.'),
  args: { section: 'relatives', headingLevel: 2 },
  play: async (context) => {
    const env = environmentOf(context);
    if (!env) return;
    const el = context.canvasElement.querySelector('omsorg-consent-panel')!;
    const q = <T extends HTMLElement = HTMLElement>(sel: string) => el.shadowRoot?.querySelector<T>(sel) ?? null;
    await until(() => !!q('#rel-number'), 'the form');
    const number = q<HTMLInputElement>('#rel-number')!;
    number.value = '22896624028'; // Kari's synthetic number (fixtures)
    number.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await until(() => !!q('[part="look-up-button"]'), 'the look-up button');
    q('[part="look-up-button"]')!.click();
    await until(() => !!q('[part="grant-button"]'), 'the name to confirm');
    q<HTMLInputElement>('#rel-scope-see')!.click();
    q('[part="grant-button"]')!.click();
    await until(() => !!q('[part="step-up"]'), 'the step-up state');
  },
};

/** Notices alone: Ola's phone and e-mail from the contact register, masked; nothing chosen yet. */
export const NoticesAlone: Story = { ...scenarioStory('default'), args: { section: 'notices', headingLevel: 2 } };

/** Kari has only an e-mail address in the register: SMS cannot be chosen, and it says why. */
export const NoticesEmailOnly: Story = {
  ...scenarioStory('default', { person: 'kari' }, 'Here: Kari, whose register entry has no mobile number.'),
  args: { section: 'notices', headingLevel: 2 },
};

/** Per has reserved himself against digital notices: none are sent, and no choice is offered. */
export const NoticesReserved: Story = {
  ...scenarioStory('default', { person: 'per' }, 'Here: Per, reserved in the contact register.'),
  args: { section: 'notices', headingLevel: 2 },
};

/** Kari acting for Ola: notices go to Ola's own phone, and only he chooses them. */
export const NoticesActingFor: Story = {
  ...scenarioStory('default', { person: 'kari', actingFor: 'ola' }, 'Here: Kari acts for her father Ola.'),
  args: { section: 'notices', headingLevel: 2 },
};

/** SMS about new messages chosen and saved: said politely, the first preview open. */
export const NoticesSaved: Story = {
  ...scenarioStory('default'),
  args: { section: 'notices', headingLevel: 2 },
  play: async (context) => {
    const env = environmentOf(context);
    if (!env) return;
    const el = context.canvasElement.querySelector('omsorg-consent-panel')!;
    const q = <T extends HTMLElement = HTMLElement>(sel: string) => el.shadowRoot?.querySelector<T>(sel) ?? null;
    await until(() => !!q('#notice-channel-sms'), 'the form');
    q('#notice-channel-sms')!.click();
    q('#notice-event-message-new')!.click();
    q('[part="save-notices-button"]')!.click();
    await until(() => el.shadowRoot?.querySelector('[role="status"]')?.textContent?.includes('lagret') === true, 'the save said');
    q<HTMLDetailsElement>('[part="preview"]')!.open = true;
  },
};
