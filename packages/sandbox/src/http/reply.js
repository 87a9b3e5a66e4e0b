// @ts-check
/**
 * The shape every handler answers with, before it is written to the wire. A module of its own so
 * that the operations' files and the router do not import each other for a type.
 * @typedef {object} Reply
 * @property {number} status
 * @property {Record<string, string>} headers
 * @property {unknown} body JSON, a Buffer (a download) or undefined (204, 304)
 * @property {string} [text] `JSON.stringify(body)` when the handler made it already (a list's
 *   weak ETag is a digest of it): sent as it is, not serialised again
 */

export {};
