/**
 * Texts the host owns: a municipality's own words (its name for a service, its opening hours, a
 * friendlier heading) over the elements' texts, and languages the elements do not ship (Northern
 * Sami, `se`). Type-checked from npm; the CDN module exports the same two functions.
 *
 *   // registerLocale and setTexts come from @omsorg/elements (or the CDN module)
 *   setTexts('nb', { 'appointment-list': { heading: 'Besøk fra kommunen' } });
 *   registerLocale('se');                       // lang="se" now follows these texts
 *   setTexts('se', { common: { signIn: 'Čálit sisa' } });
 *
 * A text where the element has a string is a string; one where it has a function is a function
 * with the same arguments. Unknown keys and wrong kinds are left out with one console warning. A
 * registered language's missing keys are shown in its base language (bokmål), with one warning
 * per element. Host texts are rendered as text, never as markup.
 */
import type { AccessLogMessages } from '../access-log/access-log.messages.js';
import type { AppointmentListMessages } from '../appointment-list/appointment-list.messages.js';
import type { CancelDialogMessages } from '../cancel-dialog/cancel-dialog.messages.js';
import type { ComposerMessages } from '../composer/composer.messages.js';
import type { ConsentPanelMessages } from '../consent-panel/consent-panel.messages.js';
import type { InboxMessages } from '../inbox/inbox.messages.js';
import type { LoginMessages } from '../login/login.messages.js';
import type { MessageThreadMessages } from '../message-thread/message-thread.messages.js';
import type { ServiceListMessages } from '../service-list/service-list.messages.js';
import type { Locale } from './locale.js';
import { addHostTexts, type CommonMessages, type HostTexts } from './messages.js';

export { registerLocale } from './locale.js';

/** Each element's catalog of texts, by the name `setTexts` uses for it. */
export interface OmsorgTextCatalogs {
  common: CommonMessages;
  'access-log': AccessLogMessages;
  'appointment-list': AppointmentListMessages;
  'cancel-dialog': CancelDialogMessages;
  composer: ComposerMessages;
  'consent-panel': ConsentPanelMessages;
  inbox: InboxMessages;
  login: LoginMessages;
  'message-thread': MessageThreadMessages;
  'service-list': ServiceListMessages;
}

/** A host's text for a key: a string, or for a text with arguments, a function of them. */
export type OmsorgText<V> = V extends (...args: infer A) => infer R ? (...args: A) => R | string : string;

/** The texts a host sets for one language: any keys of any catalog. */
export type OmsorgTexts = {
  readonly [C in keyof OmsorgTextCatalogs]?: { readonly [K in keyof OmsorgTextCatalogs[C]]?: OmsorgText<OmsorgTextCatalogs[C][K]> };
};

/**
 * Changes or adds texts for a language: `nb`, `nn`, `en`, or one from `registerLocale`. Later
 * calls add to earlier ones; elements on the page render again with them.
 */
export function setTexts(lang: Locale | (string & {}), texts: OmsorgTexts): void {
  addHostTexts(lang, texts as HostTexts);
}
