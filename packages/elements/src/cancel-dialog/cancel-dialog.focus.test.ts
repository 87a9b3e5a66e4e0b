import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { shadowText, until } from '../test/setup.js';
import { $, $$, nameOf, safelyCancellable } from '../test/kit.js';
import { chooseReason, confirmButton, nativeDialog, openAndLoad, setup, typeComment } from './test/dialog.js';

describe('<omsorg-cancel-dialog>: opening, closing and focus', () => {
  it('Escape closes and focus returns to the trigger', async () => {
    const s = await setup();
    await openAndLoad(s);
    // A keyboard user's Escape comes from focus inside the dialog (the heading gets it on open);
    // on a busy machine WebKit can take a moment to move it there.
    await until(() => nativeDialog(s.dialog).contains(s.dialog.shadowRoot!.activeElement), 'focus inside the dialog');
    await sendKeys({ press: 'Escape' });
    await until(() => !nativeDialog(s.dialog).open, 'closed');
    // The element hears of it in the native dialog's `close` event, a task later (on a busy
    // machine, after the check above), and reflects `open` in the render after that.
    await until(() => !s.dialog.opened, 'the element closed');
    await s.dialog.updateComplete;
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
    let closeEvents = 0;
    nativeDialog(s.dialog).addEventListener('close', () => closeEvents++);
    nativeDialog(s.dialog).close();
    s.trigger.click();
    await until(() => nativeDialog(s.dialog).open, 'open again');
    // The first close's queued event does not close the second opening.
    await until(() => closeEvents > 0, 'the first close event');
    await s.dialog.updateComplete;
    expect(nativeDialog(s.dialog).open).to.equal(true);
    expect(s.dialog.opened).to.equal(true);
    await until(() => !!confirmButton(s.dialog), 'the form again');
    await sendKeys({ press: 'Escape' });
    await until(() => !nativeDialog(s.dialog).open && !s.dialog.opened, 'closed');
    await until(() => document.activeElement === s.trigger, 'focus on the trigger');
  });

  it('a render between Escape and its close event does not open the dialog again', async () => {
    const s = await setup();
    await openAndLoad(s);
    // What Escape does: the native dialog closes now; its `close` event comes in a later task.
    nativeDialog(s.dialog).close();
    // Something renders before that event runs (a load ending, the comment's count).
    s.dialog.requestUpdate();
    await s.dialog.updateComplete;
    await until(() => !s.dialog.opened, 'the element closed by the close event', 5_000);
    expect(nativeDialog(s.dialog).open).to.equal(false);
    expect(s.dialog.hasAttribute('open')).to.equal(false);
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
    // A keyboard user's Escape comes from focus inside the dialog (as in the Escape test above).
    await until(() => nativeDialog(s.dialog).contains(s.dialog.shadowRoot!.activeElement), 'focus inside the dialog');
    await sendKeys({ press: 'Escape' });
    await until(() => !nativeDialog(s.dialog).open, 'closed');
    await openAndLoad(s);
    expect($<HTMLInputElement>(s.dialog, 'input[value="pat-away"]')!.checked).to.equal(true);
    expect($<HTMLTextAreaElement>(s.dialog, '#comment')!.value).to.equal('Hos datteren');
    s.dialog.close();
    await until(() => !nativeDialog(s.dialog).open, 'closed again');
    const other = (await s.client.listAppointments({ when: 'upcoming' })).items.find((a) => a.id !== s.appointment.id && safelyCancellable(a))!;
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
});
