/**
 * The `--omsorg-*` tokens fall back to Designsystemet's `--ds-*` tokens. This checks that against
 * the real thing: the page loads @digdir/designsystemet-theme (the tokens) and
 * @digdir/designsystemet-css (the base styles) from node_modules, elements render on it, and
 * their computed styles must equal what that CSS defines. The expected values are read from the
 * CSS at test time (its text, and a plain element styled with `var(--ds-*)`), never typed here.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { testClient, until, useScenario } from '../test/setup.js';
import { $ } from '../test/kit.js';
import '../appointment-list/define.js';

const THEME = '/node_modules/@digdir/designsystemet-theme/src/themes/designsystemet.css';
const BASE = '/node_modules/@digdir/designsystemet-css/dist/src/index.css';

/** Each `--omsorg-*` token, the `--ds-*` token it falls back to, and our name for it inside. */
const TOKENS = [
  ['--omsorg-color-accent', '--ds-color-accent-base-default', '--_accent'],
  ['--omsorg-color-on-accent', '--ds-color-accent-base-contrast-default', '--_on-accent'],
  ['--omsorg-color-text', '--ds-color-neutral-text-default', '--_text'],
  ['--omsorg-color-text-subtle', '--ds-color-neutral-text-subtle', '--_text-subtle'],
  ['--omsorg-color-surface', '--ds-color-neutral-background-default', '--_surface'],
  ['--omsorg-color-surface-tinted', '--ds-color-neutral-surface-tinted', '--_surface-tinted'],
  ['--omsorg-color-border', '--ds-color-neutral-border-default', '--_border'],
  ['--omsorg-color-border-subtle', '--ds-color-neutral-border-subtle', '--_border-subtle'],
  ['--omsorg-color-danger', '--ds-color-danger-text-default', '--_danger'],
  ['--omsorg-color-success', '--ds-color-success-text-default', '--_success'],
  ['--omsorg-color-warning-surface', '--ds-color-warning-surface-tinted', '--_warning-surface'],
  ['--omsorg-color-focus', '--ds-color-focus-outer', '--_focus'],
] as const;

let themeText = '';

async function loadStylesheet(href: string): Promise<void> {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  const loaded = new Promise((resolve, reject) => {
    link.onload = resolve;
    link.onerror = () => reject(new Error(`could not load ${href}`));
  });
  document.head.append(link);
  await loaded;
}

/**
 * The value the theme's CSS text gives `name` in a colour scheme: the first declaration after
 * the scheme's own selector (the light one comes first in the file, with `:root`).
 */
function declared(name: string, scheme: 'light' | 'dark'): string {
  const start = themeText.indexOf(`[data-color-scheme="${scheme}"] {`);
  expect(start, `the ${scheme} scheme in the theme`).to.be.greaterThan(-1);
  const match = new RegExp(`${name}:\\s*([^;]+);`).exec(themeText.slice(start));
  expect(match, `${name} in the ${scheme} scheme`).to.not.equal(null);
  return match![1]!.trim();
}

/** What the browser makes of `property: value` on a plain element inside `scope`. */
function computed(scope: Element, property: string, value: string): string {
  const probe = document.createElement('span');
  probe.style.setProperty(property, value);
  scope.append(probe);
  const result = getComputedStyle(probe).getPropertyValue(property);
  probe.remove();
  return result;
}

/** A colour as the browser writes it (`rgb(…)`), from any CSS colour text. */
const rgb = (scope: Element, colour: string) => computed(scope, 'color', colour);

describe('--omsorg-* tokens on a page with Designsystemet', () => {
  before(async () => {
    const response = await fetch(THEME);
    expect(response.ok, `${THEME} is served`).to.equal(true);
    themeText = await response.text();
    await loadStylesheet(THEME);
    await loadStylesheet(BASE);
  });

  beforeEach(async () => {
    await useScenario('default');
  });

  it('the theme defines every --ds-* token the elements fall back to (else this test proves nothing)', () => {
    for (const [, ds] of TOKENS) {
      expect(declared(ds, 'light'), ds).to.match(/^#[0-9a-f]{6}$/i);
      expect(declared(ds, 'dark'), ds).to.match(/^#[0-9a-f]{6}$/i);
    }
    expect(themeText).to.match(/--ds-border-radius-md:/);
    expect(themeText).to.match(/--ds-font-family:/);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme} scheme: every colour token resolves to the theme's value inside an element`, async () => {
      const wrapper = await fixture<HTMLElement>(html`
        <div data-color-scheme=${scheme}>
          <omsorg-appointment-list .client=${testClient('ola', { signedIn: false })}></omsorg-appointment-list>
        </div>
      `);
      const list = wrapper.querySelector('omsorg-appointment-list')!;
      await until(() => !!list.shadowRoot?.querySelector('[part="sign-in-button"]'), 'the signed-out state');
      const host = getComputedStyle(list);
      for (const [, ds, inner] of TOKENS) {
        const expected = rgb(wrapper, declared(ds, scheme));
        // The page's own value of the token, through the real CSS, is the same colour...
        expect(rgb(wrapper, `var(${ds})`), `${ds} on the page`).to.equal(expected);
        // ...and it is what the element uses.
        expect(rgb(wrapper, host.getPropertyValue(inner).trim()), `${inner} ← ${ds}`).to.equal(expected);
      }
    });
  }

  it('rendered parts take the real text, accent, radius and font; danger and surface in the error state', async () => {
    const wrapper = await fixture<HTMLElement>(html`
      <div data-color-scheme="light">
        <omsorg-appointment-list .client=${testClient('ola', { signedIn: false })}></omsorg-appointment-list>
      </div>
    `);
    const list = wrapper.querySelector('omsorg-appointment-list')!;
    await until(() => !!list.shadowRoot?.querySelector('[part="sign-in-button"]'), 'the signed-out state');
    const ds = (name: string) => rgb(wrapper, declared(name, 'light'));

    const host = getComputedStyle(list);
    expect(host.color).to.equal(ds('--ds-color-neutral-text-default'));
    expect(host.fontFamily).to.equal(computed(wrapper, 'font-family', 'var(--ds-font-family)'));
    expect(themeText).to.contain(`--ds-font-family: ${host.fontFamily}`);

    const signIn = getComputedStyle($(list, '[part="sign-in-button"]')!);
    expect(signIn.backgroundColor).to.equal(ds('--ds-color-accent-base-default'));
    expect(signIn.color).to.equal(ds('--ds-color-accent-base-contrast-default'));
    const radius = computed(wrapper, 'border-top-left-radius', 'var(--ds-border-radius-md)');
    expect(radius).to.match(/^[1-9][\d.]*px$/);
    expect(signIn.borderTopLeftRadius).to.equal(radius);

    await useScenario('server-error');
    const failing = await fixture<HTMLElement>(html`
      <div data-color-scheme="light"><omsorg-appointment-list .client=${testClient('ola')}></omsorg-appointment-list></div>
    `);
    const failed = failing.querySelector('omsorg-appointment-list')!;
    await until(() => !!failed.shadowRoot?.querySelector('[part="error"]'), 'the error state');
    const error = getComputedStyle($(failed, '[part="error"]')!);
    expect(error.borderTopColor).to.equal(ds('--ds-color-danger-text-default'));
    expect(error.color).to.equal(ds('--ds-color-danger-text-default'));
    expect(error.backgroundColor).to.equal(ds('--ds-color-neutral-background-default'));
    expect(getComputedStyle($(failed, '[part="retry-button"]')!).color).to.equal(ds('--ds-color-accent-base-default'));
  });

  it('an --omsorg-* token set by the page still wins over the theme', async () => {
    const wrapper = await fixture<HTMLElement>(html`
      <div data-color-scheme="light" style="--omsorg-color-accent: rgb(1, 2, 3)">
        <omsorg-appointment-list .client=${testClient('ola', { signedIn: false })}></omsorg-appointment-list>
      </div>
    `);
    const list = wrapper.querySelector('omsorg-appointment-list')!;
    await until(() => !!list.shadowRoot?.querySelector('[part="sign-in-button"]'), 'the signed-out state');
    const signIn = getComputedStyle($(list, '[part="sign-in-button"]')!);
    expect(signIn.backgroundColor).to.equal('rgb(1, 2, 3)');
    expect(signIn.color).to.equal(rgb(wrapper, declared('--ds-color-accent-base-contrast-default', 'light')));
  });
});
