import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { appointmentIds, subjectIds, scenarioStory, until } from './support.js';

interface Args {
  appointmentId: string;
  subjectId: string;
}

/**
 * `<omsorg-cancel-dialog>` on its own, opened by a button in its `trigger` slot. The stories
 * click that button in their `play` function, so the dialog is open when the story shows;
 * close it and press "Avbestill time" to open it again. In the appointment list the list opens
 * the dialog with `open(trigger)`.
 */
const meta: Meta<Args> = {
  title: 'Elements/Cancel dialog',
  component: 'omsorg-cancel-dialog',
  args: { appointmentId: appointmentIds.olaCancellable, subjectId: subjectIds.ola },
  render: (args) => html`
    <omsorg-cancel-dialog appointment-id=${args.appointmentId} subject-id=${args.subjectId}>
      <button slot="trigger" type="button">Avbestill time</button>
    </omsorg-cancel-dialog>
  `,
  play: async ({ canvasElement }) => {
    await openDialog(canvasElement);
  },
};
export default meta;
type Story = StoryObj<Args>;

function dialogRoot(canvas: HTMLElement): ShadowRoot {
  const root = canvas.querySelector('omsorg-cancel-dialog')?.shadowRoot;
  if (!root) throw new Error('no <omsorg-cancel-dialog> in the story');
  return root;
}

/** Clicks the trigger and waits until the dialog has loaded the appointment (or failed). */
async function openDialog(canvas: HTMLElement): Promise<ShadowRoot> {
  const root = dialogRoot(canvas);
  canvas.querySelector<HTMLButtonElement>('button[slot="trigger"]')?.click();
  await until(() => !!root.querySelector('dialog[open]'), 'the dialog to open');
  await until(
    () => !!root.querySelector('[part~="form"], [part~="notice"], [part~="error"], [part~="outcome"]'),
    'the dialog to load',
  );
  return root;
}

/** Picks the first reason and confirms. */
async function confirmFirstReason(canvas: HTMLElement, until_: string): Promise<void> {
  const root = await openDialog(canvas);
  root.querySelector<HTMLInputElement>('input[type="radio"]')?.click();
  root.querySelector<HTMLButtonElement>('[part~="confirm-button"]')?.click();
  await until(() => !!root.querySelector(until_), 'an answer');
}

export const Default: Story = scenarioStory('default');

/** Nothing pressed yet: only the trigger shows. */
export const Closed: Story = { ...scenarioStory('default'), play: async () => {} };

/** A day-centre visit whose service decides on cancellations later (mode `request`), in the default data. */
export const RequestMode: Story = { ...scenarioStory('default'), args: { appointmentId: appointmentIds.olaRequestMode } };

/** The deadline passed (in the default data): the dialog gives the number to call instead. */
export const PastDeadline: Story = { ...scenarioStory('default'), args: { appointmentId: appointmentIds.olaDeadlinePassed } };

/** Already `cancellation-requested`: nothing more to cancel. */
export const AlreadyRequested: Story = {
  ...scenarioStory('default'),
  args: { appointmentId: appointmentIds.olaCancellationRequested },
};

/** "Confirm" without a reason: the error summary and the field error. */
export const ValidationError: Story = {
  ...scenarioStory('default'),
  play: async ({ canvasElement }) => {
    const root = await openDialog(canvasElement);
    root.querySelector<HTMLButtonElement>('[part~="confirm-button"]')?.click();
    await until(() => !!root.querySelector('[part~="error-summary"]'), 'the error summary');
  },
};

/** A reason picked and confirmed: the appointment is cancelled. */
export const Cancelled: Story = {
  ...scenarioStory('default'),
  play: async ({ canvasElement }) => confirmFirstReason(canvasElement, '[part~="outcome"], [part~="error"]'),
};

export const Empty: Story = scenarioStory('empty', {}, 'Here: the appointment does not exist (404).');

export const Slow: Story = {
  ...scenarioStory('slow'),
  play: async ({ canvasElement }) => {
    canvasElement.querySelector<HTMLButtonElement>('button[slot="trigger"]')?.click();
  },
};

/** Opened while the appointment is on its way; it stays loading (a minute), so tests can read that state. */
export const Loading: Story = {
  ...scenarioStory('slow', { delayMs: 60_000 }),
  play: async ({ canvasElement }) => {
    canvasElement.querySelector<HTMLButtonElement>('button[slot="trigger"]')?.click();
  },
};

export const ServerError: Story = scenarioStory('server-error');

export const Unauthorized: Story = scenarioStory('unauthorized');

export const SignedOut: Story = scenarioStory('default', { signedIn: false }, 'Here: nobody is signed in.');

export const DeadlinePassed: Story = scenarioStory('deadline-passed');

export const CancelAsRequest: Story = scenarioStory('cancel-as-request');

/** Confirmed while the server has a newer version: 412, the dialog shows what changed. */
export const Conflict: Story = {
  ...scenarioStory('conflict'),
  play: async ({ canvasElement }) => confirmFirstReason(canvasElement, '[part~="changed"], [part~="error"]'),
};

export const Malformed: Story = scenarioStory('malformed');

export const Hostile: Story = scenarioStory('hostile');

export const KariActingForOla: Story = scenarioStory('default', { person: 'kari', actingFor: 'ola' }, 'Here: Kari is signed in and cancels for her father Ola.');

export const PerActingForEmma: Story = {
  ...scenarioStory('default', { person: 'per', actingFor: 'emma' }, 'Here: Per is signed in and cancels for his daughter Emma.'),
  args: { appointmentId: appointmentIds.emmaActivity, subjectId: subjectIds.emma },
};
