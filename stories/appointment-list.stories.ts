import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { appointmentIds, deepQuery, scenarioStory, until } from './support.js';

interface Args {
  when: 'upcoming' | 'past';
  pageSize: number;
  headingLevel: number;
  hideToggle: boolean;
}

/**
 * `<omsorg-appointment-list>`: upcoming and past appointments and home visits, grouped by day.
 * Every story runs against the shared msw scenarios from `@omsorg/mocks` with a fresh client;
 * switch language in the toolbar.
 */
const meta: Meta<Args> = {
  title: 'Elements/Appointment list',
  component: 'omsorg-appointment-list',
  args: { when: 'upcoming', pageSize: 20, headingLevel: 2, hideToggle: false },
  argTypes: {
    when: { control: 'inline-radio', options: ['upcoming', 'past'] },
    pageSize: { control: { type: 'number', min: 1, max: 100 } },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  render: (args) => html`
    <omsorg-appointment-list
      when=${args.when}
      page-size=${args.pageSize}
      heading-level=${args.headingLevel}
      ?hide-toggle=${args.hideToggle}
    ></omsorg-appointment-list>
  `,
};
export default meta;
type Story = StoryObj<Args>;

/** The list's shadow root once it has rendered items (or given up). */
async function listReady(canvas: HTMLElement): Promise<ShadowRoot> {
  const list = canvas.querySelector('omsorg-appointment-list');
  if (!list?.shadowRoot) throw new Error('no <omsorg-appointment-list> in the story');
  const root = list.shadowRoot;
  await until(() => !!root.querySelector('[part~="item"], [part~="error"], [part~="empty"]'), 'the list to load');
  return root;
}

/** Clicks "Cancel" on one appointment; the list opens the page's `<omsorg-cancel-dialog>`. */
async function openCancel(canvas: HTMLElement, appointmentId: string): Promise<void> {
  const root = await listReady(canvas);
  const button = root.querySelector<HTMLButtonElement>(`#act-${CSS.escape(appointmentId)}`);
  if (!button) throw new Error(`no cancel button for ${appointmentId}`);
  button.click();
  await until(() => !!deepQuery(document.body, 'dialog[open] [part~="form"], dialog[open] [part~="notice"]'), 'the dialog to load');
}

export const Default: Story = scenarioStory('default');

export const Past: Story = { ...scenarioStory('default'), args: { when: 'past' } };

export const Empty: Story = scenarioStory('empty');

/** The skeleton that reserves height while loading (answers are delayed 2.5 s). */
export const Slow: Story = scenarioStory('slow');

/** Still loading: the answer takes a minute, so the skeleton stays. */
export const Loading: Story = scenarioStory('slow', { delayMs: 60_000 });

export const ServerError: Story = scenarioStory('server-error');

export const Unauthorized: Story = scenarioStory('unauthorized');

export const SignedOut: Story = scenarioStory('default', { signedIn: false }, 'Here: nobody is signed in.');

export const DeadlinePassed: Story = scenarioStory('deadline-passed');

export const CancelAsRequest: Story = scenarioStory('cancel-as-request');

export const Malformed: Story = scenarioStory('malformed');

export const Hostile: Story = scenarioStory('hostile');

export const KariActingForOla: Story = scenarioStory('default', { person: 'kari', actingFor: 'ola' }, 'Here: Kari is signed in and acts for her father Ola.');

export const PerActingForEmma: Story = scenarioStory('default', { person: 'per', actingFor: 'emma' }, 'Here: Per is signed in and acts for his daughter Emma.');

/** Kari signed in for herself: she has no appointments of her own. */
export const KariForHerself: Story = scenarioStory('default', { person: 'kari' });

/** "Cancel" pressed on an appointment: the list opens `<omsorg-cancel-dialog>`. */
export const CancelDialogOpen: Story = {
  ...scenarioStory('default'),
  play: async ({ canvasElement }) => openCancel(canvasElement, appointmentIds.olaCancellable),
};

/** The appointment changed on the server after the list loaded: the dialog shows what changed (412). */
export const Conflict: Story = {
  ...scenarioStory('conflict'),
  play: async ({ canvasElement }) => {
    await openCancel(canvasElement, appointmentIds.olaCancellable);
    const dialog = deepQuery(document.body, 'omsorg-cancel-dialog');
    const root = dialog?.shadowRoot;
    if (!root) return;
    root.querySelector<HTMLInputElement>('input[type="radio"]')?.click();
    root.querySelector<HTMLButtonElement>('[part~="confirm-button"]')?.click();
    await until(() => !!root.querySelector('[part~="changed"], [part~="error"]'), 'the conflict notice');
  },
};

/** Two lists with the built-in toggle hidden: the host page decides what each shows. */
export const UpcomingAndPast: Story = {
  ...scenarioStory('default'),
  render: () => html`
    <omsorg-appointment-list hide-toggle heading-level="2"></omsorg-appointment-list>
    <omsorg-appointment-list when="past" hide-toggle heading-level="2"></omsorg-appointment-list>
  `,
};

/**
 * Recurring visits: Ola's daily home nursing is one group per series ("Hjemmesykepleie, hver dag
 * 08:00–10:00") with its next visit; here the morning series' other visits are opened with its
 * disclosure button, each still cancellable on its own.
 */
export const SeriesExpanded: Story = {
  ...scenarioStory('default'),
  args: { pageSize: 100 },
  play: async ({ canvasElement }) => {
    const root = await listReady(canvasElement);
    const toggle = root.querySelector<HTMLButtonElement>('li[part="series"][data-series="ser-ola-hsp-am"] [part="series-toggle"]');
    if (!toggle) throw new Error('no series group for the morning visits');
    toggle.click();
    await until(() => toggle.getAttribute('aria-expanded') === 'true', 'the series to open');
  },
};

/**
 * Per Hansen gets home nursing from Bergen and respite stays from Askøy, each municipality in its
 * own record system: one list, each visit saying its municipality, and after a deadline the
 * phone of that visit's own service.
 */
export const TwoMunicipalities: Story = scenarioStory('default', { person: 'per' }, 'Here: Per Hansen, with services from Bergen and Askøy.');

/** Askøy's record system does not answer: Bergen's visits, and a notice saying Askøy's are missing. */
export const SourceUnavailable: Story = scenarioStory('source-unavailable', { person: 'per' }, 'Here: Per Hansen.');
