// Hostile host 2: aggressive global CSS (pages/hostile.css: resets and !important rules on *,
// button, input, dialog, h2, label, [hidden]…, `html { font-size: 28px }`, WCAG 1.4.12 text
// spacing), `dir="rtl"` on <html>, a 320 px wide phone.
//
// Inherited properties (color, font, line-height, letter-spacing, direction) DO cross the shadow
// boundary, and the element hosts themselves match `*`: that is expected. Rules that target
// elements do not reach inside. What matters, and is asserted:
//   - every button in the elements is visible, on top (hit-testing finds it) and at least
//     24 × 24 CSS px, signed out and signed in;
//   - the cancel dialog opens as a modal, fits the 320 px viewport and can be used with the
//     pointer (reason, confirm, close);
//   - nothing in the elements sticks out of the 320 px viewport, and the page does not scroll
//     sideways;
//   - our styles do not leak OUT: the host's own <button>, <h2>, <p>, <a>, <input>, <dialog>,
//     <html> and <body> have the same computed styles before and after the bundle is loaded
//     (and after a whole journey), and the bundle adds no document-level stylesheet.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startHostServer } from './server.mjs';
import { booted, cancellableVisit, click, HOST_ENGINES, launch, shown, signIn, snapshot, until, watchedPage } from './harness.mjs';

const WIDTH = 320;

/** @type {Awaited<ReturnType<typeof startHostServer>>} */ let server;
/** @type {Record<string, Awaited<ReturnType<typeof launch>>>} */ const browsers = {};

before(async () => {
  server = await startHostServer();
  await Promise.all(HOST_ENGINES.map(async (e) => (browsers[e] = await launch(e))));
});

after(async () => {
  await Promise.all(Object.values(browsers).map((b) => b.close()));
  await server?.close();
});

/** The host's own elements' computed styles, and the document's style sheets. */
function hostStyles(page) {
  return page.evaluate(() => {
    const props = [
      'display', 'position', 'box-sizing', 'width', 'height', 'margin-top', 'margin-inline-start', 'padding-top',
      'padding-inline-start', 'border-top-width', 'border-top-style', 'border-top-color', 'background-color',
      'color', 'font-family', 'font-size', 'font-weight', 'line-height', 'letter-spacing', 'word-spacing',
      'text-transform', 'text-decoration-line', 'direction', 'outline-style', 'visibility', 'opacity', 'overflow-x',
    ];
    const out = {};
    for (const sel of ['html', 'body', '#host-button', '#host-h2', '#host-p', '#host-a', '#host-input', '#host-dialog']) {
      const cs = getComputedStyle(/** @type {Element} */ (document.querySelector(sel)));
      // <html> and <body> grow with the elements' content: their height is not a style leak.
      const own = sel === 'html' || sel === 'body' ? props.filter((p) => p !== 'height') : props;
      out[sel] = Object.fromEntries(own.map((p) => [p, cs.getPropertyValue(p)]));
    }
    out.sheets = {
      styleSheets: [...document.styleSheets].map((s) => s.href ?? 'inline'),
      adoptedStyleSheets: document.adoptedStyleSheets.length,
    };
    return out;
  });
}

/**
 * Problems with the elements' layout and buttons, as the page draws them now: buttons hidden,
 * covered or smaller than 24 × 24; anything sticking out of the viewport sideways; clipped text.
 */
function layoutProblems(page, selector = 'omsorg-login, omsorg-appointment-list, omsorg-service-list, omsorg-cancel-dialog') {
  return page.evaluate((selector) => {
    const problems = [];
    const hosts = [...document.querySelectorAll(selector)];
    const describe = (el) => {
      const host = /** @type {ShadowRoot} */ (el.getRootNode()).host;
      const part = el.getAttribute('part');
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30);
      return `${host?.localName ?? ''} ${el.localName}${part ? `[part=${part}]` : ''}${el.id ? `#${el.id}` : ''} "${text}"`;
    };
    const vw = document.documentElement.clientWidth;
    if (document.scrollingElement.scrollWidth > vw) problems.push(`the page scrolls sideways: ${document.scrollingElement.scrollWidth} > ${vw}`);
    for (const host of hosts) {
      const root = host.shadowRoot;
      if (!root) {
        problems.push(`${host.localName} has no shadow root`);
        continue;
      }
      for (const el of root.querySelectorAll('*')) {
        if (el.localName === 'style' || !el.checkVisibility({ visibilityProperty: true })) continue;
        const r = el.getBoundingClientRect();
        if (r.width <= 1 || r.height <= 1) continue; // visually-hidden text for screen readers
        if (r.left < -1 || r.right > vw + 1) problems.push(`${describe(el)} sticks out: ${Math.round(r.left)}…${Math.round(r.right)} of ${vw}`);
        const cs = getComputedStyle(el);
        if (cs.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1 && el.localName !== 'dialog') {
          problems.push(`${describe(el)} clips its content: ${el.scrollWidth} > ${el.clientWidth}`);
        }
      }
      for (const b of root.querySelectorAll('button')) {
        if (b.closest('dialog:not([open])')) continue; // a closed dialog shows nothing
        if (!b.checkVisibility({ visibilityProperty: true, opacityProperty: true })) {
          problems.push(`${describe(b)} is not visible`);
          continue;
        }
        b.scrollIntoView({ block: 'center', inline: 'center' });
        const r = b.getBoundingClientRect();
        if (r.width < 24 || r.height < 24) problems.push(`${describe(b)} is ${r.width.toFixed(1)} × ${r.height.toFixed(1)} px`);
        const hit = root.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!hit || !b.contains(hit)) problems.push(`${describe(b)} is covered by ${hit ? describe(hit) : 'nothing'}`);
      }
    }
    scrollTo(0, 0);
    return problems;
  }, selector);
}

for (const engine of HOST_ENGINES) {
  test(`${engine}: aggressive global CSS, rtl, 320 px: usable elements, no leak in either direction`, { timeout: 60_000 }, async (t) => {
    const { page, seen } = await watchedPage(browsers[engine].browser, { width: WIDTH, height: 640 });
    await page.goto(`${server.url}/css.html`, { waitUntil: 'load' });
    await booted(page); // the mocks only: this page loads the bundle when told to
    assert.equal(await page.evaluate(() => customElements.get('omsorg-login')), undefined, 'no omsorg yet');
    const before = await hostStyles(page);
    assert.equal(before['#host-h2']['font-size'], '40px', 'the hostile sheet is in force');
    assert.equal(before['#host-button'].color, 'rgb(255, 105, 180)');

    await page.evaluate(() => window.hostBoot.load());
    await shown(page, 'omsorg-login >>> button[part~="sign-in-button"]');
    await shown(page, 'omsorg-appointment-list >>> button[part~="sign-in-button"]');
    assert.deepEqual(await hostStyles(page), before, 'the host’s styles are the same with the bundle loaded');

    // Inherited properties do cross (expected): the text inside is the host's hotpink, in rtl.
    const inside = await page.evaluate(() => {
      const p = document.querySelector('omsorg-appointment-list')?.shadowRoot?.querySelector('[part~="signed-out"] p');
      return p ? { direction: getComputedStyle(p).direction, fontSize: getComputedStyle(p).fontSize } : null;
    });
    assert.equal(inside?.direction, 'rtl', 'direction is inherited into the elements');
    t.diagnostic(`signed-out text inside the list: ${JSON.stringify(inside)}`);

    assert.deepEqual(await layoutProblems(page), [], 'signed out: buttons usable, nothing sticks out');

    await signIn(page);
    assert.deepEqual(await layoutProblems(page), [], 'signed in: buttons usable, nothing sticks out');

    // The cancel dialog: modal, inside the viewport, usable with the pointer.
    const target = await cancellableVisit(page);
    assert.ok(target, 'a visit that can be cancelled');
    await click(page, `omsorg-appointment-list >>> button#act-${target}`);
    await shown(page, 'omsorg-cancel-dialog >>> dialog[open] input[name="reason"]');
    const dialog = await page.evaluate(() => {
      const d = document.querySelector('omsorg-cancel-dialog')?.shadowRoot?.querySelector('dialog');
      const r = d?.getBoundingClientRect();
      const radios = [...(d?.querySelectorAll('input[name="reason"]') ?? [])].map((i) => {
        const label = i.closest('label') ?? d?.querySelector(`label[for="${i.id}"]`);
        const lr = label?.getBoundingClientRect();
        return { visible: i.checkVisibility({ opacityProperty: true }), labelHeight: lr?.height ?? 0 };
      });
      return { modal: d?.matches(':modal'), left: r?.left, right: r?.right, width: r?.width, height: r?.height, radios };
    });
    assert.equal(dialog.modal, true, 'the dialog is modal (top layer)');
    assert.ok(dialog.left >= 0 && dialog.right <= WIDTH, `the dialog fits the viewport: ${dialog.left}…${dialog.right}`);
    assert.ok(dialog.height > 100, `the dialog is not squashed by the host's dialog rule: ${dialog.height} px`);
    assert.ok(dialog.radios.length > 0 && dialog.radios.every((r) => r.visible && r.labelHeight >= 24), `reasons shown, labels ≥ 24 px: ${JSON.stringify(dialog.radios)}`);
    // The modal makes the rest of the page inert (and covers it): only the dialog's own buttons count.
    assert.deepEqual(await layoutProblems(page, 'omsorg-cancel-dialog'), [], 'dialog open: buttons usable, nothing sticks out');

    await click(page, 'omsorg-cancel-dialog >>> dialog[open] input[name="reason"]');
    await click(page, 'omsorg-cancel-dialog >>> [part~="confirm-button"]');
    await shown(page, 'omsorg-cancel-dialog >>> [part~="outcome"]');
    assert.deepEqual(await layoutProblems(page, 'omsorg-cancel-dialog'), [], 'outcome shown: buttons usable, nothing sticks out');
    await click(page, 'omsorg-cancel-dialog >>> [part~="close-button"]');
    await page.waitForSelector('omsorg-cancel-dialog >>> dialog[open]', { hidden: true });
    await until(async () => (await snapshot(page)).lists[0].items.find((i) => i.id === target)?.status === 'cancelled', `${target} cancelled`);

    assert.deepEqual(await hostStyles(page), before, 'the host’s styles are still the same after a whole journey');
    assert.deepEqual(seen.pageErrors, [], 'no uncaught page error');
    await page.close();
  });
}
