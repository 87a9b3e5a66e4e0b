import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { http, HttpResponse } from 'msw';
import { problemTypes, type Appointment } from '@omsorg/contract';
import { appointmentIds } from '@omsorg/mocks';
import type { Client, MockAuth } from '@omsorg/sdk';
import { API, mswWorker, shadowText, testClient, until, useScenario, type PersonKey } from '../test/setup.js';
import { $, $$, fill, nameOf, polite as status } from '../test/kit.js';
import { AppointmentCancelledEvent } from '../internal/events.js';
import { OmsorgCancelDialog, telHref } from './cancel-dialog.js';
import './define.js';

const CANCEL_URL = `${API}/v1/subjects/:subjectId/appointments/:appointmentId/cancellation`;

interface Setup {
  client: Client;
  appointment: Appointment;
  wrapper: HTMLElement;
  dialog: OmsorgCancelDialog;
  trigger: HTMLButtonElement;
}

/** Records every cancellation POST that reaches the mock API (through the msw worker). */
function recordPosts() {
  const posts: Request[] = [];
  const worker = mswWorker();
  const listener = ({ request }: { request: Request }) => {
    if (request.method === 'POST' && request.url.includes('/cancellation')) posts.push(request.clone());
  };
  worker.events.on('request:start', listener);
  return { posts, keys: () => posts.map((p) => p.headers.get('idempotency-key')), stop: () => worker.events.removeListener('request:start', listener) };
}

async function setup(
  options: { scenario?: string; delayMs?: number; person?: PersonKey; lang?: string; pick?: (a: Appointment) => boolean; id?: string } = {},
): Promise<Setup> {
  await useScenario(options.scenario ?? 'default', options.delayMs ? { delayMs: options.delayMs } : {});
  const client = testClient(options.person ?? 'ola');
  let id = options.id;
  let appointment: Appointment | undefined;
  if (!id) {
    const page = await client.listAppointments({ when: 'upcoming' });
    appointment = page.items.find(options.pick ?? ((a) => a.cancellationPolicy.cancellable && a.cancellationPolicy.mode === 'final'));
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
  const trigger = wrapper.querySelector<HTMLButtonElement>('#trigger')!;
  return { client, appointment: appointment!, wrapper, dialog, trigger };
}

const confirmButton = (el: OmsorgCancelDialog) => $<HTMLButtonElement>(el, '[part~="confirm-button"]');
const nativeDialog = (el: OmsorgCancelDialog) => $<HTMLDialogElement>(el, 'dialog')!;
/** The focused element inside the dialog's shadow root (document.activeElement is the host). */
const focusedInside = (el: OmsorgCancelDialog) => el.shadowRoot!.activeElement;

async function openAndLoad(s: Setup): Promise<void> {
  s.trigger.focus();
  s.trigger.click();
  await until(() => nativeDialog(s.dialog).open, 'dialog open');
  await until(() => !!confirmButton(s.dialog) || !!$(s.dialog, '#closed') || !!$(s.dialog, '.error'), 'dialog content');
}

async function chooseReason(el: OmsorgCancelDialog, code = 'pat-crs'): Promise<void> {
  $<HTMLInputElement>(el, `input[name="reason"][value="${code}"]`)!.click();
  await el.updateComplete;
}

async function typeComment(el: OmsorgCancelDialog, text: string): Promise<void> {
  fill($<HTMLTextAreaElement>(el, '#comment')!, text);
  await el.updateComplete;
}

describe('<omsorg-cancel-dialog>', () => {
  it('opens from its trigger as a modal labelled by its heading, focusing the heading, and shows what is cancelled', async () => {
    const s = await setup();
    await openAndLoad(s);
    const d = nativeDialog(s.dialog);
    expect(d.matches(':modal')).to.equal(true);
    expect(s.dialog.opened).to.equal(true);
    expect(s.dialog.hasAttribute('open')).to.equal(true);
    const heading = $(s.dialog, `#${d.getAttribute('aria-labelledby')}`)!;
    expect(heading.textContent!.trim()).to.equal('Cancel appointment');
    expect($(s.dialog, `#${d.getAttribute('aria-describedby')}`)).to.exist;
    expect(nameOf(focusedInside(s.dialog))).to.equal(nameOf(heading));
    expect(focusedInside(s.dialog) === heading).to.equal(true);
    const text = shadowText(s.dialog);
    expect(text).to.contain(s.appointment.careService.name);
    expect(text).to.match(/You can cancel online until \w+day,? \d+ \w+ \d{4} at \d\d:\d\d\./);
    // Every reason from the code set, as native radios in a fieldset with a legend.
    expect($$(s.dialog, 'fieldset input[type="radio"][name="reason"]').length).to.equal(7);
    expect($(s.dialog, 'fieldset legend')!.textContent).to.contain('Why are you cancelling?');
    expect($(s.dialog, 'label[for="comment"]')).to.exist;
    await expect(s.dialog).to.be.accessible();
  });

  it('cancels (mode final): success text, an event, and the store tells other elements', async () => {
    const s = await setup();
    const changed: Appointment[] = [];
    s.client.on('appointment-changed', ({ appointment }) => changed.push(appointment));
    const events: AppointmentCancelledEvent[] = [];
    s.wrapper.addEventListener(AppointmentCancelledEvent.eventName, (e) => events.push(e as AppointmentCancelledEvent));
    const rec = recordPosts();
    await openAndLoad(s);
    await chooseReason(s.dialog, 'pat-away');
    await typeComment(s.dialog, 'Reiser til Bergen');
    confirmButton(s.dialog)!.click();
    await until(() => shadowText(s.dialog).includes('The appointment is cancelled.'), 'success');
    rec.stop();
    expect(events).to.have.length(1);
    expect(events[0]!.detail).to.deep.equal({ appointmentId: s.appointment.id, subjectId: 'me', status: 'cancelled' });
    expect(events[0]!.bubbles && events[0]!.composed).to.equal(true);
    expect(changed.some((a) => a.id === s.appointment.id && a.status === 'cancelled')).to.equal(true);
    expect(s.client.cachedAppointment(s.appointment.id)!.status).to.equal('cancelled');
    const body = (await rec.posts[0]!.json()) as { reason: { code: string }; comment?: string };
    expect(body.reason.code).to.equal('pat-away');
    expect(body.comment).to.equal('Reiser til Bergen');
    expect(rec.posts[0]!.headers.get('if-match')).to.equal(`"${s.appointment.version}"`);
    expect(nameOf(confirmButton(s.dialog))).to.equal('null');
    expect(nameOf(focusedInside(s.dialog))).to.equal(nameOf($(s.dialog, '#outcome')));
    expect(focusedInside(s.dialog) === $(s.dialog, '#outcome')).to.equal(true);
    expect($(s.dialog, '[role="status"]')!.textContent).to.contain('The appointment is cancelled.');
    await expect(s.dialog).to.be.accessible();
  });

  it('cancel-as-request: says it sends a request before, and that the service will answer after', async () => {
    const s = await setup({ scenario: 'cancel-as-request', pick: (a) => a.cancellationPolicy.cancellable });
    const events: AppointmentCancelledEvent[] = [];
    s.wrapper.addEventListener(AppointmentCancelledEvent.eventName, (e) => events.push(e as AppointmentCancelledEvent));
    await openAndLoad(s);
    expect(shadowText(s.dialog)).to.contain('This sends a request to cancel');
    expect($(s.dialog, 'h2')!.textContent).to.contain('Ask to cancel appointment');
    expect(confirmButton(s.dialog)!.textContent).to.contain('Send cancellation request');
    // The consequence text from the server is shown before confirming.
    expect($(s.dialog, '[part~="consequence"]')!.textContent).to.contain(s.appointment.cancellationPolicy.consequence!);
    await expect(s.dialog).to.be.accessible();
    await chooseReason(s.dialog);
    confirmButton(s.dialog)!.click();
    await until(() => shadowText(s.dialog).includes('Your cancellation request is sent; the service will answer.'), 'request sent');
    expect(events[0]!.detail.status).to.equal('cancellation-requested');
    await expect(s.dialog).to.be.accessible();
  });

  it('after the deadline: no confirm button, the phone number as a tel: link', async () => {
    const s = await setup({ scenario: 'deadline-passed', pick: (a) => a.status === 'booked' });
    await openAndLoad(s);
    expect(nameOf(confirmButton(s.dialog))).to.equal('null');
    expect(nameOf($(s.dialog, 'form'))).to.equal('null');
    const phone = s.appointment.cancellationPolicy.phone;
    expect(shadowText(s.dialog)).to.contain(`The deadline for cancelling online has passed. Call ${phone}.`);
    const link = $<HTMLAnchorElement>(s.dialog, 'a[part~="phone"]')!;
    expect(link.getAttribute('href')).to.equal(`tel:${phone.startsWith('+') ? '+' : ''}${phone.replace(/\D/g, '')}`);
    await expect(s.dialog).to.be.accessible();
  });

  it('a 409 deadline-passed from the server turns the form into "call instead"', async () => {
    const s = await setup();
    await openAndLoad(s);
    mswWorker().use(
      http.post(
        CANCEL_URL,
        () => HttpResponse.json({ type: problemTypes.deadlinePassed, title: 'Deadline passed', status: 409 }, { status: 409, headers: { 'content-type': 'application/problem+json' } }),
        { once: true },
      ),
    );
    await chooseReason(s.dialog);
    confirmButton(s.dialog)!.click();
    await until(() => shadowText(s.dialog).includes('The deadline for cancelling online has passed.'), 'refused');
    expect(nameOf(confirmButton(s.dialog))).to.equal('null');
    expect($(s.dialog, 'a[part~="phone"]')).to.exist;
    expect(nameOf(focusedInside(s.dialog))).to.equal(nameOf($(s.dialog, '#closed')));
    expect(focusedInside(s.dialog) === $(s.dialog, '#closed')).to.equal(true);
  });

  it('conflict (412): says what changed, keeps reason and comment, and a second confirm succeeds with a new key', async () => {
    const s = await setup({ scenario: 'conflict' });
    const rec = recordPosts();
    await openAndLoad(s);
    await chooseReason(s.dialog, 'pat-schedule');
    await typeComment(s.dialog, 'Passer ikke');
    confirmButton(s.dialog)!.click();
    await until(() => !!$(s.dialog, '#changed'), 'conflict notice');
    const notice = $(s.dialog, '#changed')!.textContent!.replace(/\s+/g, ' ');
    expect(notice).to.contain('This appointment was changed while you were cancelling');
    expect(notice).to.match(/New time: .*\d\d:\d\d/);
    expect(nameOf(focusedInside(s.dialog))).to.equal(nameOf($(s.dialog, '#changed')));
    expect(focusedInside(s.dialog) === $(s.dialog, '#changed')).to.equal(true);
    expect($<HTMLInputElement>(s.dialog, 'input[value="pat-schedule"]')!.checked).to.equal(true);
    expect($<HTMLTextAreaElement>(s.dialog, '#comment')!.value).to.equal('Passer ikke');
    await expect(s.dialog).to.be.accessible();
    confirmButton(s.dialog)!.click();
    await until(() => shadowText(s.dialog).includes('The appointment is cancelled.'), 'success after conflict');
    rec.stop();
    expect(rec.posts).to.have.length(2);
    const [k1, k2] = rec.keys();
    expect(k1).to.be.a('string');
    expect(k2).to.not.equal(k1);
    expect(rec.posts[1]!.headers.get('if-match')).to.not.equal(rec.posts[0]!.headers.get('if-match'));
  });

  it('a double click and a double Enter send exactly one POST; the button is aria-disabled while sending', async () => {
    const s = await setup({ delayMs: 150 });
    const rec = recordPosts();
    await openAndLoad(s);
    await chooseReason(s.dialog);
    const button = confirmButton(s.dialog)!;
    button.click();
    button.click();
    $<HTMLFormElement>(s.dialog, 'form')!.requestSubmit();
    await s.dialog.updateComplete;
    expect(confirmButton(s.dialog)!.getAttribute('aria-disabled')).to.equal('true');
    expect($(s.dialog, '[role="status"]')!.textContent).to.contain('Sending');
    await until(() => shadowText(s.dialog).includes('The appointment is cancelled.'), 'success');
    rec.stop();
    expect(rec.posts).to.have.length(1);
  });

  it('after a network failure, "Try again" reuses the same Idempotency-Key', async () => {
    const s = await setup();
    const rec = recordPosts();
    let failures = 0;
    // Fails the first two attempts (the SDK retries once by itself), then the mock API answers.
    mswWorker().use(
      http.post(CANCEL_URL, () => {
        if (failures < 2) {
          failures++;
          return HttpResponse.error();
        }
        return undefined;
      }),
    );
    await openAndLoad(s);
    await chooseReason(s.dialog);
    confirmButton(s.dialog)!.click();
    await until(() => shadowText(s.dialog).includes('We cannot reach the service.'), 'network error');
    await expect(s.dialog).to.be.accessible();
    $<HTMLButtonElement>(s.dialog, '[data-retry]')!.click();
    await until(() => shadowText(s.dialog).includes('The appointment is cancelled.'), 'success after retry');
    rec.stop();
    expect(rec.posts.length).to.equal(3);
    const keys = rec.keys();
    expect(new Set(keys).size).to.equal(1);
    expect(keys[0]).to.match(/^[0-9a-f-]{36}$/i);
  });

  it('server error: a translated message and a retry with the same key', async () => {
    const s = await setup();
    const rec = recordPosts();
    mswWorker().use(
      http.post(
        CANCEL_URL,
        () => HttpResponse.json({ type: problemTypes.serverError, title: 'Server error', status: 500 }, { status: 500, headers: { 'content-type': 'application/problem+json' } }),
        { once: true },
      ),
    );
    await openAndLoad(s);
    await chooseReason(s.dialog);
    confirmButton(s.dialog)!.click();
    await until(() => shadowText(s.dialog).includes('Something went wrong on our side.'), 'server error');
    expect($(s.dialog, '[role="status"]')!.textContent).to.contain('Something went wrong on our side.');
    await expect(s.dialog).to.be.accessible();
    $<HTMLButtonElement>(s.dialog, '[data-retry]')!.click();
    await until(() => shadowText(s.dialog).includes('The appointment is cancelled.'), 'success after retry');
    rec.stop();
    expect(rec.posts).to.have.length(2);
    expect(rec.keys()[1]).to.equal(rec.keys()[0]);
  });

  it('makes a new key when the person changes the reason after an answered failure', async () => {
    const s = await setup();
    const rec = recordPosts();
    mswWorker().use(
      http.post(
        CANCEL_URL,
        () =>
          HttpResponse.json(
            { type: problemTypes.validation, title: 'Invalid', status: 400, errors: [{ pointer: '/reason/code', code: 'unknown-code' }] },
            { status: 400, headers: { 'content-type': 'application/problem+json' } },
          ),
        { once: true },
      ),
    );
    await openAndLoad(s);
    await chooseReason(s.dialog, 'pat-crs');
    confirmButton(s.dialog)!.click();
    // The server's field error lands on the field.
    await until(() => !!$(s.dialog, '#reason-error'), 'server field error');
    expect($(s.dialog, '#reason-error')!.textContent).to.contain('not recognised');
    expect(focusedInside(s.dialog)?.getAttribute('name')).to.equal('reason');
    await chooseReason(s.dialog, 'oth');
    confirmButton(s.dialog)!.click();
    await until(() => shadowText(s.dialog).includes('The appointment is cancelled.'), 'success');
    rec.stop();
    expect(rec.posts).to.have.length(2);
    expect(rec.keys()[1]).to.not.equal(rec.keys()[0]);
  });

  it('validation: no reason → inline error linked to the radios, summary, focus on the first radio, nothing sent', async () => {
    const s = await setup();
    const rec = recordPosts();
    await openAndLoad(s);
    confirmButton(s.dialog)!.click();
    await until(() => !!$(s.dialog, '#reason-error'), 'reason error');
    rec.stop();
    expect(rec.posts).to.have.length(0);
    const radios = $$<HTMLInputElement>(s.dialog, 'input[name="reason"]');
    expect(nameOf(focusedInside(s.dialog))).to.equal(nameOf(radios[0]));
    expect(focusedInside(s.dialog) === radios[0]).to.equal(true);
    for (const r of radios) {
      expect(r.getAttribute('aria-invalid')).to.equal('true');
      expect(r.getAttribute('aria-describedby')).to.contain('reason-error');
    }
    expect($(s.dialog, '#reason-error')!.textContent).to.contain('Choose why you are cancelling.');
    expect($(s.dialog, '[part~="error-summary"]')!.textContent).to.contain('There is 1 problem');
    await expect(s.dialog).to.be.accessible();
    // Choosing a reason clears the error.
    await chooseReason(s.dialog);
    expect(nameOf($(s.dialog, '#reason-error'))).to.equal('null');
  });

  it('a 501-character comment is not cut and not sent: count, error, focus', async () => {
    const s = await setup();
    const rec = recordPosts();
    await openAndLoad(s);
    await chooseReason(s.dialog);
    expect($(s.dialog, '#count')!.textContent).to.contain('0 of 500');
    await typeComment(s.dialog, 'a'.repeat(460));
    // Near the limit the count is announced politely.
    expect($(s.dialog, '.field [aria-live="polite"]')!.textContent).to.contain('460 of 500');
    await typeComment(s.dialog, 'ø'.repeat(501));
    expect($(s.dialog, '#count')!.textContent).to.contain('501 of 500');
    confirmButton(s.dialog)!.click();
    await until(() => !!$(s.dialog, '#comment-error'), 'comment error');
    rec.stop();
    expect(rec.posts).to.have.length(0);
    const ta = $<HTMLTextAreaElement>(s.dialog, '#comment')!;
    expect([...ta.value].length).to.equal(501);
    expect(ta.hasAttribute('maxlength')).to.equal(false);
    expect(ta.getAttribute('aria-invalid')).to.equal('true');
    expect(ta.getAttribute('aria-describedby')).to.contain('comment-error');
    expect(nameOf(focusedInside(s.dialog))).to.equal(nameOf(ta));
    expect(focusedInside(s.dialog) === ta).to.equal(true);
    expect($(s.dialog, '#comment-error')!.textContent).to.contain('at most 500');
    await expect(s.dialog).to.be.accessible();
  });

  it('only announces the count near the limit', async () => {
    const s = await setup();
    await openAndLoad(s);
    await typeComment(s.dialog, 'kort');
    expect($(s.dialog, '#count')!.textContent).to.contain('4 of 500');
    expect($(s.dialog, '.field [aria-live="polite"]')!.textContent!.trim()).to.equal('');
  });

  it('shows hostile consequence and care service text as text', async () => {
    const s = await setup({ scenario: 'hostile', pick: (a) => a.cancellationPolicy.cancellable && /<(img|script)/.test(a.cancellationPolicy.consequence ?? '') });
    await openAndLoad(s);
    const consequence = $(s.dialog, '[part~="consequence"]')!;
    expect(consequence.textContent).to.contain(s.appointment.cancellationPolicy.consequence!);
    expect(nameOf(s.dialog.shadowRoot!.querySelector('img, script, b'))).to.equal('null');
    expect(consequence.querySelector('bdi')).to.exist;
    await expect(s.dialog).to.be.accessible();
  });

  it('makes a tel: link only from a real phone number', () => {
    expect(telHref('+47 21 00 00 15')).to.equal('tel:+4721000015');
    expect(telHref('21 00 00 15')).to.equal('tel:21000015');
    expect(telHref('javascript:alert(1)')).to.equal(undefined);
    expect(telHref('')).to.equal(undefined);
  });

  it('shows a load error with retry when the appointment cannot be fetched', async () => {
    const s = await setup({ scenario: 'server-error', id: appointmentIds.olaCancellable });
    await openAndLoad(s);
    expect(shadowText(s.dialog)).to.contain('Something went wrong on our side.');
    expect(nameOf(confirmButton(s.dialog))).to.equal('null');
    // Said politely (the dialog stays usable), nothing assertive.
    await until(() => status(s.dialog).includes('Something went wrong on our side.'), 'the error in the status region');
    expect($(s.dialog, '[role="alert"], [aria-live="assertive"]')).to.equal(null);
    await expect(s.dialog).to.be.accessible();
    await useScenario('default');
    [...s.dialog.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.includes('Try again'))!.click();
    await until(() => !!confirmButton(s.dialog), 'loaded after retry');
    // The appointment is there to read: the status region no longer speaks of the load.
    await until(() => status(s.dialog) === '', 'the status region emptied');
  });

  it('shows a skeleton while loading with nothing cached', async () => {
    const s = await setup({ scenario: 'slow', delayMs: 60_000, id: appointmentIds.olaCancellable });
    s.trigger.click();
    await until(() => nativeDialog(s.dialog).open, 'open');
    expect($(s.dialog, '[aria-busy="true"] .skeleton')).to.exist;
    expect(shadowText(s.dialog)).to.contain('Loading the appointment');
    // Said politely once the dialog is open (its status region was there empty first).
    await until(() => status(s.dialog) === 'Loading the appointment …', 'loading in the status region');
    expect($(s.dialog, '[role="status"]')!.getAttribute('aria-live')).to.equal('polite');
    await expect(s.dialog).to.be.accessible();
  });

  it('says nothing about loading when the appointment is already known, and stops saying it when it arrives', async () => {
    const s = await setup({ scenario: 'slow', delayMs: 300 });
    const said: string[] = [];
    const region = $(s.dialog, '[role="status"]')!;
    const observer = new MutationObserver(() => said.push(region.textContent ?? ''));
    observer.observe(region, { childList: true, subtree: true, characterData: true });
    // Listed first: the dialog shows the cached copy at once while it fetches a fresh one.
    await openAndLoad(s);
    await new Promise((r) => setTimeout(r, 500));
    expect(said.filter(Boolean)).to.deep.equal([]);
    s.dialog.close();
    await until(() => !nativeDialog(s.dialog).open, 'closed');
    // Nothing cached: loading, then the appointment, and the region is empty again.
    const t = await setup({ scenario: 'slow', delayMs: 300, id: appointmentIds.olaCancellable });
    const region2 = $(t.dialog, '[role="status"]')!;
    const said2: string[] = [];
    const observer2 = new MutationObserver(() => said2.push(region2.textContent ?? ''));
    observer2.observe(region2, { childList: true, subtree: true, characterData: true });
    await openAndLoad(t);
    await until(() => status(t.dialog) === '', 'the status region emptied');
    observer.disconnect();
    observer2.disconnect();
    expect(said2.filter(Boolean)).to.deep.equal(['Loading the appointment …']);
  });

  it('an expired session: asks to sign in again and loses nothing typed', async () => {
    const s = await setup();
    await openAndLoad(s);
    await chooseReason(s.dialog, 'pat-fam');
    await typeComment(s.dialog, 'Datteren min kommer');
    // The SDK wipes its store when the session runs out; the dialog drops the appointment's
    // details but keeps the person's draft in memory.
    (s.client.auth as MockAuth).expire();
    await until(() => shadowText(s.dialog).includes('Your session has expired.'), 'auth message');
    expect(nameOf(confirmButton(s.dialog))).to.equal('null');
    expect(shadowText(s.dialog)).to.not.contain(s.appointment.careService.name);
    await expect(s.dialog).to.be.accessible();
    [...s.dialog.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.includes('Sign in again'))!.click();
    await until(() => !!confirmButton(s.dialog), 'form back after sign-in');
    expect($<HTMLInputElement>(s.dialog, 'input[value="pat-fam"]')!.checked).to.equal(true);
    expect($<HTMLTextAreaElement>(s.dialog, '#comment')!.value).to.equal('Datteren min kommer');
    confirmButton(s.dialog)!.click();
    await until(() => shadowText(s.dialog).includes('The appointment is cancelled.'), 'success after sign-in');
  });

  it('a 401 from the server: asks to sign in again, keeps the draft, and retries with the same key', async () => {
    const s = await setup();
    const rec = recordPosts();
    mswWorker().use(
      http.post(
        CANCEL_URL,
        () => HttpResponse.json({ type: problemTypes.unauthorized, title: 'Unauthorized', status: 401 }, { status: 401, headers: { 'content-type': 'application/problem+json' } }),
        { once: true },
      ),
    );
    await openAndLoad(s);
    await chooseReason(s.dialog, 'pat-fam');
    await typeComment(s.dialog, 'Datteren min kommer');
    confirmButton(s.dialog)!.click();
    await until(() => shadowText(s.dialog).includes('Your session has expired.'), 'auth error');
    expect($<HTMLInputElement>(s.dialog, 'input[value="pat-fam"]')!.checked).to.equal(true);
    expect($<HTMLTextAreaElement>(s.dialog, '#comment')!.value).to.equal('Datteren min kommer');
    expect([...s.dialog.shadowRoot!.querySelectorAll('button')].some((b) => b.textContent?.includes('Sign in again'))).to.equal(true);
    await expect(s.dialog).to.be.accessible();
    confirmButton(s.dialog)!.click();
    await until(() => shadowText(s.dialog).includes('The appointment is cancelled.'), 'success');
    rec.stop();
    expect(rec.posts).to.have.length(2);
    expect(rec.keys()[1]).to.equal(rec.keys()[0]);
  });

  it('Escape closes and focus returns to the trigger', async () => {
    const s = await setup();
    await openAndLoad(s);
    // A keyboard user's Escape comes from focus inside the dialog (the heading gets it on open);
    // on a busy machine WebKit can take a moment to move it there.
    await until(() => nativeDialog(s.dialog).contains(s.dialog.shadowRoot!.activeElement), 'focus inside the dialog');
    await sendKeys({ press: 'Escape' });
    await until(() => !nativeDialog(s.dialog).open, 'closed');
    expect(s.dialog.opened).to.equal(false);
    expect(s.dialog.hasAttribute('open')).to.equal(false);
    await until(() => document.activeElement === s.trigger, 'focus on the trigger').catch(() => undefined);
    expect(nameOf(document.activeElement)).to.equal(nameOf(s.trigger));
    expect(document.activeElement === s.trigger).to.equal(true);
  });

  it('opens again when asked in the same instant as the close (before its close event runs)', async () => {
    const s = await setup();
    await openAndLoad(s);
    // What Escape does: the native dialog closes now; its `close` event comes in a later task.
    nativeDialog(s.dialog).close();
    s.trigger.click();
    await until(() => nativeDialog(s.dialog).open, 'open again');
    // The first close's queued event does not close the second opening.
    await new Promise((r) => setTimeout(r, 50));
    expect(nativeDialog(s.dialog).open).to.equal(true);
    expect(s.dialog.opened).to.equal(true);
    await until(() => !!confirmButton(s.dialog), 'the form again');
    await sendKeys({ press: 'Escape' });
    await until(() => !nativeDialog(s.dialog).open && !s.dialog.opened, 'closed');
    await until(() => document.activeElement === s.trigger, 'focus on the trigger');
  });

  it('after success, closing returns focus to the trigger', async () => {
    const s = await setup();
    await openAndLoad(s);
    await chooseReason(s.dialog);
    confirmButton(s.dialog)!.click();
    await until(() => shadowText(s.dialog).includes('The appointment is cancelled.'), 'success');
    $<HTMLButtonElement>(s.dialog, '[part~="close-button"]')!.click();
    await until(() => !nativeDialog(s.dialog).open, 'closed');
    await until(() => document.activeElement === s.trigger, 'focus on the trigger').catch(() => undefined);
    expect(nameOf(document.activeElement)).to.equal(nameOf(s.trigger));
    expect(document.activeElement === s.trigger).to.equal(true);
  });

  it('open(trigger) from another shadow root; falls back to that root\'s host when the trigger was removed', async () => {
    const s = await setup();
    const host = document.createElement('div');
    host.tabIndex = -1;
    s.wrapper.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const button = document.createElement('button');
    button.textContent = 'Cancel';
    root.append(button);
    // Without an argument, open() remembers the focused element through shadow roots.
    button.focus();
    s.dialog.open();
    await until(() => nativeDialog(s.dialog).open, 'open');
    s.dialog.close();
    await until(() => !nativeDialog(s.dialog).open, 'closed');
    expect(nameOf(root.activeElement)).to.equal(nameOf(button));
    expect(root.activeElement === button).to.equal(true);
    // The list re-rendered and the trigger is gone: focus goes to its host, not to <body>.
    s.dialog.open(button);
    await until(() => nativeDialog(s.dialog).open, 'open again');
    button.remove();
    s.dialog.close();
    await until(() => !nativeDialog(s.dialog).open, 'closed again');
    // Focus moves in the dialog's (asynchronous) close handler: wait for it, or fail.
    await until(() => document.activeElement === host, 'focus on the host').catch(() => undefined);
    expect(nameOf(document.activeElement)).to.equal(nameOf(host));
    expect(document.activeElement === host).to.equal(true);
  });

  it('closing and reopening keeps the draft; another appointment starts afresh', async () => {
    const s = await setup();
    await openAndLoad(s);
    await chooseReason(s.dialog, 'pat-away');
    await typeComment(s.dialog, 'Hos datteren');
    await sendKeys({ press: 'Escape' });
    await until(() => !nativeDialog(s.dialog).open, 'closed');
    await openAndLoad(s);
    expect($<HTMLInputElement>(s.dialog, 'input[value="pat-away"]')!.checked).to.equal(true);
    expect($<HTMLTextAreaElement>(s.dialog, '#comment')!.value).to.equal('Hos datteren');
    s.dialog.close();
    await until(() => !nativeDialog(s.dialog).open, 'closed again');
    const other = (await s.client.listAppointments({ when: 'upcoming' })).items.find((a) => a.id !== s.appointment.id && a.cancellationPolicy.cancellable)!;
    s.dialog.appointmentId = other.id;
    await openAndLoad(s);
    expect($$<HTMLInputElement>(s.dialog, 'input[name="reason"]').some((r) => r.checked)).to.equal(false);
    expect($<HTMLTextAreaElement>(s.dialog, '#comment')!.value).to.equal('');
    expect(shadowText(s.dialog)).to.contain(other.careService.name);
  });

  it('the open attribute opens it too', async () => {
    const s = await setup();
    s.dialog.setAttribute('open', '');
    await until(() => nativeDialog(s.dialog).open && !!confirmButton(s.dialog), 'open by attribute');
    expect(s.dialog.opened).to.equal(true);
  });

  it('sign-out (cleared) closes the dialog and forgets what was typed', async () => {
    const s = await setup();
    await openAndLoad(s);
    await chooseReason(s.dialog);
    await typeComment(s.dialog, 'privat');
    await s.client.signOut();
    await until(() => !nativeDialog(s.dialog).open, 'closed on sign-out');
    expect(s.dialog.shadowRoot!.textContent).to.not.contain('privat');
    expect(nameOf($(s.dialog, '#comment'))).to.equal('null');
  });

  for (const [lang, legend, reason, deadline] of [
    ['nb', 'Hvorfor avbestiller du?', 'Jeg er syk', 'Du kan avbestille på nett fram til'],
    ['nn', 'Kvifor avbestiller du?', 'Eg er sjuk', 'Du kan avbestille på nett fram til'],
    ['en', 'Why are you cancelling?', 'I am ill', 'You can cancel online until'],
  ] as const) {
    it(`speaks ${lang} from the page's lang`, async () => {
      const s = await setup({ lang });
      await openAndLoad(s);
      const text = shadowText(s.dialog);
      expect(text).to.contain(legend);
      expect(text).to.contain(reason);
      expect(text).to.contain(deadline);
      await expect(s.dialog).to.be.accessible();
    });
  }

  it('follows a lang change while open', async () => {
    const s = await setup({ lang: 'en' });
    await openAndLoad(s);
    s.wrapper.setAttribute('lang', 'nn');
    await until(() => shadowText(s.dialog).includes('Kvifor avbestiller du?'), 'nn text');
  });
});
