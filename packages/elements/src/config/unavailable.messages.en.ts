/**
 * The "unavailable" text in English. Bokmål, and the shape every language follows, are in
 * unavailable.messages.ts; this module is imported only where an element renders in English.
 */
export default {
  text: 'This service is not available right now. Please try again later, or contact the municipality.',
};
