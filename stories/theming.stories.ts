import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { scenarioStory } from './support.js';

/** Live examples for the Theming page (Theming.mdx). */
const meta: Meta = {
  title: 'Docs/Theming',
  tags: ['!autodocs'],
  parameters: { omsorg: { scenario: 'default' } },
};
export default meta;
type Story = StoryObj;

/** No theme at all: the built-in defaults. */
export const Defaults: Story = {
  ...scenarioStory('default'),
  render: () => html`<omsorg-appointment-list page-size="2"></omsorg-appointment-list>`,
};

/**
 * The host page uses Designsystemet: its `--ds-*` tokens are on the page, and the elements pick
 * them up. (Here a handful of tokens are set by hand to show the effect.)
 */
export const DesignsystemetTokens: Story = {
  ...scenarioStory('default'),
  render: () => html`
    <div
      style="
        --ds-color-accent-base-default: #6b2c91;
        --ds-color-accent-base-contrast-default: #ffffff;
        --ds-color-neutral-surface-tinted: #f5eefa;
        --ds-color-neutral-border-subtle: #d9c6e6;
        --ds-border-radius-md: 12px;
        --ds-font-family: system-ui, sans-serif;
      "
    >
      <omsorg-appointment-list page-size="2"></omsorg-appointment-list>
    </div>
  `,
};

/** `--omsorg-*` tokens win over `--ds-*`: set them to theme just these elements. */
export const OmsorgTokens: Story = {
  ...scenarioStory('default'),
  render: () => html`
    <div
      style="
        --omsorg-color-accent: #00605a;
        --omsorg-border-radius: 0;
        --omsorg-font-family: Georgia, serif;
        --omsorg-appointment-list-item-background: #f2f7f6;
        --omsorg-appointment-list-item-border-color: #00605a;
        --omsorg-appointment-list-status-positive: #00605a;
      "
    >
      <omsorg-appointment-list page-size="2"></omsorg-appointment-list>
    </div>
  `,
};

/** `::part()` for what tokens do not cover. */
export const Parts: Story = {
  ...scenarioStory('default'),
  render: () => html`
    <style>
      .parts-example omsorg-appointment-list::part(heading) {
        font-size: 1.25rem;
        text-transform: uppercase;
        letter-spacing: 0.05em;
      }
      .parts-example omsorg-appointment-list::part(item) {
        border-left: 6px solid #1e5a96;
        box-shadow: 0 1px 4px rgb(0 0 0 / 0.15);
      }
      .parts-example omsorg-appointment-list::part(status-positive) {
        background: #e3f4e8;
      }
      .parts-example omsorg-appointment-list::part(cancel-button) {
        border-radius: 999px;
      }
    </style>
    <div class="parts-example"><omsorg-appointment-list page-size="2"></omsorg-appointment-list></div>
  `,
};
