import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { scenarioStory } from './support.js';

/** Live examples for the Languages page (Languages.mdx). */
const meta: Meta = {
  title: 'Docs/Languages',
  tags: ['!autodocs'],
};
export default meta;
type Story = StoryObj;

/** One client, three `lang` attributes: each element follows its nearest one. */
export const ThreeLanguages: Story = {
  ...scenarioStory('default'),
  render: () => html`
    <div style="display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1.5rem;align-items:start">
      <section lang="nb"><omsorg-login></omsorg-login></section>
      <section lang="nn"><omsorg-login></omsorg-login></section>
      <section lang="en"><omsorg-login></omsorg-login></section>
    </div>
  `,
};

/** The appointment list in English, whatever the toolbar says. */
export const English: Story = {
  ...scenarioStory('default'),
  render: () => html`<div lang="en-GB"><omsorg-appointment-list page-size="3"></omsorg-appointment-list></div>`,
};

/** Nynorsk. */
export const Nynorsk: Story = {
  ...scenarioStory('default'),
  render: () => html`<div lang="nn"><omsorg-appointment-list page-size="3"></omsorg-appointment-list></div>`,
};
