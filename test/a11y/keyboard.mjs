// Keyboard-only driving of a story page (puppeteer-core + Chromium), shared by keyboard.test.mjs.
// The page side (`installKeyboardProbe`) walks the composed tree (into shadow roots, slots in
// place) to list what Tab should visit, and describes the focused element through shadow roots.
import assert from 'node:assert/strict';

/** Runs in the page: installs `globalThis.__kb`. Serialized by puppeteer, so it is self-contained. */
export function installKeyboardProbe() {
  const FOCUSABLE = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, iframe, [tabindex], [contenteditable=""], [contenteditable="true"]';

  const childrenOf = (node) => {
    if (node.shadowRoot) return [...node.shadowRoot.children];
    if (node.localName === 'slot') {
      const assigned = node.assignedElements({ flatten: true });
      return assigned.length ? assigned : [...node.children];
    }
    return [...node.children];
  };

  /** The element that has focus, through shadow roots. */
  const active = () => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a;
  };

  /** The nearest shadow host (the element whose shadow root holds `el`), or null for light DOM. */
  const hostOf = (el) => {
    const root = el.getRootNode();
    return root instanceof ShadowRoot ? root.host : null;
  };

  /** The open modal dialog (through shadow roots), if any: only its content can take focus. */
  const openModal = () => {
    let found = null;
    const walk = (node) => {
      for (const c of childrenOf(node)) {
        if (found) return;
        if (c.localName === 'dialog' && c.matches(':modal')) found = c;
        else walk(c);
      }
    };
    walk(document.documentElement);
    return found;
  };

  /** Whether `el` is `ancestor` or below it in the composed (flat) tree. */
  const inside = (ancestor, el) => {
    for (let n = el; n; ) {
      if (n === ancestor) return true;
      n = n.assignedSlot ?? n.parentNode;
      if (n instanceof ShadowRoot) n = n.host;
    }
    return false;
  };

  const isCandidate = (el, modal) => {
    if (!el.matches(FOCUSABLE) || el.tabIndex < 0 || el.disabled) return false;
    if (el.localName === 'summary' && el.parentElement?.firstElementChild !== el) return false;
    if (!el.checkVisibility({ visibilityProperty: true })) return false;
    if (el.closest('[inert]')) return false;
    if (modal && !inside(modal, el)) return false;
    return true;
  };

  /**
   * What Tab should visit, in composed-tree order, inside `scope` (default the document).
   * Radios: one stop per group (the checked one, else the first, or the last going backwards).
   */
  const expected = (scope, backwards = false) => {
    const modal = openModal();
    const out = [];
    const groups = new Map();
    const walk = (node) => {
      for (const c of childrenOf(node)) {
        if (isCandidate(c, modal)) {
          if (c.localName === 'input' && c.type === 'radio' && c.name) {
            const key = c.name;
            const g = groups.get(c.getRootNode()) ?? new Map();
            groups.set(c.getRootNode(), g);
            if (!g.has(key)) {
              g.set(key, { members: [], index: out.length });
              out.push(null);
            }
            g.get(key).members.push(c);
          } else out.push(c);
        }
        walk(c);
      }
    };
    walk(scope ?? document.documentElement);
    for (const g of groups.values()) {
      for (const { members, index } of g.values()) {
        out[index] = members.find((r) => r.checked) ?? (backwards ? members[members.length - 1] : members[0]);
      }
    }
    return out;
  };

  const describe = (el) => {
    if (!el) return 'nothing';
    const host = hostOf(el);
    const part = el.getAttribute('part');
    const text = (el.getAttribute('aria-label') || el.textContent || el.value || '').replace(/\s+/g, ' ').trim().slice(0, 50);
    return `${host ? host.localName + ' >>> ' : ''}<${el.localName}${el.id ? '#' + el.id : ''}${part ? ` part="${part}"` : ''}${el.type && el.localName === 'input' ? ` type=${el.type}` : ''}> "${text}"`;
  };

  /** Page-coordinate box, the focus indicator and whether it shows inside the viewport. */
  const focusInfo = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? `${s.outlineStyle} ${s.outlineWidth}` : '';
    const shadow = s.boxShadow !== 'none' ? s.boxShadow : '';
    return {
      top: r.top + scrollY,
      left: r.left + scrollX,
      bottom: r.bottom + scrollY,
      width: r.width,
      height: r.height,
      inViewport: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
      focusVisible: el.matches(':focus-visible'),
      outline,
      outlineWidth: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth),
      shadow,
      omsorg: !!hostOf(el)?.localName.startsWith('omsorg-'),
    };
  };

  globalThis.__kb = { active, expected, describe, focusInfo, hostOf };
}

/** Adds focus sentinels before and after the story, installs the probe, and focuses the first. */
export async function prepare(page) {
  await page.evaluate(installKeyboardProbe);
  await page.evaluate(() => {
    for (const id of ['kb-start', 'kb-end']) document.getElementById(id)?.remove();
    const mk = (id) => Object.assign(document.createElement('button'), { id, type: 'button', textContent: id });
    const root = document.getElementById('storybook-root');
    root.before(mk('kb-start'));
    root.after(mk('kb-end'));
  });
}

/** Puts focus on a host-page element by id (the only programmatic focus: the start point). */
export async function focusById(page, id) {
  await page.evaluate((i) => document.getElementById(i).focus(), id);
}

export const key = (page, name) => page.keyboard.press(name === 'Space' ? ' ' : name);

/** Shift+Tab. */
export async function shiftTab(page) {
  await page.keyboard.down('Shift');
  await page.keyboard.press('Tab');
  await page.keyboard.up('Shift');
}

/** Description and focus information of the focused element. */
export const focused = (page) =>
  page.evaluate(() => {
    const el = globalThis.__kb.active();
    return { id: el?.id ?? '', desc: globalThis.__kb.describe(el), info: el && el !== document.body ? globalThis.__kb.focusInfo(el) : null };
  });

/** Descriptions of what Tab should visit between the sentinels (or inside the open modal dialog). */
export const expectedStops = (page, backwards = false) =>
  page.evaluate((b) => {
    const kb = globalThis.__kb;
    return kb.expected(undefined, b).filter((el) => !['kb-start', 'kb-end'].includes(el.id)).map((el) => kb.describe(el));
  }, backwards);

/**
 * Presses Tab (or Shift+Tab) from where focus is until `stop(desc, id)` holds, at most `max`
 * times; returns every stop (description and focus information), the final one included.
 */
export async function walk(page, { backwards = false, stop, max = 200 }) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    if (backwards) await shiftTab(page);
    else await key(page, 'Tab');
    const f = await focused(page);
    // A date input is one control with a Tab stop per field (day, month, year in Chromium).
    if (/ type=date[ >]/.test(f.desc) && seen.at(-1)?.desc === f.desc) continue;
    seen.push(f);
    if (stop(f)) return seen;
  }
  assert.fail(`focus never reached the end after ${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'}:\n  ${seen.map((s) => s.desc).join('\n  ')}`);
}

/** Problems with how keyboard focus shows on each stop: not :focus-visible, no indicator, off screen. */
export function focusProblems(stops) {
  const problems = [];
  for (const s of stops) {
    const i = s.info;
    if (!i) {
      problems.push(`${s.desc}: focus on the document body`);
      continue;
    }
    if (!i.focusVisible) problems.push(`${s.desc}: not :focus-visible`);
    // The elements' own controls: a clear outline (WCAG 2.4.7; 2.4.13 asks for 2 px); host
    // controls only need some indicator.
    if (i.omsorg ? i.outlineWidth < 2 && !i.shadow : !i.outline && !i.shadow) problems.push(`${s.desc}: no visible focus indicator (outline "${i.outline}")`);
    if (!i.inViewport) problems.push(`${s.desc}: focused but outside the viewport`);
    if (i.width === 0 || i.height === 0) problems.push(`${s.desc}: focused but has no box`);
  }
  return problems;
}

/** Stops that go back up the page (visual order differs from the Tab order), in LTR. */
export function orderProblems(stops) {
  const problems = [];
  for (let i = 1; i < stops.length; i++) {
    const a = stops[i - 1].info;
    const b = stops[i].info;
    if (!a || !b) continue;
    const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    const sameLine = overlap > Math.min(a.height, b.height) / 2;
    if (sameLine ? b.left < a.left - 1 : b.top < a.top - 1) {
      problems.push(`${stops[i].desc} comes after ${stops[i - 1].desc} in Tab order but is ${sameLine ? 'left of it on the same line' : 'above it'}`);
    }
  }
  return problems;
}
