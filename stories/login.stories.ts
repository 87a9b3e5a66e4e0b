import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { scenarioStory } from './support.js';

/**
 * `<omsorg-login>`: sign in / sign out, the "acting for" switcher for relatives and the
 * session-expiry warning. In Storybook sign-in is the SDK's mock auth: "Logg inn" signs in at
 * once, with no redirect.
 */
const meta: Meta = {
  title: 'Elements/Login',
  component: 'omsorg-login',
  render: () => html`<omsorg-login></omsorg-login>`,
};
export default meta;
type Story = StoryObj;

export const Default: Story = scenarioStory('default', {}, 'Here: Ola is signed in for himself.');

export const SignedOut: Story = scenarioStory('default', { signedIn: false }, 'Here: nobody is signed in.');

/** Kari may act for her father: the switcher appears. */
export const Kari: Story = scenarioStory('default', { person: 'kari' }, 'Here: Kari is signed in for herself.');

export const KariActingForOla: Story = scenarioStory('default', { person: 'kari', actingFor: 'ola' }, 'Here: Kari acts for her father Ola.');

export const PerActingForEmma: Story = scenarioStory('default', { person: 'per', actingFor: 'emma' }, 'Here: Per acts for his daughter Emma.');

/**
 * The session ends in 2 min 2 s; the SDK warns 2 minutes before, so the warning appears after
 * about 2 seconds. (A session created already inside the warning window shows no warning: the
 * SDK emits `session-expiring` inside `createClient`, before any element listens.)
 */
export const SessionExpiring: Story = scenarioStory('default', { expiresInMs: 122_000 }, 'Here: the session ends in about two minutes.');

export const Empty: Story = scenarioStory('empty');

export const Slow: Story = scenarioStory('slow');

export const ServerError: Story = scenarioStory('server-error');

export const Unauthorized: Story = scenarioStory('unauthorized');

export const Malformed: Story = scenarioStory('malformed');

export const Hostile: Story = scenarioStory('hostile', { person: 'kari' }, 'Here: Kari, whose relatives have hostile names.');

/** The login together with a list: the list follows the switcher. */
export const WithList: Story = {
  ...scenarioStory('default', { person: 'kari' }, 'Here: Kari; pick Ola in the switcher and the list shows his appointments.'),
  render: () => html`<omsorg-login></omsorg-login><omsorg-appointment-list></omsorg-appointment-list>`,
};
