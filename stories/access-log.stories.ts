import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { scenarioStory, until } from './support.js';

interface Args {
  headingLevel: number;
}

/**
 * `<omsorg-access-log>`: "Hvem har sett opplysningene mine": who has read or changed the person's
 * data, when, and what kind of data; a relative by name, staff by their care service only. The
 * period is 30 days ending today until the person picks another (at most 366 days).
 */
const meta: Meta<Args> = {
  title: 'Elements/Access log',
  component: 'omsorg-access-log',
  args: { headingLevel: 2 },
  argTypes: { headingLevel: { control: { type: 'number', min: 1, max: 6 } } },
  render: (args) => html`<omsorg-access-log heading-level=${args.headingLevel}></omsorg-access-log>`,
};
export default meta;
type Story = StoryObj<Args>;

/** Ola's log: his daughter Kari's reads, the home nurses' (by service), his own. */
export const Default: Story = scenarioStory('default');

/** A period that cannot be shown: the field marked and the reason given. */
export const PeriodError: Story = {
  ...scenarioStory('default'),
  play: async ({ canvasElement }) => {
    const root = () => canvasElement.querySelector('omsorg-access-log')?.shadowRoot;
    await until(() => !!root()?.querySelector('#from'), 'the period form');
    root()!.querySelector<HTMLInputElement>('#from')!.value = '2026-12-01';
    root()!.querySelector<HTMLInputElement>('#to')!.value = '2026-11-01';
    root()!.querySelector<HTMLButtonElement>('[part="show-button"]')!.click();
    await until(() => !!root()?.querySelector('[part="period-error"]'), 'the error');
  },
};

/** Still loading: the answer takes a minute, so the skeleton stays. */
export const Loading: Story = scenarioStory('slow', { delayMs: 60_000 });

export const ServerError: Story = scenarioStory('server-error');

export const SignedOut: Story = scenarioStory('default', { signedIn: false }, 'Here: nobody is signed in.');

export const KariActingForOla: Story = scenarioStory('default', { person: 'kari', actingFor: 'ola' }, 'Here: Kari acts for her father Ola: the log is his own, and she is told so.');
