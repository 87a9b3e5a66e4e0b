// @ts-check
/**
 * The record sources named in a file (records/sources-file.js, `OMSORG_RECORDS=….json`): what a
 * file must say, every problem reported with its place and none of its values, and the sandbox
 * reading Per Hansen's two municipalities from the sources a file names (Bergen on the tables,
 * Askøy on a real FHIR R4 server at the file's `fhirUrl`).
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { recordSources } from '@omsorg/fixtures';
import { startFhirServer } from '../src/fhir/server.js';
import { createFhirRecords } from '../src/records/fhir.js';
import { isFhirEmpty, seedFhir } from '../src/records/fhir-seed.js';
import { openRecords, parseRecordsKind } from '../src/records/open.js';
import { checkRecordSources, MAX_SOURCES, readRecordSourcesFile, RecordSourcesFileError } from '../src/records/sources-file.js';
import { NOW, startTestApi } from './api-helpers.js';

const EXAMPLE = fileURLToPath(new URL('../record-sources.example.json', import.meta.url));
const quiet = { error() {} };
const bergen = { ...recordSources.bergen, adapter: 'sql', home: true };
const askoy = { ...recordSources.askoy, adapter: 'fhir' };

/** @param {unknown} data */
async function problemsOf(data) {
  const checked = await checkRecordSources(data);
  assert.ok('problems' in checked, 'the file is refused');
  return checked.problems;
}

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'omsorg-sources-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** @param {string} name @param {unknown} data */
async function fileWith(name, data) {
  const path = join(dir, name);
  await writeFile(path, typeof data === 'string' ? data : JSON.stringify(data));
  return path;
}

describe('what a record sources file must say', () => {
  it('the example file names the fixtures\' two municipalities, Bergen home on the tables and Askøy on FHIR', async () => {
    const specs = await readRecordSourcesFile(EXAMPLE);
    assert.deepEqual(specs, [
      { source: recordSources.bergen, adapter: 'sql', home: true },
      { source: recordSources.askoy, adapter: 'fhir', home: false },
    ]);
  });

  it('one source is home without saying so', async () => {
    const checked = await checkRecordSources({ sources: [{ ...askoy }] });
    assert.ok('sources' in checked);
    assert.equal(checked.sources[0]?.home, true);
    assert.deepEqual(await problemsOf({ sources: [{ ...askoy, home: false }] }), ['/sources/0: the only source is home: leave "home" out or set it to true']);
  });

  it('reports every problem at once, each at its place, with the contract\'s own rules for a source', async () => {
    const problems = await problemsOf({
      sources: [
        { ...bergen, municipality: { number: '461', name: 'Bergen' } },
        { ...askoy, system: { id: 'askoy epj!', name: '' }, adaptor: 'fhir' },
        { ...askoy, adapter: 'hl7v2' },
        { ...bergen, home: false, fhirUrl: 'https://fhir.example/R4' },
        { ...askoy, fhirUrl: 'ftp://fhir.example/R4' },
      ],
    });
    const at = (/** @type {string} */ place) => problems.filter((p) => p.startsWith(`${place}:`));
    assert.equal(at('/sources/0/municipality/number').length, 1, 'a kommunenummer has four digits');
    assert.equal(at('/sources/1/system/id').length, 1, 'the contract\'s id pattern');
    assert.equal(at('/sources/1/system/name').length, 1, 'a name is not empty');
    assert.deepEqual(at('/sources/1'), ['/sources/1: unknown field "adaptor"']);
    assert.equal(at('/sources/2/adapter').length, 1, 'sql or fhir');
    assert.deepEqual(at('/sources/3'), ['/sources/3: "fhirUrl" is for an adapter "fhir" source only']);
    assert.equal(at('/sources/4/fhirUrl').length, 1, 'an http(s) URL');
    for (const p of problems) assert.doesNotMatch(p, /461|askoy epj|hl7v2|ftp:|fhir\.example/, `no value of the file is echoed: ${p}`);
  });

  it('needs exactly one home among several sources, and each system once', async () => {
    assert.deepEqual(await problemsOf({ sources: [{ ...bergen, home: false }, askoy] }), [
      '/sources: exactly one source must have "home": true (the one that also holds items that name no source); 0 do',
    ]);
    assert.match((await problemsOf({ sources: [bergen, { ...askoy, home: true }] }))[0] ?? '', /exactly one source .* 2 do$/);
    assert.deepEqual(await problemsOf({ sources: [bergen, { ...askoy, system: recordSources.bergen.system }] }), [
      '/sources/1/system/id: the same system id as /sources/0 (each source is its own record system)',
    ]);
  });

  it('needs at least one source and at most the contract\'s 20', async () => {
    assert.match((await problemsOf({ sources: [] }))[0] ?? '', /^\/sources: /);
    assert.match((await problemsOf({}))[0] ?? '', /"sources" is missing/);
    const many = Array.from({ length: MAX_SOURCES + 1 }, (_, i) => ({ ...askoy, system: { id: `epj-${i}`, name: `EPJ ${i}` }, home: i === 0 }));
    assert.match((await problemsOf({ sources: many }))[0] ?? '', /^\/sources: must NOT have more than 20 items/);
  });

  it('a file that cannot be read or is not JSON says so, by place only', async () => {
    await assert.rejects(readRecordSourcesFile(join(dir, 'missing.json')), (err) => err instanceof RecordSourcesFileError && /missing\.json:\n {2}- cannot be read \(ENOENT\)/.test(err.message));
    const broken = await fileWith('broken.json', '{ "sources": [\n  { "adapter": "fhir", }, ] secret-host.internal }');
    await assert.rejects(readRecordSourcesFile(broken), (err) => {
      assert.ok(err instanceof RecordSourcesFileError);
      assert.match(err.message, /is not valid JSON \(line \d+, column \d+\)/);
      assert.doesNotMatch(err.message, /secret-host/);
      return true;
    });
  });

  it('the switch takes a file by its .json name, and still refuses anything else', () => {
    assert.equal(parseRecordsKind('./record-sources.json'), './record-sources.json');
    assert.equal(parseRecordsKind('sql,fhir'), 'sql,fhir');
    assert.throws(() => parseRecordsKind('fhir,fhir'), /one of sql, fhir, sql,fhir, fhir,sql, or a record sources file/);
  });
});

describe('the sandbox on the sources a file names', () => {
  /** @type {{ url: string, close: () => Promise<void> }} */
  let fhir;
  /** @type {Awaited<ReturnType<typeof startTestApi>>[]} */
  const apis = [];
  /** The record systems opened from the files: their development FHIR servers stop with them. */
  /** @type {import('../src/records/index.js').RecordSystem[]} */
  const opened = [];
  before(async () => {
    fhir = await startFhirServer();
  });
  after(async () => {
    for (const api of apis) await api.close();
    for (const records of opened) await records.close();
    await fhir?.close();
  });

  /** The API on the sources `data` names; Askøy's FHIR server holds the test data (the file's servers are never seeded). @param {unknown} data */
  async function apiOn(data) {
    const file = await fileWith(`sources-${apis.length}.json`, data);
    const api = await startTestApi({
      records: async (db) => {
        const askoyServer = createFhirRecords({ baseUrl: fhir.url });
        if (await isFhirEmpty(askoyServer.fhir)) await seedFhir(askoyServer.fhir, db, { now: NOW });
        const { records } = await openRecords(parseRecordsKind(file), { db, fhirFile: join(dir, `fhir-${apis.length}.json`), fresh: true, now: NOW, logger: quiet });
        opened.push(records);
        return records;
      },
    });
    apis.push(api);
    return api;
  }

  it('Per Hansen\'s list holds Bergen\'s visits from the tables and Askøy\'s from the FHIR server the file names', async () => {
    const api = await apiOn({ sources: [bergen, { ...askoy, fhirUrl: fhir.url }] });
    const r = await api.call('/v1/subjects/me/appointments?limit=50', { person: 'per' });
    assert.equal(r.status, 200, r.text);
    const systems = new Set(r.body.items.map((/** @type {any} */ a) => a.source?.system.id));
    assert.deepEqual([...systems].sort(), ['askoy-epj', 'bergen-epj']);
    assert.equal(r.body.unavailableSources, undefined);
  });

  it('a file\'s FHIR server that does not answer is named in the list, Bergen\'s visits still shown', async () => {
    const s = createServer();
    await /** @type {Promise<void>} */ (new Promise((ok) => s.listen(0, '127.0.0.1', () => ok())));
    const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
    await /** @type {Promise<void>} */ (new Promise((ok) => s.close(() => ok())));
    // Only the file says where Askøy's server is: a closed port there proves the file is used.
    const api = await apiOn({ sources: [bergen, { ...askoy, fhirUrl: `http://127.0.0.1:${port}/fhir/R4` }] });
    const r = await api.call('/v1/subjects/me/appointments?limit=50', { person: 'per' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.body.unavailableSources, [recordSources.askoy]);
    assert.ok(r.body.items.length > 0);
    assert.ok(r.body.items.every((/** @type {any} */ a) => a.source.system.id === 'bergen-epj'));
  });

  it('two FHIR sources on development servers: each its own server and file', async () => {
    const n = apis.length;
    const api = await apiOn({ sources: [{ ...bergen, adapter: 'fhir' }, askoy] });
    const r = await api.call('/v1/subjects/me/appointments?limit=50', { person: 'per' });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([...new Set(r.body.items.map((/** @type {any} */ a) => a.source?.system.id))].sort(), ['askoy-epj', 'bergen-epj']);
    // Each development server keeps its resources in a file named by its source (one shared file
    // would have each server overwrite the other's).
    const kept = await Promise.all(['bergen-epj', 'askoy-epj'].map((id) => readFile(join(dir, `fhir-${n}-${id}.json`), 'utf8').then((t) => JSON.parse(t).length)));
    assert.ok(kept.every((count) => count > 0), `both files hold resources: ${kept}`);
  });
});
