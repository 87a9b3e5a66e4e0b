/**
 * Whether the page is shown, set by the test. The runner decides what a real page reports: with
 * several test pages or engines side by side, a page not in front is `hidden`, so code that
 * waits for the page to be shown (polling, "seen" marks) must not depend on it.
 */

/** Stubs document.visibilityState: an own property shadows the prototype's getter in every engine. */
function stub(state: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
}

/** Sets document.visibilityState and says so (`visibilitychange`). */
export function setVisibility(state: 'hidden' | 'visible'): void {
  stub(state);
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Gives the page back its real visibility. */
export function resetVisibility(): void {
  delete (document as { visibilityState?: unknown }).visibilityState;
}

/** Says the page is shown without telling anyone (no event): the starting state of a test. */
export function assumeVisible(): void {
  stub('visible');
}
