/**
 * The text every omsorg element shows when the page's configuration file cannot be used
 * (unavailable.ts): bokmål here, nynorsk and English in the `.nn.ts` and `.en.ts` modules beside
 * it. Its own catalog, so only a page with a bad file downloads it.
 */
import { catalog } from '../internal/messages.js';

export const messages = catalog(
  'unavailable',
  {
    text: 'Denne tjenesten er ikke tilgjengelig akkurat nå. Prøv igjen senere, eller kontakt kommunen.',
  },
  { nn: () => import('./unavailable.messages.nn.js'), en: () => import('./unavailable.messages.en.js') },
);

export type UnavailableMessages = (typeof messages)['nb'];
