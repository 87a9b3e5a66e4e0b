// @ts-check
/** SQL names the sandbox builds into statements: schemas and roles (lower case, no quoting tricks). */

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The name in double quotes, or a TypeError for anything but `[a-z_][a-z0-9_]*` (≤ 63).
 * @param {string} schema
 */
export function quoteSchema(schema) {
  if (!NAME.test(schema)) throw new TypeError(`not a valid schema name: ${schema}`);
  return `"${schema}"`;
}
