// Copies msw's service worker to the folders that serve pages with mocks (demo, Storybook),
// so a newcomer never runs `npx msw init` by hand. The file is generated, not committed.
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../node_modules/msw/lib/mockServiceWorker.js', import.meta.url));
for (const dir of ['../demo/', '../.storybook/public/']) {
  const to = new URL(dir, import.meta.url);
  mkdirSync(to, { recursive: true });
  copyFileSync(from, fileURLToPath(new URL('mockServiceWorker.js', to)));
}
console.log('msw worker copied to demo/ and .storybook/public/');
