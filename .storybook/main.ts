import type { StorybookConfig } from '@storybook/web-components-vite';

/**
 * Storybook for the omsorg elements. Stories import workspace packages through their `source`
 * export condition, so they run the TypeScript sources (no build step needed first).
 * `./public` holds msw's worker (copied there by `npm run msw:init`), served at
 * `/mockServiceWorker.js`.
 */
const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  // addon-a11y: the accessibility panel, checking each story with the tests' axe rule sets (preview.ts).
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  staticDirs: ['./public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  docs: { defaultName: 'Docs' },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      resolve: {
        // 'source' first: @omsorg/* packages export their src/*.ts under this condition.
        conditions: ['source', 'browser', 'module', 'import', 'default'],
      },
      optimizeDeps: {
        // One copy of Lit in dev (otherwise the optimizer may split it across chunks).
        include: ['lit', 'lit/decorators.js', 'lit/directive-helpers.js', '@lit/context', 'msw', 'msw/browser'],
      },
      build: { chunkSizeWarningLimit: 2048 },
    });
  },
};

export default config;
