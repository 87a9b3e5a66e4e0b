import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { subjectIds, threadIds } from '@omsorg/mocks';
import { scenarioStory, until } from './support.js';

interface Args {
  threadId: string;
  subjectId: string;
  headingLevel: number;
}

/**
 * `<omsorg-message-thread>` on its own: one conversation with a care service and the reply
 * box (draft saved on the server, sent through the SDK's queue), in every mock scenario.
 * Switch language in the toolbar.
 */
const meta: Meta<Args> = {
  title: 'Elements/Message thread',
  component: 'omsorg-message-thread',
  args: { threadId: threadIds.olaUnreadReply, subjectId: 'me', headingLevel: 2 },
  argTypes: {
    threadId: { control: 'select', options: [...Object.values(threadIds), 'thr-long-thread', 'thr-inbox-0000'] },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  render: (args) => html`
    <omsorg-message-thread subject-id=${args.subjectId} thread-id=${args.threadId} heading-level=${args.headingLevel}></omsorg-message-thread>
  `,
};
export default meta;
type Story = StoryObj<Args>;

async function threadReady(canvas: HTMLElement): Promise<ShadowRoot> {
  const root = canvas.querySelector('omsorg-message-thread')?.shadowRoot;
  if (!root) throw new Error('no <omsorg-message-thread> in the story');
  await until(() => root.querySelector('[part="content"]')?.getAttribute('aria-busy') === 'false', 'the thread to load');
  return root;
}

async function typeAndSend(canvas: HTMLElement, text: string): Promise<ShadowRoot> {
  const root = await threadReady(canvas);
  const box = root.querySelector<HTMLTextAreaElement>('textarea');
  if (!box) return root;
  box.value = text;
  box.dispatchEvent(new Event('input'));
  root.querySelector<HTMLButtonElement>('[part="send-button"]')?.click();
  return root;
}

/** Ola's question and the nurse's unread reply with a PDF. */
export const Default: Story = scenarioStory('default');

/** The day centre wrote first (a staff-initiated message). */
export const StaffStarted: Story = { ...scenarioStory('default'), args: { threadId: threadIds.olaStaffStarted } };

/** Closed by the service: no reply box. */
export const Closed: Story = { ...scenarioStory('default'), args: { threadId: threadIds.olaClosed } };

export const KariActingForOla: Story = {
  ...scenarioStory('default', { person: 'kari', actingFor: 'ola' }, 'Here: Kari wrote on behalf of her father; the service and Ola have seen it.'),
  args: { threadId: threadIds.olaByKari, subjectId: subjectIds.ola },
};

export const PerActingForEmma: Story = {
  ...scenarioStory('default', { person: 'per', actingFor: 'emma' }, 'Here: Per wrote for his daughter Emma.'),
  args: { threadId: threadIds.emma, subjectId: subjectIds.emma },
};

export const Empty: Story = scenarioStory('empty', {}, 'Here: the thread does not exist.');

export const Slow: Story = scenarioStory('slow');

export const Loading: Story = scenarioStory('slow', { delayMs: 60_000 });

export const ServerError: Story = scenarioStory('server-error');

export const Unauthorized: Story = scenarioStory('unauthorized');

export const SignedOut: Story = scenarioStory('default', { signedIn: false }, 'Here: nobody is signed in.');

export const Malformed: Story = scenarioStory('malformed');

/** Script, HTML, javascript: links and right-to-left overrides in the text: shown as text, bidi marked. */
export const Hostile: Story = scenarioStory('hostile');

/** 2,000 messages: the latest 50 first, earlier ones on request. */
export const Large: Story = { ...scenarioStory('large'), args: { threadId: 'thr-long-thread' } };

export const ThreadClosed: Story = scenarioStory('thread-closed');

/** Consent to digital dialogue withdrawn. */
export const NoConsent: Story = scenarioStory('no-consent', {}, 'Here: no reply box; the reason in words. The thread stays readable.');

export const DeadlinePassed: Story = scenarioStory('deadline-passed', {}, 'Messages are not affected: the same as the default data.');

export const CancelAsRequest: Story = scenarioStory('cancel-as-request', {}, 'Messages are not affected: the same as the default data.');

export const Conflict: Story = scenarioStory('conflict', {}, 'Messages are not affected: the same as the default data.');

/** A reply that could not be sent: "try again" or "discard" (the text goes back into the box). */
export const SendFails: Story = {
  ...scenarioStory('send-fails'),
  play: async ({ canvasElement }) => {
    await typeAndSend(canvasElement, 'Takk, det passer fint.');
  },
};

/** The first send gets no answer; the queue sends it again and it arrives once. */
export const OfflineSend: Story = {
  ...scenarioStory('offline-send'),
  play: async ({ canvasElement }) => {
    await typeAndSend(canvasElement, 'Sendt uten nett.');
  },
};

/** Over the limit and sent: a clear error, the text kept as written. */
export const TooLong: Story = {
  ...scenarioStory('default'),
  play: async ({ canvasElement }) => {
    const root = await typeAndSend(canvasElement, 'Lang tekst. '.repeat(334));
    await until(() => !!root.querySelector('[part="error-summary"]'), 'the error summary');
  },
};
