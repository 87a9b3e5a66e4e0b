// @ts-check
/**
 * Registers the checks as node:test tests against the target named by OMSORG_CONTRACT_TARGET
 * (default `mocks`). The target starts in a `before` hook and closes after the last check.
 * A check that needs a person the target does not have (say OMSORG_OTHER_TOKEN is not set) is
 * not registered at all; `notRun()` lists those with the reason (run.mjs prints them).
 */
import { after, before, describe, it } from 'node:test';
import { createContext } from './client.js';
import { capabilities, createTarget, TARGET_ENV } from './targets.js';
import { checks as reads } from './checks/reads.js';
import { checks as errors } from './checks/errors.js';
import { checks as access } from './checks/access.js';
import { checks as cancel } from './checks/cancel.js';
import { checks as messages } from './checks/messages.js';
import { checks as hardening } from './checks/hardening.js';
import { checks as cors } from './checks/cors.js';
import { checks as consent } from './checks/consent.js';
import { checks as accessLog } from './checks/access-log.js';
import { checks as relatives } from './checks/relatives.js';
import { checks as notices } from './checks/notices.js';
import { checks as figures } from './checks/figures.js';
import { checks as series } from './checks/series.js';

/** @typedef {import('./checks/check.js').Check} Check */

/** Every group of checks, by the test file that registers it. */
export const groups = Object.freeze({ reads, errors, access, cancel, messages, consent, relatives, notices, accessLog, figures, series, hardening, cors });

/** @param {string} [name] */
export const targetName = (name = process.env[TARGET_ENV]) => name || 'mocks';

/**
 * The checks to run on a target, and those not run with the reason.
 * @param {readonly Check[]} checks
 * @param {import('./targets.js').Capabilities} caps
 */
export function plan(checks, caps) {
  /** @type {Check[]} */
  const run = [];
  /** @type {{ title: string, why: string }[]} */
  const notRun = [];
  for (const c of checks) {
    const missing = (c.needs ?? []).filter((r) => !caps.roles.includes(r));
    const why = missing.length
      ? `needs the ${missing.join(' and ')} person${caps.name === 'external' ? ` (${missing.map((r) => `OMSORG_${r.toUpperCase()}_TOKEN`).join(', ')} not set)` : ''}`
      : c.unless?.(caps);
    if (why) notRun.push({ title: c.title, why });
    else run.push(c);
  }
  return { run, notRun };
}

/**
 * The checks of every group that will not run on a target.
 * @param {string} name
 * @param {NodeJS.ProcessEnv} [env]
 */
export function notRun(name, env = process.env) {
  const caps = capabilities(name, env);
  return Object.entries(groups).flatMap(([group, checks]) => plan(checks, caps).notRun.map((n) => ({ group, ...n })));
}

/**
 * Registers every group of checks against the chosen target, which starts once for them all
 * (one sandbox, one database: each changing check takes its own appointment).
 * @param {{ target?: string, only?: readonly (keyof typeof groups)[] }} [o]
 */
export function registerSuite({ target, only } = {}) {
  const name = targetName(target);
  const caps = capabilities(name);
  // run.mjs prints these once per target; a bare `node --test` run says it here.
  if (!process.env.OMSORG_CONTRACT_RUNNER) for (const n of notRun(name)) console.log(`not run on ${name}: [${n.group}] ${n.title}: ${n.why}`);
  describe(`contract [${name}]`, () => {
    /** @type {import('./client.js').Context | undefined} */
    let ctx;
    before(async () => {
      ctx = createContext(await createTarget(name));
    });
    after(async () => {
      await ctx?.target.close();
    });
    for (const [group, checks] of Object.entries(groups)) {
      if (only && !only.includes(/** @type {keyof typeof groups} */ (group))) continue;
      describe(group, () => {
        for (const c of plan(checks, caps).run) {
          it(c.title, (t) => {
            if (!ctx) throw new Error(`the ${name} target did not start`);
            return c.run(ctx, t);
          });
        }
      });
    }
  });
}
