// BENCH_PROFILE=1 in scripts/bench-sandbox.mjs: a CPU profile of the sandbox's process
// (node:inspector) during one more short LIST run per scheme, summarised by part of the server
// and by the functions with the most self time.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * The part of the server a profiled function belongs to, by its script.
 * @param {{ url: string, functionName: string }} frame
 */
function partOf({ url, functionName }) {
  if (!url) {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(idle)') return 'idle';
    if (functionName === '(program)') return 'V8 and native (program)';
    return 'native';
  }
  if (/node_modules\/(jose|fast-jwt)\/|\/src\/auth\//.test(url)) return 'token and DPoP checks (jose, fast-jwt, auth/; the signature itself is native)';
  if (/node_modules\/(openapi-backend|ajv|ajv-formats|openapi-types|lodash|bath-es5|mock-json-schema|fast-uri)\/|\/src\/api\/contract\.js/.test(url)) return 'contract (openapi-backend, Ajv)';
  if (/node_modules\/(pg|pg-protocol|pg-types|pg-pool|postgres|postgres-[a-z]+|pgpass)\//.test(url)) return 'PostgreSQL drivers (postgres.js; pg for LISTEN)';
  if (/\/packages\/contract\//.test(url)) return 'rules core (@omsorg/contract)';
  if (/\/packages\/sandbox\/src\/db\//.test(url)) return 'sandbox db wrapper';
  if (/\/packages\/sandbox\/src\//.test(url)) return 'sandbox API code';
  if (/^node:/.test(url)) return 'Node internals (http, net, streams, crypto)';
  if (/scripts\/bench-sandbox/.test(url)) return 'the bench itself';
  return 'other';
}

/**
 * Runs `work` under the V8 sampling profiler of this process and prints where the CPU went.
 * @template T
 * @param {string} label
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function profiled(label, work) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  let result;
  try {
    result = await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    summariseProfile(label, /** @type {any} */ (profile));
    // BENCH_PROFILE_OUT=dir: the raw profile too, for a call tree (Chromium's DevTools opens it).
    const dir = process.env.BENCH_PROFILE_OUT;
    if (dir) {
      const file = `${dir}/${label.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`;
      writeFileSync(file, JSON.stringify(profile));
      console.log(`  raw profile: ${file}`);
    }
  }
  return result;
}

/** @param {string} label @param {{ nodes: any[], samples: number[], timeDeltas: number[] }} profile */
function summariseProfile(label, profile) {
  /** @type {Map<number, any>} */
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  /** @type {Map<string, number>} */
  const parts = new Map();
  /** @type {Map<string, number>} */
  const fns = new Map();
  let busy = 0;
  for (const [id, t] of self) {
    const frame = byId.get(id).callFrame;
    const part = partOf(frame);
    if (part === 'idle') continue;
    busy += t;
    parts.set(part, (parts.get(part) ?? 0) + t);
    const where = frame.url ? `${frame.url.replace(/^.*\/(node_modules|packages)\//, '')}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    fns.set(key, (fns.get(key) ?? 0) + t);
  }
  const pct = (/** @type {number} */ t) => `${((100 * t) / (busy || 1)).toFixed(1).padStart(5)} %`;
  console.log(`  profile (${label}): ${(busy / 1000).toFixed(0)} ms of CPU sampled in this process, by part:`);
  for (const [part, t] of [...parts].sort((a, b) => b[1] - a[1])) console.log(`    ${pct(t)}  ${part}`);
  console.log(`  … the 12 functions with the most self time:`);
  for (const [fn, t] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${pct(t)}  ${fn}`);
}
