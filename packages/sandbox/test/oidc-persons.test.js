// @ts-check
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  findPerson,
  hasValidPidCheckDigits,
  isValidSyntheticPid,
  makeSyntheticPid,
  mockPersonIds,
  testPersons,
} from '../src/oidc/persons.js';

/**
 * The persons of @omsorg/fixtures (which the mocks and the seed use): from its build when there
 * is one, else read from its source.
 * @returns {Promise<{ id: string, name: string }[]>}
 */
async function mockPersons() {
  try {
    const fixtures = await import('@omsorg/fixtures');
    return Object.values(fixtures.persons);
  } catch {
    const src = await readFile(fileURLToPath(new URL('../../fixtures/src/fixtures.ts', import.meta.url)), 'utf8');
    const block = /export const persons[^=]*=\s*\{([\s\S]*?)\n\};/.exec(src)?.[1];
    assert.ok(block, 'persons not found in packages/fixtures/src/fixtures.ts');
    return [...block.matchAll(/\{\s*id:\s*'([^']+)',\s*name:\s*'([^']+)'\s*\}/g)].map((m) => ({ id: String(m[1]), name: String(m[2]) }));
  }
}

test('the test persons are the persons of @omsorg/fixtures (same ids and names), plus Test Testesen and a manager', async () => {
  const mocks = await mockPersons();
  assert.equal(mocks.length, 3);
  for (const m of mocks) {
    const p = findPerson(testPersons, m.id);
    assert.ok(p, `${m.id} missing from the login persons`);
    assert.equal(p.name, m.name);
  }
  assert.deepEqual([...mockPersonIds].sort(), mocks.map((m) => m.id).sort());
  const extra = testPersons.filter((p) => !mockPersonIds.includes(p.id));
  assert.deepEqual(extra.map((p) => p.name), ['Test Testesen', 'Liv Lederstad (ledelse)']);
  // Only the manager carries a role; no citizen does.
  assert.deepEqual(testPersons.filter((p) => p.roles?.length).map((p) => [p.id, p.roles]), [['psn-leder-5c2e', ['management']]]);
  assert.ok(testPersons.filter((p) => mockPersonIds.includes(p.id)).every((p) => !p.roles));
  assert.equal(new Set(testPersons.map((p) => p.id)).size, testPersons.length, 'ids are unique');
  assert.equal(new Set(testPersons.map((p) => p.pid)).size, testPersons.length, 'pids are unique');
});

test('every test person has a synthetic pid with valid check digits', () => {
  for (const p of testPersons) {
    assert.match(p.pid, /^\d{11}$/);
    assert.ok(hasValidPidCheckDigits(p.pid), `${p.name}: check digits`);
    assert.ok(isValidSyntheticPid(p.pid), `${p.name}: synthetic`);
    const month = Number(p.pid.slice(2, 4));
    assert.ok(month >= 81 && month <= 92, `${p.name}: month + 80`);
  }
});

/**
 * The check digits computed independently of persons.js (k1, k2 per the published formula).
 * @param {string} nine the first nine digits
 */
function independentPid(nine) {
  const d = /** @type {[number, number, number, number, number, number, number, number, number]} */ ([...nine].map(Number));
  const mod = (/** @type {number} */ s) => (11 - (s % 11)) % 11;
  const k1 = mod(3 * d[0] + 7 * d[1] + 6 * d[2] + 1 * d[3] + 8 * d[4] + 9 * d[5] + 4 * d[6] + 5 * d[7] + 2 * d[8]);
  if (k1 === 10) return undefined;
  const k2 = mod(5 * d[0] + 4 * d[1] + 3 * d[2] + 2 * d[3] + 7 * d[4] + 6 * d[5] + 5 * d[6] + 4 * d[7] + 3 * d[8] + 2 * k1);
  if (k2 === 10) return undefined;
  return `${nine}${k1}${k2}`;
}

test('check digits agree with an independent computation', () => {
  let checked = 0;
  for (let i = 0; i < 2000; i++) {
    const nine = String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
    const pid = independentPid(nine);
    if (!pid) continue;
    checked++;
    assert.ok(hasValidPidCheckDigits(pid), pid);
    const wrong = pid.slice(0, 10) + String((Number(pid[10]) + 1) % 10);
    assert.equal(hasValidPidCheckDigits(wrong), false, wrong);
  }
  assert.ok(checked > 1000);
  for (const p of testPersons) assert.equal(independentPid(p.pid.slice(0, 9)), p.pid, p.name);
});

test('check digits: any single changed digit makes the number invalid', () => {
  const pid = '14833840127';
  for (let i = 0; i < pid.length; i++) {
    const d = Number(pid[i]);
    const changed = pid.slice(0, i) + String((d + 1) % 10) + pid.slice(i + 1);
    assert.equal(hasValidPidCheckDigits(changed), false, `digit ${i} changed: ${changed}`);
  }
  // Same digits with the real month (month - 80) and recomputed check digits: refused as not
  // synthetic (built in memory only; no real-form number is kept in the code).
  const realForm = independentPid('1403' + '38' + '401');
  assert.ok(realForm && hasValidPidCheckDigits(realForm));
  assert.ok(!isValidSyntheticPid(realForm), 'a number with a real month is not synthetic');
});

test('isValidSyntheticPid refuses malformed input and impossible dates', () => {
  for (const bad of [undefined, null, 14833840127, '', '1483384012', '148338401270', '1483384012a', ' 14833840127']) {
    assert.equal(isValidSyntheticPid(bad), false, String(bad));
  }
  // 31 February (month 2 + 80), 00th day, month 93: refused even with good check digits.
  for (const [day, month] of /** @type {[number, number][]} */ ([[31, 2], [0, 5]])) {
    for (let ind = 100; ind < 140; ind++) {
      const pid = makeSyntheticPid({ day, month, year: 50, individual: ind });
      if (pid) {
        assert.ok(hasValidPidCheckDigits(pid));
        assert.equal(isValidSyntheticPid(pid), false, pid);
        break;
      }
    }
  }
});

test('makeSyntheticPid builds the numbers in the list', () => {
  assert.equal(makeSyntheticPid({ day: 14, month: 3, year: 38, individual: 401 }), '14833840127');
  assert.equal(makeSyntheticPid({ day: 22, month: 9, year: 66, individual: 240 }), '22896624028');
  // 29 February of year 00: individual numbers 500-749 give 2000 (a leap year), 000-499 give
  // 1900 (not one), so only the first are valid.
  let made = 0;
  let refused = 0;
  for (let ind = 0; ind < 700; ind++) {
    const pid = makeSyntheticPid({ day: 29, month: 2, year: 0, individual: ind });
    if (pid) {
      made++;
      assert.equal(isValidSyntheticPid(pid), ind >= 500, pid);
      if (ind < 500) refused++;
    }
  }
  assert.ok(made > 300, 'most individual numbers give valid check digits');
  assert.ok(refused > 100, '29 February 1900 refused');
});
