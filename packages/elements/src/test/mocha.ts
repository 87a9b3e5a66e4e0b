/**
 * Typed handles on mocha's globals. The repo has no @types/mocha (tsconfig `types: []`), and a
 * global declaration here would clash once it is added; module-scoped imports cannot clash.
 */
type Fn = (this: unknown) => void | Promise<unknown>;
interface MochaGlobals {
  describe(name: string, body: () => void): void;
  it(name: string, body: Fn): void;
  beforeEach(body: Fn): void;
  afterEach(body: Fn): void;
}
const g = globalThis as unknown as MochaGlobals;
export const describe: MochaGlobals['describe'] = (...a) => g.describe(...a);
export const it: MochaGlobals['it'] = (...a) => g.it(...a);
export const beforeEach: MochaGlobals['beforeEach'] = (...a) => g.beforeEach(...a);
export const afterEach: MochaGlobals['afterEach'] = (...a) => g.afterEach(...a);
