import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { threadIds } from '@omsorg/mocks';
import { scenarioStory, until } from './support.js';

interface Args {
  headingLevel: number;
}

/**
 * `<omsorg-inbox>`: the subject's message threads with the care services, unread counts, a
 * "new message" form and the opened thread, in every mock scenario. It fires
 * `omsorg-unread-changed` for a host page's badge (see Docs/Embedding for the badge without
 * the inbox). Switch language in the toolbar.
 */
const meta: Meta<Args> = {
  title: 'Elements/Inbox',
  component: 'omsorg-inbox',
  args: { headingLevel: 2 },
  argTypes: { headingLevel: { control: { type: 'number', min: 1, max: 6 } } },
  render: (args) => html`<omsorg-inbox heading-level=${args.headingLevel}></omsorg-inbox>`,
};
export default meta;
type Story = StoryObj<Args>;

/** The inbox's shadow root once its list (or a state) is shown. */
async function inboxReady(canvas: HTMLElement): Promise<ShadowRoot> {
  const root = canvas.querySelector('omsorg-inbox')?.shadowRoot;
  if (!root) throw new Error('no <omsorg-inbox> in the story');
  await until(() => root.querySelector('[part="content"]')?.getAttribute('aria-busy') === 'false', 'the inbox to load');
  return root;
}

export const Default: Story = scenarioStory('default');

export const Empty: Story = scenarioStory('empty');

/** The skeleton that reserves height while loading (answers are delayed 2.5 s). */
export const Slow: Story = scenarioStory('slow');

/** Still loading: the answer takes a minute, so the skeleton stays. */
export const Loading: Story = scenarioStory('slow', { delayMs: 60_000 });

export const ServerError: Story = scenarioStory('server-error');

export const Unauthorized: Story = scenarioStory('unauthorized');

export const SignedOut: Story = scenarioStory('default', { signedIn: false }, 'Here: nobody is signed in.');

export const Malformed: Story = scenarioStory('malformed');

export const Hostile: Story = scenarioStory('hostile');

export const Large: Story = scenarioStory('large');

export const ThreadClosed: Story = scenarioStory('thread-closed');

/** Consent to digital dialogue withdrawn. */
export const NoConsent: Story = scenarioStory('no-consent', {}, 'Here: no new-message button; the reason in words. The threads stay readable.');

export const DeadlinePassed: Story = scenarioStory('deadline-passed', {}, 'Messages are not affected: the same as the default data.');

export const CancelAsRequest: Story = scenarioStory('cancel-as-request', {}, 'Messages are not affected: the same as the default data.');

export const Conflict: Story = scenarioStory('conflict', {}, 'Messages are not affected: the same as the default data.');

export const KariActingForOla: Story = scenarioStory('default', { person: 'kari', actingFor: 'ola' }, 'Here: Kari is signed in and acts for her father Ola.');

export const PerActingForEmma: Story = scenarioStory('default', { person: 'per', actingFor: 'emma' }, 'Here: Per is signed in and acts for his daughter Emma.');

/** A thread opened inside the inbox (with a back button). */
export const ThreadOpen: Story = {
  ...scenarioStory('default'),
  play: async ({ canvasElement }) => {
    const root = await inboxReady(canvasElement);
    root.querySelector<HTMLButtonElement>(`[data-thread="${threadIds.olaUnreadReply}"]`)?.click();
    await until(() => !!root.querySelector('omsorg-message-thread'), 'the thread');
  },
};

/** The "new message" form: only the services the subject receives. */
export const NewMessage: Story = {
  ...scenarioStory('default'),
  play: async ({ canvasElement }) => {
    const root = await inboxReady(canvasElement);
    root.querySelector<HTMLButtonElement>('[part="new-button"]')?.click();
    await until(() => !!root.querySelector('input[name="recipient"]'), 'the recipients');
  },
};

/** Send pressed with nothing filled in: the error summary has focus. */
export const NewMessageErrors: Story = {
  ...scenarioStory('default'),
  play: async ({ canvasElement }) => {
    const root = await inboxReady(canvasElement);
    root.querySelector<HTMLButtonElement>('[part="new-button"]')?.click();
    await until(() => !!root.querySelector('input[name="recipient"]'), 'the recipients');
    root.querySelector<HTMLButtonElement>('[part="send-button"]')?.click();
    await until(() => !!root.querySelector('[part="error-summary"]'), 'the error summary');
  },
};

/** A new message that could not be sent: try again, or discard (the text goes back into the form). */
export const SendFails: Story = {
  ...scenarioStory('send-fails'),
  play: async ({ canvasElement }) => {
    const root = await inboxReady(canvasElement);
    root.querySelector<HTMLButtonElement>('[part="new-button"]')?.click();
    await until(() => !!root.querySelector('input[name="recipient"]'), 'the recipients');
    root.querySelector<HTMLInputElement>('input[name="recipient"]')?.click();
    const subject = root.querySelector<HTMLInputElement>('#new-subject')!;
    subject.value = 'Spørsmål om tannpuss';
    subject.dispatchEvent(new Event('input'));
    const text = root.querySelector<HTMLTextAreaElement>('textarea')!;
    text.value = 'Kan dere hjelpe med tannpuss om kvelden?';
    text.dispatchEvent(new Event('input'));
    root.querySelector<HTMLButtonElement>('[part="send-button"]')?.click();
  },
};

/** The first send fails without a network answer; the queue delivers it once. */
export const OfflineSend: Story = scenarioStory('offline-send');
