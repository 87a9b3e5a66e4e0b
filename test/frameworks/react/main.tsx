// React 19 host for the omsorg custom elements (test/frameworks/frameworks.test.mjs): the client
// goes in as a property, `when` and `lang` come from React state, and the intent and outcome
// events update React state that the app renders.
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '@omsorg/elements/define.js';
// The tags' prop and event types, from the package alone.
import type {} from '@omsorg/elements/jsx';
import { createClient, createMockAuth, type Client } from '@omsorg/sdk';
import { startMockWorker } from '@omsorg/mocks/browser';

function App({ client }: { client: Client }) {
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const [lang, setLang] = useState('nb');
  const [intents, setIntents] = useState(0);
  const [lastIntent, setLastIntent] = useState('');
  const [cancelled, setCancelled] = useState(0);
  const [lastCancelled, setLastCancelled] = useState('');

  return (
    <div lang={lang} id="wrapper">
      <button type="button" id="toggle-when" onClick={() => setWhen((w) => (w === 'upcoming' ? 'past' : 'upcoming'))}>
        show {when === 'upcoming' ? 'past' : 'upcoming'}
      </button>
      <button type="button" id="toggle-lang" onClick={() => setLang((l) => (l === 'nb' ? 'en' : 'nb'))}>
        language {lang}
      </button>
      <output id="state" data-when={when} data-lang={lang} data-intents={intents} data-last-intent={lastIntent} data-cancelled={cancelled} data-last-cancelled={lastCancelled}>
        {`when=${when} intents=${intents} last=${lastIntent} cancelled=${cancelled} lastCancelled=${lastCancelled}`}
      </output>
      <omsorg-login client={client}></omsorg-login>
      <omsorg-appointment-list
        client={client}
        when={when}
        heading-level={2}
        onomsorg-appointment-cancel={(e) => {
          setIntents((n) => n + 1);
          setLastIntent(e.detail.appointmentId);
        }}
      ></omsorg-appointment-list>
      <omsorg-cancel-dialog
        client={client}
        onomsorg-appointment-cancelled={(e) => {
          setCancelled((n) => n + 1);
          setLastCancelled(`${e.detail.appointmentId}:${e.detail.status}`);
        }}
      ></omsorg-cancel-dialog>
    </div>
  );
}

async function boot(): Promise<void> {
  await startMockWorker({ baseUrl: '/api', serviceWorkerUrl: '/mockServiceWorker.js' });
  const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
  const client = createClient({ baseUrl: '/api', auth });
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
  document.documentElement.dataset.appBoot = 'ready';
}

boot().catch((e: unknown) => {
  document.documentElement.dataset.appBoot = `failed: ${String(e)}`;
  throw e;
});
