/**
 * The "unavailable" text in nynorsk. Bokmål, and the shape every language follows, are in
 * unavailable.messages.ts; this module is imported only where an element renders in nynorsk.
 */
export default {
  text: 'Denne tenesta er ikkje tilgjengeleg akkurat no. Prøv igjen seinare, eller kontakt kommunen.',
};
