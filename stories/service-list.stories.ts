import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { scenarioStory } from './support.js';

interface Args {
  includeEnded: boolean;
  headingLevel: number;
}

/**
 * `<omsorg-service-list>`: the services a person has been granted (vedtak). Cancellation
 * scenarios (deadline-passed, cancel-as-request, conflict) do not touch services and have no
 * story here.
 */
const meta: Meta<Args> = {
  title: 'Elements/Service list',
  component: 'omsorg-service-list',
  args: { includeEnded: false, headingLevel: 2 },
  argTypes: { headingLevel: { control: { type: 'number', min: 1, max: 6 } } },
  render: (args) => html`
    <omsorg-service-list ?include-ended=${args.includeEnded} heading-level=${args.headingLevel}></omsorg-service-list>
  `,
};
export default meta;
type Story = StoryObj<Args>;

export const Default: Story = scenarioStory('default');

export const IncludeEnded: Story = { ...scenarioStory('default'), args: { includeEnded: true } };

export const Empty: Story = scenarioStory('empty');

export const Slow: Story = scenarioStory('slow');

/** Still loading: the answer takes a minute, so the skeleton stays. */
export const Loading: Story = scenarioStory('slow', { delayMs: 60_000 });

export const ServerError: Story = scenarioStory('server-error');

export const Unauthorized: Story = scenarioStory('unauthorized');

export const SignedOut: Story = scenarioStory('default', { signedIn: false }, 'Here: nobody is signed in.');

export const Malformed: Story = scenarioStory('malformed');

export const Hostile: Story = { ...scenarioStory('hostile'), args: { includeEnded: true } };

export const KariActingForOla: Story = scenarioStory('default', { person: 'kari', actingFor: 'ola' }, 'Here: Kari is signed in and acts for her father Ola.');

export const PerActingForEmma: Story = scenarioStory('default', { person: 'per', actingFor: 'emma' }, 'Here: Per is signed in and acts for his daughter Emma.');

/** Per Hansen's services from two municipalities (Bergen, Askøy), each saying its municipality. */
export const TwoMunicipalities: Story = scenarioStory('default', { person: 'per' }, 'Here: Per Hansen, with services from Bergen and Askøy.');

/** Askøy's record system does not answer: Bergen's services, and a notice saying Askøy's are missing. */
export const SourceUnavailable: Story = scenarioStory('source-unavailable', { person: 'per' }, 'Here: Per Hansen.');
