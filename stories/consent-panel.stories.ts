import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { scenarioStory, until } from './support.js';

interface Args {
  section: string;
  headingLevel: number;
}

/**
 * `<omsorg-consent-panel>`: the person's own consents. This version has the section on consent to
 * digital dialogue (given or withdrawn with one button, with its history); relatives' access and
 * notices are the next sections. `section="dialogue"` shows that section alone, as the inbox and
 * the message thread do when there is no consent.
 */
const meta: Meta<Args> = {
  title: 'Elements/Consent panel',
  component: 'omsorg-consent-panel',
  args: { section: '', headingLevel: 2 },
  argTypes: {
    section: { control: { type: 'select' }, options: ['', 'dialogue'] },
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
