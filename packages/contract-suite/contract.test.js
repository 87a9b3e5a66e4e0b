// @ts-check
/**
 * The omsorg contract suite (checks/*.js) against the target named by OMSORG_CONTRACT_TARGET:
 * `mocks` (default), `sandbox` or `external` (OMSORG_BASE_URL, OMSORG_TOKEN[, OMSORG_OTHER_TOKEN]).
 * Run it with `node packages/contract-suite/run.mjs --target …` (see README.md).
 */
import { registerSuite } from './harness.js';

registerSuite();
