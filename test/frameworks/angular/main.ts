// Angular host for the omsorg custom elements (test/frameworks/frameworks.test.mjs), zoneless:
// the client goes in as a property binding, `when` and `lang` as attribute bindings from
// signals, and the intent and outcome events update signals that the template renders.
import { ChangeDetectionStrategy, Component, CUSTOM_ELEMENTS_SCHEMA, InjectionToken, inject, provideZonelessChangeDetection, signal } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import '@omsorg/elements/define.js';
import { createClient, createMockAuth, type Client } from '@omsorg/sdk';
import { startMockWorker } from '@omsorg/mocks/browser';
// The events' types: strict templates give `$event` the element's event type, so a handler typed
// for another event fails the build.
import type { OmsorgEventMap } from '@omsorg/elements/angular';

const CLIENT = new InjectionToken<Client>('omsorg client');

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div id="wrapper" [attr.lang]="lang()">
      <button type="button" id="toggle-when" (click)="toggleWhen()">show {{ when() === 'upcoming' ? 'past' : 'upcoming' }}</button>
      <button type="button" id="toggle-lang" (click)="toggleLang()">language {{ lang() }}</button>
      <output
        id="state"
        [attr.data-when]="when()"
        [attr.data-lang]="lang()"
        [attr.data-intents]="intents()"
        [attr.data-last-intent]="lastIntent()"
        [attr.data-cancelled]="cancelled()"
        [attr.data-last-cancelled]="lastCancelled()"
        >when={{ when() }} intents={{ intents() }} last={{ lastIntent() }} cancelled={{ cancelled() }} lastCancelled={{ lastCancelled() }}</output
      >
      <omsorg-login [client]="client"></omsorg-login>
      <omsorg-appointment-list [client]="client" [attr.when]="when()" heading-level="2" (omsorg-appointment-cancel)="onCancel($event)"></omsorg-appointment-list>
      <omsorg-cancel-dialog [client]="client" (omsorg-appointment-cancelled)="onCancelled($event)"></omsorg-cancel-dialog>
    </div>
  `,
})
class App {
  protected readonly client = inject(CLIENT);
  protected readonly when = signal<'upcoming' | 'past'>('upcoming');
  protected readonly lang = signal('nb');
  protected readonly intents = signal(0);
  protected readonly lastIntent = signal('');
  protected readonly cancelled = signal(0);
  protected readonly lastCancelled = signal('');

  protected toggleWhen(): void {
    this.when.update((w) => (w === 'upcoming' ? 'past' : 'upcoming'));
  }
  protected toggleLang(): void {
    this.lang.update((l) => (l === 'nb' ? 'en' : 'nb'));
  }
  protected onCancel(e: OmsorgEventMap['omsorg-appointment-cancel']): void {
    this.intents.update((n) => n + 1);
    this.lastIntent.set(e.detail.appointmentId);
  }
  protected onCancelled(e: OmsorgEventMap['omsorg-appointment-cancelled']): void {
    const { detail } = e;
    this.cancelled.update((n) => n + 1);
    this.lastCancelled.set(`${detail.appointmentId}:${detail.status}`);
  }
}

async function boot(): Promise<void> {
  await startMockWorker({ baseUrl: '/api', serviceWorkerUrl: '/mockServiceWorker.js' });
  const auth = createMockAuth({ user: { sub: 'ola', name: 'Ola Nordmann' }, signedIn: true, persist: false });
  const client = createClient({ baseUrl: '/api', auth });
  await bootstrapApplication(App, { providers: [provideZonelessChangeDetection(), { provide: CLIENT, useValue: client }] });
  document.documentElement.dataset.appBoot = 'ready';
}

boot().catch((e: unknown) => {
  document.documentElement.dataset.appBoot = `failed: ${String(e)}`;
  throw e;
});
