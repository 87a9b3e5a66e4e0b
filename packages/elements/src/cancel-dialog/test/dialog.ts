/** The cancel dialog's test set-up: a dialog over the mock API, and the steps a person takes in it. */
import { fixture, html } from '@open-wc/testing';
import type { Appointment } from '@omsorg/contract';
import type { Client } from '@omsorg/sdk';
import { API, mswWorker, testClient, until, useScenario, type PersonKey } from '../../test/setup.js';
import { $, fill, safelyCancellable } from '../../test/kit.js';
import type { OmsorgCancelDialog } from '../cancel-dialog.js';
import '../define.js';

export const APPOINTMENT_URL = `${API}/v1/subjects/:subjectId/appointments/:appointmentId`;
export const CANCEL_URL = `${APPOINTMENT_URL}/cancellation`;

export interface Setup {
  client: Client;
  appointment: Appointment;
  wrapper: HTMLElement;
  dialog: OmsorgCancelDialog;
  trigger: HTMLButtonElement;
}

/** Records every cancellation POST that reaches the mock API (through the msw worker). */
export function recordPosts() {
  const posts: Request[] = [];
  const worker = mswWorker();
  const listener = ({ request }: { request: Request }) => {
    if (request.method === 'POST' && request.url.includes('/cancellation')) posts.push(request.clone());
  };
  worker.events.on('request:start', listener);
  return { posts, keys: () => posts.map((p) => p.headers.get('idempotency-key')), stop: () => worker.events.removeListener('request:start', listener) };
}

/** Counts the reads of one appointment that reach the mock API from now on (started, and answered). */
export function recordGets(appointmentId: string) {
  let started = 0;
  let ended = 0;
  const worker = mswWorker();
  const isRead = (request: Request) =>
    request.method === 'GET' && new URL(request.url).pathname.endsWith(`/appointments/${encodeURIComponent(appointmentId)}`);
  const onStart = ({ request }: { request: Request }) => {
    if (isRead(request)) started++;
  };
  const onEnd = ({ request }: { request: Request }) => {
    if (isRead(request)) ended++;
  };
  worker.events.on('request:start', onStart);
  worker.events.on('request:end', onEnd);
  return {
    count: () => started,
    ended: () => ended,
    stop: () => {
      worker.events.removeListener('request:start', onStart);
      worker.events.removeListener('request:end', onEnd);
    },
  };
}

export async function setup(
  options: {
    scenario?: string;
    delayMs?: number;
    /** `heldTimers().wait` from @omsorg/mocks: the test ends the `delayMs` waits itself. */
    wait?: (ms: number) => Promise<void>;
    person?: PersonKey;
    lang?: string;
    pick?: (a: Appointment) => boolean;
    id?: string;
  } = {},
): Promise<Setup> {
  await useScenario(options.scenario ?? 'default', {
    ...(options.delayMs ? { delayMs: options.delayMs } : {}),
    ...(options.wait ? { wait: options.wait } : {}),
  });
  const client = testClient(options.person ?? 'ola');
  let id = options.id;
  let appointment: Appointment | undefined;
  if (!id) {
    const page = await client.listAppointments({ when: 'upcoming' });
    appointment = page.items.find(options.pick ?? ((a) => safelyCancellable(a) && a.cancellationPolicy.mode === 'final'));
    if (!appointment) throw new Error('No matching appointment in the mock data');
    id = appointment.id;
  }
  const wrapper = await fixture<HTMLElement>(html`
    <div lang=${options.lang ?? 'en'}>
      <omsorg-cancel-dialog appointment-id=${id} .client=${client}>
        <button slot="trigger" id="trigger" type="button">Cancel visit</button>
      </omsorg-cancel-dialog>
    </div>
  `);
  const dialog = wrapper.querySelector('omsorg-cancel-dialog')!;
  // Rendered (its trigger slot in place) once its language's texts are in (internal/messages.ts).
  await dialog.updateComplete;
  const trigger = wrapper.querySelector<HTMLButtonElement>('#trigger')!;
  return { client, appointment: appointment!, wrapper, dialog, trigger };
}

export const confirmButton = (el: OmsorgCancelDialog) => $<HTMLButtonElement>(el, '[part~="confirm-button"]');
export const nativeDialog = (el: OmsorgCancelDialog) => $<HTMLDialogElement>(el, 'dialog')!;
/** The focused element inside the dialog's shadow root (document.activeElement is the host). */
export const focusedInside = (el: OmsorgCancelDialog) => el.shadowRoot!.activeElement;

export async function openAndLoad(s: Setup): Promise<void> {
  s.trigger.focus();
  s.trigger.click();
  await until(() => nativeDialog(s.dialog).open, 'dialog open');
  await until(() => !!confirmButton(s.dialog) || !!$(s.dialog, '#closed') || !!$(s.dialog, '.error'), 'dialog content');
}

export async function chooseReason(el: OmsorgCancelDialog, code = 'pat-crs'): Promise<void> {
  $<HTMLInputElement>(el, `input[name="reason"][value="${code}"]`)!.click();
  await el.updateComplete;
}

export async function typeComment(el: OmsorgCancelDialog, text: string): Promise<void> {
  fill($<HTMLTextAreaElement>(el, '#comment')!, text);
  await el.updateComplete;
}
