import { setCustomElementsManifest, type Decorator, type Loader, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createPreviewAnnotations } from 'msw-storybook-addon/preview';
import { provideClient } from '@omsorg/elements';
import '@omsorg/elements/define.js';
import { createStoryEnvironment, environmentOf, type OmsorgStoryParameters } from '../stories/support.js';
import { AXE_RULESETS } from './axe-rules.mjs';

// Attribute / property / event / part / CSS-property tables on the docs pages come from the
// custom-elements manifest (`npm run manifest`); without it the docs pages just lack the tables.
const manifests = import.meta.glob<{ default: unknown }>('../packages/elements/custom-elements.json', { eager: true });
const manifest = Object.values(manifests)[0]?.default;
if (manifest) setCustomElementsManifest(manifest);

/**
 * One msw worker for the whole preview. The worker script lives in ./public (copied there by
 * `npm run msw:init`) and is served at /mockServiceWorker.js. Requests nobody mocks (Storybook's
 * own files) go to the network untouched. Kept on globalThis: when Vite hot-reloads this module,
 * a second worker instance must not start beside the first (which would go on answering with
 * stale handlers).
 */
const shared = globalThis as typeof globalThis & { __omsorgMsw?: Promise<SetupWorker> };
function mswWorker(): Promise<SetupWorker> {
  shared.__omsorgMsw ??= (async () => {
    const worker = setupWorker();
    await worker.start({
      quiet: true,
      onUnhandledRequest: 'bypass',
      serviceWorker: { url: './mockServiceWorker.js' },
    });
    return worker;
  })();
  return shared.__omsorgMsw;
}

// msw-storybook-addon 3: puts the worker in the story context (`beforeEach({ msw })`, `play({ msw })`)
// and resets its handlers when the story is torn down.
const msw = createPreviewAnnotations(mswWorker);

/**
 * Each render gets fresh mock data under a private base URL and a fresh SDK client: no state
 * is shared between stories, not even between stories rendered together on a docs page.
 */
const omsorgLoader: Loader = async (context) => {
  const params = (context.parameters.omsorg ?? {}) as OmsorgStoryParameters;
  const env = createStoryEnvironment(params, context.id);
  const worker = await mswWorker();
  // Prepended: wins over earlier handlers; other renders' handlers never match this base URL.
  worker.use(...env.handlers);
  return { omsorg: env };
};

type Scheme = 'light' | 'dark' | 'auto';

/**
 * The page's colour scheme, as a host page would set it: `light` says nothing (the elements stay
 * light), `dark` is Designsystemet's `data-color-scheme="dark"` (which sets `color-scheme: dark`),
 * `auto` is a page that allows both (`color-scheme: light dark`) and follows the reader's setting.
 */
function applyScheme(root: HTMLElement, scheme: Scheme): void {
  if (scheme === 'dark') root.dataset.colorScheme = 'dark';
  else delete root.dataset.colorScheme;
  root.style.colorScheme = scheme === 'dark' ? 'dark' : scheme === 'auto' ? 'light dark' : '';
  // The page's own background and text follow the scheme, as a dark page's would.
  document.body.style.background = scheme === 'light' ? '' : 'Canvas';
  document.body.style.color = scheme === 'light' ? '' : 'CanvasText';
}

const withOmsorg: Decorator = (story, context) => {
  const env = environmentOf(context);
  const locale = (context.globals.locale as string | undefined) ?? 'nb';
  const params = (context.parameters.omsorg ?? {}) as OmsorgStoryParameters;
  // The appointment list opens a page-level <omsorg-cancel-dialog> (appended to <body>, outside
  // the story's provider), which takes its client from the document: give the document this
  // story's client too. On a docs page the last story rendered wins.
  if (env) provideClient(env.client);
  const scheme = (context.globals.scheme as Scheme | undefined) ?? 'light';
  if (context.viewMode === 'story') {
    document.documentElement.lang = locale;
    applyScheme(document.documentElement, scheme);
    // Drop the dialog a previous story left in <body>, so it cannot carry that story's state.
    for (const stale of document.querySelectorAll('body > omsorg-cancel-dialog')) stale.remove();
  }
  const inner = params.provider === false || !env ? story() : html`<omsorg-provider .client=${env.client}>${story()}</omsorg-provider>`;
  return html`<div class="omsorg-story-root" lang=${locale}>${inner}</div>`;
};

const preview: Preview = {
  loaders: [omsorgLoader],
  beforeEach: msw.beforeEach,
  decorators: [withOmsorg],
  globalTypes: {
    scheme: {
      description: 'Colour scheme of the page around the elements',
      toolbar: {
        title: 'Scheme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light (the page says nothing)' },
          { value: 'dark', title: 'Dark (Designsystemet data-color-scheme="dark")' },
          { value: 'auto', title: 'Follow the reader (color-scheme: light dark)' },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language of the elements (sets lang on the story root)',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'nb', title: 'Bokmål (nb)', right: 'nb' },
          { value: 'nn', title: 'Nynorsk (nn)', right: 'nn' },
          { value: 'en', title: 'English (en)', right: 'en' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'nb', scheme: 'light' },
  parameters: {
    // The accessibility panel runs axe on every story with the rule sets the tests use; a
    // violation fails the story's test status ('error'), as it fails CI.
    a11y: { options: { runOnly: { type: 'tag', values: [...AXE_RULESETS] } }, test: 'error' },
    layout: 'padded',
    controls: { expanded: true },
    docs: { story: { inline: true } },
    options: {
      storySort: {
        order: ['Docs', ['Embedding', 'Theming', 'Languages'], 'Elements', 'Pages'],
      },
    },
  },
  tags: ['autodocs'],
};

export default preview;
