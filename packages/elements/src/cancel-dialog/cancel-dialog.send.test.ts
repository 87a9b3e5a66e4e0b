import { expect } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { problemTypes } from '@omsorg/contract';
import { heldTimers } from '@omsorg/mocks';
import type { MockAuth } from '@omsorg/sdk';
import { mswWorker, shadowText, until } from '../test/setup.js';
import { $, nameOf } from '../test/kit.js';
import { APPOINTMENT_URL, CANCEL_URL, chooseReason, confirmButton, focusedInside, openAndLoad, recordGets, recordPosts, setup, typeComment } from './test/dialog.js';

describe('<omsorg-cancel-dialog>: answers to a send', () => {
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
    const timers = heldTimers();
    timers.open();
    const s = await setup({ delayMs: 150, wait: timers.wait });
    const rec = recordPosts();
    await openAndLoad(s);
    await chooseReason(s.dialog);
    // The POST's answer waits until the sending state has been checked, however slow the machine.
    timers.hold();
    const button = confirmButton(s.dialog)!;
    button.click();
    button.click();
    $<HTMLFormElement>(s.dialog, 'form')!.requestSubmit();
    await s.dialog.updateComplete;
    expect(confirmButton(s.dialog)!.getAttribute('aria-disabled')).to.equal('true');
    expect($(s.dialog, '[role="status"]')!.textContent).to.contain('Sending');
    timers.open();
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

  it('a 412 reads the appointment once, in the SDK; the dialog fetches nothing itself, also when that read fails', async () => {
    const s = await setup();
    const opening = recordGets(s.appointment.id);
    await openAndLoad(s);
    // The dialog's own fresh read on opening is answered before counting starts.
    await until(() => opening.ended() === 1, "the dialog's read on opening");
    opening.stop();
    const problem = (status: number, type: string) =>
      HttpResponse.json({ type, title: 'x', status }, { status, headers: { 'content-type': 'application/problem+json' } });
    mswWorker().use(
      http.post(CANCEL_URL, () => problem(412, problemTypes.preconditionFailed), { once: true }),
      http.get(APPOINTMENT_URL, () => problem(500, problemTypes.serverError)),
    );
    const gets = recordGets(s.appointment.id);
    await chooseReason(s.dialog);
    confirmButton(s.dialog)!.click();
    await until(() => !!$(s.dialog, '#changed'), 'conflict notice');
    // Whatever the dialog might still do after its notice is up has had its turn.
    await s.dialog.updateComplete;
    gets.stop();
    expect(gets.count()).to.equal(1);
  });

  it('a 409 reads the appointment once, in the SDK, and the dialog shows that copy', async () => {
    const s = await setup();
    const opening = recordGets(s.appointment.id);
    await openAndLoad(s);
    // The dialog's own fresh read on opening is answered before counting starts.
    await until(() => opening.ended() === 1, "the dialog's read on opening");
    opening.stop();
    const moved = { ...s.appointment, cancellationPolicy: { ...s.appointment.cancellationPolicy, phone: '+47 22 33 44 55' } };
    mswWorker().use(
      http.post(
        CANCEL_URL,
        () => HttpResponse.json({ type: problemTypes.deadlinePassed, title: 'Deadline passed', status: 409 }, { status: 409, headers: { 'content-type': 'application/problem+json' } }),
        { once: true },
      ),
      http.get(APPOINTMENT_URL, () => HttpResponse.json(moved, { headers: { etag: `"${moved.version}"` } })),
    );
    const gets = recordGets(s.appointment.id);
    await chooseReason(s.dialog);
    confirmButton(s.dialog)!.click();
    await until(() => $(s.dialog, 'a[part~="phone"]')?.getAttribute('href') === 'tel:+4722334455', 'the fresh phone number');
    gets.stop();
    expect(gets.count()).to.equal(1);
  });
});
