/**
 * Northern Sami (davvisámegiella): a STUB that proves the path for a language the elements do
 * not ship. It has a few texts only; every other text is shown in bokmål, with one console
 * warning per element. A municipality that offers Northern Sami gets the whole catalogue
 * translated and checked by a translator before use; these words have not been.
 *
 *   // registerLocale and setTexts come from @omsorg/elements (or the CDN module)
 *   // se comes from @omsorg/elements/locales/se.js
 *   registerLocale('se');
 *   setTexts('se', se);
 */
import type { OmsorgTexts } from '../internal/texts.js';

export const se: OmsorgTexts = {
  common: {
    retry: 'Geahččal ođđasit',
    signIn: 'Čáli sisa',
  },
  login: {
    signIn: 'Čáli sisa',
    signOut: 'Čáli olggos',
  },
};
