/**
 * The configuration file of one municipality, as a type: the same shape as the published JSON
 * Schema (`@omsorg/elements/config.schema.json`; scripts/config.test.mjs checks that the two
 * name the same fields).
 */
import type { ElementName } from '../autoload.js';

/** A text per language tag (`nb`, `nn`, `en`, or a registered one such as `se`). */
export type PerLanguage = Readonly<Record<string, string>>;

/** The catalogs whose plain texts a file may replace (as `setTexts`). */
export type TextCatalogName =
  | 'common'
  | 'access-log'
  | 'appointment-list'
  | 'cancel-dialog'
  | 'composer'
  | 'consent-panel'
  | 'inbox'
  | 'login'
  | 'message-thread'
  | 'service-list';

export interface OmsorgConfigFeatures {
  /** Cancelling online (default on). */
  readonly cancellation?: boolean;
  /** Attachments in new messages and replies (default on). */
  readonly messageAttachments?: boolean;
  /** The appointment list's "add to calendar" (default on). */
  readonly addToCalendar?: boolean;
  /** As `data-watch-unread`. */
  readonly watchUnread?: boolean;
}

export interface OmsorgConfigAuth {
  readonly kind: 'bff' | 'oidc' | 'mock';
  readonly bff?: string;
  readonly authority?: string;
  readonly clientId?: string;
  readonly redirectUri?: string;
  readonly postLogoutRedirectUri?: string;
  readonly scope?: string;
  readonly resource?: string;
  readonly dpop?: boolean;
  readonly acr?: string;
  readonly storage?: 'session' | 'memory';
  readonly mockUser?: string;
  readonly mockName?: string;
}

export interface OmsorgConfig {
  readonly $schema?: string;
  readonly version: 1;
  readonly municipality?: string;
  readonly contact?: { readonly phone: string; readonly openingHours?: PerLanguage };
  readonly locales?: Readonly<Record<string, { readonly base?: 'nb' | 'nn' | 'en' }>>;
  readonly texts?: Readonly<Record<string, { readonly [C in TextCatalogName]?: Readonly<Record<string, string>> }>>;
  readonly elements?: { readonly [E in ElementName]?: boolean };
  readonly features?: OmsorgConfigFeatures;
  readonly api?: { readonly baseUrl?: string };
  readonly auth?: OmsorgConfigAuth;
}
