import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { scenarioStory } from './support.js';

/**
 * The elements together, as a municipality's "Min side" would embed them. Pick a scenario
 * story; the language comes from the toolbar.
 */
const meta: Meta = {
  title: 'Pages/Min side',
  parameters: { layout: 'fullscreen' },
  render: () => html`
    <main style="max-width:52rem;margin:0 auto;padding:1.5rem;display:grid;gap:2rem">
      <omsorg-login></omsorg-login>
      <omsorg-appointment-list heading-level="2"></omsorg-appointment-list>
      <omsorg-service-list heading-level="2"></omsorg-service-list>
    </main>
  `,
};
export default meta;
type Story = StoryObj;

export const Ola: Story = scenarioStory('default');
export const KariActingForOla: Story = scenarioStory('default', { person: 'kari', actingFor: 'ola' });
export const PerActingForEmma: Story = scenarioStory('default', { person: 'per', actingFor: 'emma' });
export const SignedOut: Story = scenarioStory('default', { signedIn: false });
export const Empty: Story = scenarioStory('empty');
export const ServerError: Story = scenarioStory('server-error');
export const Hostile: Story = scenarioStory('hostile');
