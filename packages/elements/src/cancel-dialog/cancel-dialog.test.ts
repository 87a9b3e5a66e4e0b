import { expect } from '@open-wc/testing';
import type { Appointment } from '@omsorg/contract';
import { appointmentIds, heldTimers } from '@omsorg/mocks';
import { shadowText, until, useScenario } from '../test/setup.js';
import { $, $$, nameOf, polite as status, safelyCancellable } from '../test/kit.js';
import { AppointmentCancelledEvent } from '../internal/events.js';
import { telHref } from '../internal/phone.js';
import { chooseReason, confirmButton, focusedInside, nativeDialog, openAndLoad, recordPosts, setup, typeComment } from './test/dialog.js';

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
    const s = await setup({ scenario: 'cancel-as-request', pick: safelyCancellable });
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
    const s = await setup({ scenario: 'hostile', pick: (a) => safelyCancellable(a) && /<(img|script)/.test(a.cancellationPolicy.consequence ?? '') });
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
    const s = await setup({ scenario: 'slow', delayMs: 60_000, wait: heldTimers().wait, id: appointmentIds.olaCancellable });
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
    const timers = heldTimers();
    timers.open();
    const s = await setup({ scenario: 'slow', delayMs: 300, wait: timers.wait });
    const said: string[] = [];
    const region = $(s.dialog, '[role="status"]')!;
    const observer = new MutationObserver(() => said.push(region.textContent ?? ''));
    observer.observe(region, { childList: true, subtree: true, characterData: true });
    // Listed first: the dialog shows the cached copy at once while it fetches a fresh one (held
    // until the test has looked, then let through).
    const reads: Promise<unknown>[] = [];
    const getAppointment = s.client.getAppointment.bind(s.client);
    s.client.getAppointment = (...args) => {
      const read = getAppointment(...args);
      reads.push(read.catch(() => undefined));
      return read;
    };
    timers.hold();
    await openAndLoad(s);
    await until(() => timers.pending.length > 0, 'the fresh read waiting');
    expect(said.filter(Boolean)).to.deep.equal([]);
    timers.open();
    // The fresh read answered and shown: nothing was said about it.
    await until(() => reads.length > 0, 'the fresh read started');
    await Promise.all(reads);
    await s.dialog.updateComplete;
    expect(said.filter(Boolean)).to.deep.equal([]);
    s.dialog.close();
    await until(() => !nativeDialog(s.dialog).open, 'closed');
    // Nothing cached: loading, then the appointment, and the region is empty again.
    const t = await setup({ scenario: 'slow', delayMs: 300, wait: timers.wait, id: appointmentIds.olaCancellable });
    const region2 = $(t.dialog, '[role="status"]')!;
    const said2: string[] = [];
    const observer2 = new MutationObserver(() => said2.push(region2.textContent ?? ''));
    observer2.observe(region2, { childList: true, subtree: true, characterData: true });
    // The read is held until "loading" has been said, however slow the machine is.
    timers.hold();
    t.trigger.focus();
    t.trigger.click();
    await until(() => status(t.dialog) === 'Loading the appointment …', 'loading in the status region');
    timers.open();
    await until(() => !!confirmButton(t.dialog), 'dialog content');
    await until(() => status(t.dialog) === '', 'the status region emptied');
    observer.disconnect();
    observer2.disconnect();
    expect(said2.filter(Boolean)).to.deep.equal(['Loading the appointment …']);
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
