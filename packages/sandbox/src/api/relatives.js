// @ts-check
/**
 * Relatives' access, the person themselves only (a relative acting for them: 403):
 * `listRelativesAccess`: token → subject (404) → self (403) → who may act for the person and
 * whom they may act for. `lookUpPerson`: → self → JSON (415/400) → the body (400) → the name,
 * or 404 for a number no one has and for a confidential address alike. `grantRelativeAccess`: →
 * self → a sign-in at most 300 s old (403 step-up-required) → Idempotency-Key (400) → JSON →
 * replay or key reuse (422) → the body's shape (400) → the rules core's `checkGrant`, answered by
 * `grantProblem` (403 giver-too-young, 400 fields, 404, 400 self, 422 relative-too-young) → the
 * grant, in one transaction that claims the key. `revokeRelativeAccess`: → self → step-up → the
 * grant (404; a parent's: 403) → revoked_at set. Every request reads the grants (data/store.js
 * `subjectsFor`), so the relative's next request after a revocation is refused.
 */
import {
  checkGrant,
  checkIdempotencyKey,
  findableRelative,
  grantProblem,
  invalid as invalidSpec,
  isRecentSignIn,
  readJson,
  relativeAccessFingerprint,
  relativeNotFound,
  stepUpProblem,
  validatePersonLookup,
  validateRelativeAccessRequest,
} from '@omsorg/contract';
import { ProblemError, orThrow } from './problems.js';
import { whileInFlight } from './in-flight.js';
import { claimKey, json, rememberAnswer, sha256 } from './message-kit.js';
import { birthDateOfPerson, findByNumber, findGrant, insertGrant, listRelativesAccess, revokeGrant, rowIdOf, toRelativeAccess } from '../data/relatives.js';

export const RELATIVES_OPERATIONS = new Set(['listRelativesAccess', 'grantRelativeAccess', 'revokeRelativeAccess', 'lookUpPerson']);

/**
 * @typedef {import('./message-kit.js').MessageContext & { authTime: number | undefined, scheme: 'Bearer' | 'DPoP' }} RelativesContext
 */

/**
 * @param {string} operationId
 * @param {RelativesContext} c
 * @returns {Promise<import('../http/reply.js').Reply>}
 */
export async function relativesOperation(operationId, c) {
  const { db, person, at, today } = c;
  const what =
    operationId === 'lookUpPerson'
      ? { action: 'read', resource: 'person-lookup' }
      : { action: operationId === 'listRelativesAccess' ? 'read' : operationId === 'grantRelativeAccess' ? 'create' : 'revoke', resource: 'relatives-access' };
  // Every scope is the person's own: a relative lacking one gets the same 403 as one holding all.
  const subject = await c.access(/** @type {'messages'} */ ('appointments.read'), what);
  /** @param {any} [extra] @param {number} status @param {import('../db/index.js').Queryable} [q] */
  const ok = (status, q, extra = {}) => c.log({ ...what, ...extra, subjectId: subject.id, outcome: extra.outcome ?? 'ok', status }, q);
  try {
    if (subject.relation.code !== 'self') throw new ProblemError(403, 'forbidden', 'Only the person themselves sees and changes who may act for them.');
    const stepUp = () => {
      if (!isRecentSignIn(c.authTime === undefined ? undefined : new Date(c.authTime * 1000), at)) throw ProblemError.from(stepUpProblem(c.scheme));
    };
    /** The JSON body, as the rules core reads it (415, 400). */
    const readBody = async () => {
      const body = await c.body();
      if (body.tooLarge) throw ProblemError.from(invalidSpec('The body is too large.', [{ pointer: '', code: 'too-long' }]));
      const read = readJson(body.text, c.header('content-type'));
      if ('problem' in read) throw ProblemError.from(read.problem);
      return read.value;
    };

    switch (operationId) {
      case 'listRelativesAccess': {
        const list = await listRelativesAccess(db, subject.id, person.id, today);
        await ok(200);
        return json(list);
      }

      case 'lookUpPerson': {
        const body = await readBody();
        const errors = validatePersonLookup(body);
        if (errors.length) throw ProblemError.from(invalidSpec('The look-up is not valid.', errors));
        const found = await findByNumber(db, /** @type {{ nationalIdentityNumber: string }} */ (body).nationalIdentityNumber);
        const relative = findableRelative(found);
        if (!relative || !found) throw ProblemError.from(relativeNotFound);
        await ok(200, db, { resourceId: found.id });
        return json({ name: found.name });
      }

      case 'grantRelativeAccess': {
        stepUp();
        const key = orThrow(checkIdempotencyKey(c.header('idempotency-key')));
        const body = await readBody();
        const hash = sha256(relativeAccessFingerprint(subject.id, body));
        return await whileInFlight(db, person.id, key, () =>
          db.transaction(async (tx) => {
            const replay = await claimKey(tx, person.id, key, hash);
            if (replay) {
              await ok(replay.status, tx, { outcome: 'replayed' });
              return json(replay.body, replay.status);
            }
            const errors = validateRelativeAccessRequest(body);
            if (errors.length) throw ProblemError.from(invalidSpec('The access is not valid.', errors));
            const request = /** @type {import('@omsorg/contract').RelativeAccessInput} */ (body);
            const found = await findByNumber(tx, request.nationalIdentityNumber);
            const giverBirthDate = await birthDateOfPerson(tx, person.id);
            const refusals = checkGrant(
              request,
              // Without a date of birth in the register the giver's age cannot be shown: too young.
              { giverId: person.id, giverBirthDate: giverBirthDate ?? '9999-12-31', relative: findableRelative(found) },
              today,
              { authTime: c.authTime === undefined ? undefined : new Date(c.authTime * 1000), now: at },
            );
            const refused = grantProblem(refusals);
            if (refused) throw ProblemError.from(refused);
            const rowId = await insertGrant(tx, {
              subjectId: subject.id,
              granteeId: /** @type {NonNullable<typeof found>} */ (found).id,
              grantedBy: person.id,
              scopes: request.scopes,
              start: request.period.start,
              end: request.period.end,
              at,
            });
            const access = toRelativeAccess(await findGrant(tx, subject.id, rowId), today);
            await rememberAnswer(tx, person.id, key, { status: 201, body: access });
            await ok(201, tx, { resourceId: access.id });
            return json(access, 201);
          }),
        );
      }

      case 'revokeRelativeAccess': {
        stepUp();
        const rowId = rowIdOf(c.params.accessId ?? '');
        return await db.transaction(async (tx) => {
          const row = rowId === undefined ? undefined : await findGrant(tx, subject.id, rowId);
          if (!row || rowId === undefined) throw new ProblemError(404, 'notFound', 'No such access.');
          if (row.relation_code === 'CHILD') throw new ProblemError(403, 'forbidden', 'A parent\'s access follows the population register and the child\'s age; it is not taken back here.');
          await revokeGrant(tx, rowId, person.id, at);
          const access = toRelativeAccess(await findGrant(tx, subject.id, rowId), today);
          await ok(200, tx, { resourceId: access.id });
          return json(access);
        });
      }

      default:
        throw new ProblemError(404, 'notFound', `No route for ${operationId}.`);
    }
  } catch (err) {
    if (err instanceof ProblemError) await c.log({ ...what, subjectId: subject.id, outcome: err.status === 404 ? 'not-found' : 'refused', status: err.status });
    throw err;
  }
}
