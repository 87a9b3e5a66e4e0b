import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { environmentOf, mockClient, scenarioStory, subjectIds } from './support.js';

/**
 * `<omsorg-provider>` gives the elements inside it an SDK client. It adds no box of its own.
 * These stories build their own providers (`parameters.omsorg.provider: false`).
 */
const meta: Meta = {
  title: 'Elements/Provider',
  component: 'omsorg-provider',
  parameters: { omsorg: { provider: false } },
};
export default meta;
type Story = StoryObj;

/** One provider around a login and a list: both share one client and one session. */
export const Default: Story = {
  ...scenarioStory('default', { provider: false }),
  render: (_args, context) => {
    const env = environmentOf(context);
    return html`
      <omsorg-provider .client=${env?.client}>
        <omsorg-login></omsorg-login>
        <omsorg-appointment-list></omsorg-appointment-list>
      </omsorg-provider>
    `;
  },
};

/** Two providers, two clients: Ola's services on the left, Per (acting for Emma) on the right. */
export const TwoClients: Story = {
  ...scenarioStory('default', { provider: false }),
  render: (_args, context) => {
    const env = environmentOf(context);
    const per = env ? mockClient(env.baseUrl, 'per') : undefined;
    per?.setSubject(subjectIds.emma);
    // The providers add no box of their own (display: contents): each sits in a grid cell.
    return html`
      <div style="display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1.5rem;align-items:start">
        <section>
          <omsorg-provider .client=${env?.client}>
            <omsorg-login></omsorg-login>
            <omsorg-service-list heading-level="3"></omsorg-service-list>
          </omsorg-provider>
        </section>
        <section>
          <omsorg-provider .client=${per}>
            <omsorg-login></omsorg-login>
            <omsorg-service-list heading-level="3"></omsorg-service-list>
          </omsorg-provider>
        </section>
      </div>
    `;
  },
};

/** No client anywhere: the elements wait (showing their loading state) until one is provided. */
export const NoClient: Story = {
  ...scenarioStory('default', { provider: false }),
  render: () => html`<omsorg-provider><omsorg-service-list></omsorg-service-list></omsorg-provider>`,
};
