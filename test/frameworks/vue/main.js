// Vue 3 host for the omsorg custom elements (test/frameworks/frameworks.test.mjs). The build
// configures `compilerOptions.isCustomElement: (tag) => tag.startsWith('omsorg-')`.
import { createApp, markRaw } from 'vue';
import '@omsorg/elements/define.js';
import { createClient, createMockAuth } from '@omsorg/sdk';
import { startMockWorker } from '@omsorg/mocks/browser';
import App from './App.vue';

async function boot() {
  await startMockWorker({ baseUrl: '/api', serviceWorkerUrl: '/mockServiceWorker.js' });
  const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
  // markRaw: the client is handed to the elements as is, never as a reactive proxy.
  const client = markRaw(createClient({ baseUrl: '/api', auth }));
  createApp(App, { client }).mount('#app');
  document.documentElement.dataset.appBoot = 'ready';
}

boot().catch((e) => {
  document.documentElement.dataset.appBoot = `failed: ${String(e)}`;
  throw e;
});
