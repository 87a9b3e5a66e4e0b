/**
 * Set-up shared by the thread's test files: the element's texts, mounting a thread and waiting
 * for it, typing into the reply box, and cleaning up (pending draft saves, the fake clock).
 */
import { html } from '@open-wc/testing';
import type { Client } from '@omsorg/sdk';
import type { PersonKey } from '../../test/setup.js';
import { uninstallClock } from '../../../../sdk/src/test/clock.js';
import { resetVisibility } from '../../../../sdk/src/test/visibility.js';
import { draftSavesDone } from '../../test/messages.js';
import { $, fill, idsOf, mountSettled } from '../../test/kit.js';
import { messages as composerMessages } from '../../composer/composer.messages.js';
import { messages } from '../message-thread.messages.js';
import type { OmsorgMessageThread } from '../message-thread.js';
import '../define.js';

export type Thread = OmsorgMessageThread;
export const t = messages.nb;
export const ct = composerMessages.nb;
export const names: Record<PersonKey, string> = { ola: 'Ola Nordmann', kari: 'Kari Nordmann', per: 'Per Hansen' };

export const textarea = (el: Element) => $<HTMLTextAreaElement>(el, 'textarea')!;
export const messageIds = (el: Element) => idsOf(el, 'li[part~="message"]');

export const mount = (c: Client, threadId: string, subject = 'me') =>
  mountSettled<Thread>(html`<omsorg-message-thread .client=${c} subject-id=${subject} thread-id=${threadId}></omsorg-message-thread>`, 'the thread to load');

export async function type(el: Thread, text: string): Promise<void> {
  const box = textarea(el);
  box.focus();
  fill(box, text);
  await el.updateComplete;
}

export const isPost = (suffix: string) => (r: Request) => r.method === 'POST' && new URL(r.url).pathname.endsWith(suffix);

/** After each test: remove the threads, wait for the draft saves they started, real timers and visibility back. */
export async function cleanUp(): Promise<void> {
  document.querySelectorAll('omsorg-message-thread').forEach((e) => e.remove());
  await draftSavesDone();
  uninstallClock();
  resetVisibility();
}
