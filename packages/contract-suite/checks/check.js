// @ts-check
/**
 * The shape of one check, shared by the check groups (checks/*.js) and the harness that registers
 * them, so neither imports the other for it.
 *
 * @typedef {object} Check
 * @property {string} title
 * @property {import('../targets.js').Role[]} [needs] persons beyond `self`
 * @property {(caps: import('../targets.js').Capabilities) => string | undefined} [unless] a reason not to run on this target
 * @property {(ctx: import('../client.js').Context, t: import('node:test').TestContext) => Promise<void>} run
 */
export {};
