/**
 * The SDK owns every write of the thread: the local update after a reply (the thread shows a
 * sent message because the store's copy has it, never by patching its own copy) and the
 * Idempotency-Key of an upload (made by the SDK per upload, reused on its retry).
 */
import { expect, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import { threadIds, tinyPng } from '@omsorg/mocks';
import type { Client, ClientEvents } from '@omsorg/sdk';
import { API, mswWorker, until } from '../test/setup.js';
import { button, fill, mountSettled, polite, recordCalls, $, $$ } from '../test/kit.js';
import { draftSavesDone, messageClient, scenario } from '../test/messages.js';
import { messages as composerMessages } from '../composer/composer.messages.js';
import type { OmsorgMessageThread } from './message-thread.js';
import './define.js';

const ct = composerMessages.nb;
const texts = (el: Element) => $$(el, 'li[part~="message"] .body').map((b) => b.textContent?.trim() ?? '');

/** Holds back every newer copy of a thread the store hands out, until `release()`. */
function holdThreadCopies(client: Client) {
  let holding = false;
  const held: Array<() => void> = [];
  const gate =
    <T>(listener: (value: T) => void) =>
    (value: T): void => {
      if (holding) held.push(() => listener(value));
      else listener(value);
    };
  const on = client.on.bind(client) as (type: string, listener: (detail: never) => void) => () => void;
  client.on = ((type: string, listener: (detail: never) => void) =>
    on(type, type === 'thread-changed' ? (gate(listener as (d: ClientEvents['thread-changed']) => void) as (detail: never) => void) : listener)) as Client['on'];
  const watchThread = client.watchThread.bind(client);
  client.watchThread = (subjectId, threadId, listener) => watchThread(subjectId, threadId, gate(listener));
  return {
    hold: () => void (holding = true),
    release() {
      holding = false;
      held.splice(0).forEach((f) => f());
    },
  };
}

describe('<omsorg-message-thread>: writes belong to the SDK', () => {
  afterEach(async () => {
    document.querySelectorAll('omsorg-message-thread').forEach((e) => e.remove());
    await draftSavesDone();
  });

  it('shows the reply only once the store has it, and then once', async () => {
    await scenario('default');
    const client = messageClient('ola');
    const copies = holdThreadCopies(client);
    const el = await mountSettled<OmsorgMessageThread>(
      html`<omsorg-message-thread .client=${client} subject-id="me" thread-id=${threadIds.olaUnreadReply}></omsorg-message-thread>`,
    );
    const before = texts(el);
    fill($<HTMLTextAreaElement>(el, 'textarea')!, 'Svar fra lageret');
    await el.updateComplete;

    copies.hold();
    button(el, ct.send)!.click();
    await until(() => polite(el) === ct.sent, 'announced as sent');
    await el.updateComplete;
    // Sent, but the store's newer copy has not reached the element: it shows what it had.
    expect(texts(el)).to.deep.equal(before);

    copies.release();
    await until(() => texts(el).length === before.length + 1, 'the reply from the store');
    expect(texts(el).filter((t) => t === 'Svar fra lageret')).to.have.length(1);
  });

  it('uploads without a key of its own: the SDK makes one and reuses it on a retry', async () => {
    await scenario('default');
    const client = messageClient('ola');
    const given = recordCalls(client, 'uploadAttachment', (_subject, _file, options) => options?.idempotencyKey);
    const keys: Array<string | null> = [];
    mswWorker().use(
      http.post(`${API}/v1/subjects/me/attachments`, ({ request }) => {
        keys.push(request.headers.get('idempotency-key'));
        // The first attempt finds the service busy; the retry goes on to the mock API.
        if (keys.length === 1) return HttpResponse.json({ type: 'about:blank', title: 'Busy', status: 503 }, { status: 503 });
        return undefined;
      }),
    );
    const el = await mountSettled<OmsorgMessageThread>(
      html`<omsorg-message-thread .client=${client} subject-id="me" thread-id=${threadIds.olaUnreadReply}></omsorg-message-thread>`,
    );
    const input = $<HTMLInputElement>(el, 'input[type="file"]')!;
    const dt = new DataTransfer();
    dt.items.add(new File([tinyPng() as BlobPart], 'kart.png', { type: 'image/png' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => $$(el, '[part="attachment"]').length === 1 && !$(el, '.uploading'), 'the upload');
    expect(given).to.deep.equal([undefined]);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.be.a('string').and.not.equal('');
    expect(keys[1]).to.equal(keys[0]);
  });
});
