/** The elements' version; `define` compares it with an already registered copy. */
export const VERSION = '0.1.0';
