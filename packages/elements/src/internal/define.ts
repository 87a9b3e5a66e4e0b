import { VERSION } from './version.js';
import { ensureContextRoot } from './context.js';

type VersionedConstructor = CustomElementConstructor & { readonly omsorgVersion?: string };

/**
 * Registers a custom element once. A page may load two copies of the bundle (a CMS widget and a
 * framework app, say): the first registration wins, and a copy of another version warns instead
 * of throwing "already defined".
 */
export function defineElement(tag: string, ctor: VersionedConstructor): void {
  const registry = globalThis.customElements;
  if (!registry) return;
  ensureContextRoot();
  const existing = registry.get(tag) as VersionedConstructor | undefined;
  if (existing) {
    const theirs = existing.omsorgVersion;
    const ours = ctor.omsorgVersion ?? VERSION;
    if (theirs !== ours) {
      console.warn(`[omsorg] <${tag}> ${theirs ?? '?'} is defined already; this ${ours} is not used.`);
    }
    return;
  }
  registry.define(tag, ctor);
}
