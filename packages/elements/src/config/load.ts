/**
 * The loader's configuration file (a chunk of its own, imported by omsorg.js only when its tag
 * has `data-config` or the page has an inline `<script type="application/json"
 * data-omsorg-config>`): read it, check it against the published schema (validate.ts), and
 * apply it: registered languages and texts (registerLocale, setTexts), features and the
 * municipality's contact (internal/settings.ts), and the API and sign-in settings, handed back
 * to the loader as the data-* attributes they stand for (the tag's own attributes win).
 *
 * A file that cannot be used (not found, not JSON, not what the schema says) gives ONE
 * console.error that names the field, no client is made, and every omsorg element on the page
 * shows a polite "unavailable" text instead (unavailable.ts). The host page is not touched.
 */
import type { ElementName } from '../autoload.js';
import { registerLocale, setTexts, type OmsorgTexts } from '../internal/texts.js';
import { setPageSettings } from '../internal/settings.js';
import { schema } from './schema.generated.js';
import type { OmsorgConfig } from './types.js';
import { check } from './validate.js';

export type ConfigOutcome =
  | {
      ok: true;
      config: OmsorgConfig;
      /** The file's API and sign-in settings as data-* attributes (dataset keys). */
      data: Record<string, string>;
      /** The elements that are off. */
      off: ElementName[];
    }
  | { ok: false; message: string };

/** Where the configuration is: the tag's data-config URL, or an inline JSON script. */
export function configSource(script: HTMLScriptElement | null): { url: string } | { inline: HTMLScriptElement } | undefined {
  const href = script?.dataset.config?.trim();
  if (href) return { url: new URL(href, document.baseURI).href };
  const inline = document.querySelector<HTMLScriptElement>('script[type="application/json"][data-omsorg-config]');
  return inline ? { inline } : undefined;
}

async function read(source: NonNullable<ReturnType<typeof configSource>>): Promise<unknown> {
  if ('inline' in source) {
    try {
      return JSON.parse(source.inline.textContent ?? '');
    } catch (e) {
      throw new Error(`omsorg config: the inline <script data-omsorg-config> is not JSON (${(e as Error).message})`);
    }
  }
  let res: Response;
  try {
    // The file is public: no cookies go with it, on this site or another (which must allow CORS).
    res = await fetch(source.url, { credentials: 'omit', headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new Error(`omsorg config: ${source.url} could not be loaded (${(e as Error).message}; another site must allow CORS)`);
  }
  if (!res.ok) throw new Error(`omsorg config: ${source.url} could not be loaded (HTTP ${res.status})`);
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`omsorg config: ${source.url} is not JSON (${(e as Error).message})`);
  }
}

/** Checks a parsed file: undefined when it is valid, else the one sentence that names the field. */
export function problemIn(value: unknown): string | undefined {
  return check(schema, value)?.message;
}

/** The file's API and sign-in settings as the data-* attributes they stand for. */
export function asData(config: OmsorgConfig): Record<string, string> {
  const data: Record<string, string> = {};
  if (config.api?.baseUrl) data.api = config.api.baseUrl;
  const auth = config.auth;
  if (auth) {
    for (const [k, v] of Object.entries(auth)) data[k === 'kind' ? 'auth' : k] = String(v);
  }
  if (config.features?.watchUnread) data.watchUnread = '';
  return data;
}

/** Applies a valid file's texts, languages, features and contact to the page. */
export function apply(config: OmsorgConfig): ElementName[] {
  for (const [tag, options] of Object.entries(config.locales ?? {})) registerLocale(tag, options);
  for (const [lang, texts] of Object.entries(config.texts ?? {})) setTexts(lang, texts as OmsorgTexts);
  const elements = config.elements ?? {};
  const features = config.features ?? {};
  // No dialog, no cancelling; no cancelling, no dialog.
  const cancellation = features.cancellation !== false && elements['cancel-dialog'] !== false;
  setPageSettings({
    features: { cancellation, messageAttachments: features.messageAttachments !== false, addToCalendar: features.addToCalendar !== false },
    ...(config.contact ? { contact: config.contact } : {}),
  });
  const off = (Object.keys(elements) as ElementName[]).filter((name) => elements[name] === false);
  if (!cancellation && !off.includes('cancel-dialog')) off.push('cancel-dialog');
  return off;
}

/**
 * Reads, checks and applies the page's configuration. On any problem: one console.error, the
 * elements unavailable (their tags defined as the polite placeholder), and `ok: false`.
 */
export async function loadPageConfig(script: HTMLScriptElement | null): Promise<ConfigOutcome> {
  const source = configSource(script);
  let message: string | undefined;
  if (source) {
    try {
      const value = await read(source);
      message = problemIn(value);
      if (!message) {
        const config = value as OmsorgConfig;
        return { ok: true, config, data: asData(config), off: apply(config) };
      }
    } catch (e) {
      message = e instanceof Error && e.message.startsWith('omsorg config:') ? e.message : `omsorg config: ${String(e)}`;
    }
  } else {
    message = 'omsorg config: data-config is empty';
  }
  console.error(message);
  setPageSettings({ unavailable: true });
  await import('./unavailable.js').then(
    (m) => m.defineUnavailable(),
    () => undefined,
  );
  return { ok: false, message };
}
