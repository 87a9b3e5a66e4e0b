// @ts-check
/**
 * Who is calling the API, and for whom (index.js asks, the operations use the answer):
 * `authenticate` turns the token verifier's result into the caller's token, or its refusal into
 * a problem (401 with its WWW-Authenticate, as the verifier said), then the API's own token rules
 * (session.js); `actingFor` takes the person the token names and gives the request's
 * `access` (the subject in the path, checked against the database on every request: own
 * subject, or a live grant with the needed scope; otherwise a logged 404 or 403) and `log`
 * (one access-log row, with the caller's role towards the subject).
 */
import { accessLogNotOwn, subjectRefPattern } from '@omsorg/contract';
import { ProblemError, problemKeyOf } from './problems.js';
import { checkSession } from './session.js';
import { logAccess, roleOf, selfAccess, subjectsFor } from '../data/store.js';

/** @typedef {import('./index.js').VerifiedToken} VerifiedToken */
/** @typedef {import('../data/store.js').AccessLogEntry} AccessLogEntry */

/**
 * @param {object} o
 * @param {import('../db/index.js').Database} o.db
 * @param {import('./index.js').TokenVerifier} o.verifier
 * @param {() => Date} o.now
 * @param {string | undefined} o.publicOrigin the origin clients call (for DPoP `htu`), else from the Host header
 * @param {string} o.requiredScope
 * @param {number} o.maxSessionAgeSec
 * @param {(entry: AccessLogEntry) => Promise<void>} o.appendLog the access-log rows written on their own
 */
export function createCallers({ db, verifier, now, publicOrigin, requiredScope, maxSessionAgeSec, appendLog }) {
  /**
   * The caller's token, and the time the request is answered at. Everything under /v1 needs a
   * valid token, as in the mocks.
   * @param {import('node:http').IncomingMessage} req
   * @param {string} method
   * @returns {Promise<{ token: VerifiedToken, at: Date }>}
   */
  async function authenticate(req, method) {
    /** @type {VerifiedToken} */
    let token;
    try {
      const origin = publicOrigin ?? `http://${req.headers.host ?? 'localhost'}`;
      token = await verifier.verify({ method, url: new URL(req.url ?? '/', origin).href, headers: req.headers });
    } catch (err) {
      const e = /** @type {{ status?: number, type?: string, detail?: string, wwwAuthenticate?: string }} */ (err);
      if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
        const key = problemKeyOf(e.type) ?? 'unauthorized';
        throw new ProblemError(e.status, key, e.detail ?? 'No valid access token.', {
          headers: e.wwwAuthenticate ? { 'WWW-Authenticate': e.wwwAuthenticate } : {},
        });
      }
      throw err;
    }
    const at = now();
    checkSession(token, { now: at, requiredScope, maxSessionAgeSec });
    return { token, at };
  }

  /**
   * The signed-in person (403 when not known here), and the request's access check and log.
   * @param {import('../records/index.js').PersonRecord | undefined} found the person the token names
   * @param {object} o
   * @param {string | null} o.clientId the token's client
   * @param {string} o.today the request's date in Oslo
   * @param {string} o.subjectRef the path's subject (`me`, an id, or '' for none)
   * @param {import('./problems.js').ProblemSpec | null} o.unknownQuery a query parameter the
   *   operation does not take (rules core: paging.ts), refused once the subject is known
   */
  function actingFor(found, { clientId, today, subjectRef, unknownQuery }) {
    if (!found) throw new ProblemError(403, 'forbidden', 'The signed-in person is not known to this service.');
    const person = { id: found.id, name: found.name };
    const self = selfAccess(found);

    // The caller's role towards the request's subject (and a relative's relation): their own until
    // `access` has looked up the subject in the path.
    let role = roleOf(self);
    /**
     * @param {Omit<AccessLogEntry, 'actorPersonId' | 'clientId'>} e
     * @param {import('../db/index.js').Queryable} [q]
     */
    const log = (e, q = db) => {
      const entry = { ...role, ...e, actorPersonId: person.id, clientId };
      return q === db ? appendLog(entry) : logAccess(q, entry);
    };

    /**
     * The subject in the path, when the caller may act for it with `scope`; else a logged 404/403.
     * `selfOnly`: only the person themselves, whatever a relative's scopes (the access log).
     * @param {'appointments.read' | 'appointments.cancel' | 'services.read' | 'messages' | null} scope
     * @param {{ action: AccessLogEntry['action'], resource: AccessLogEntry['resource'], resourceId?: string | null }} what
     * @param {{ selfOnly?: boolean }} [o]
     */
    async function access(scope, what, { selfOnly = false } = {}) {
      const ref = subjectRef;
      // The caller's own subject came with the person (one query less); grants are looked up.
      const own = ref === 'me' || (ref !== '' && ref === self?.id);
      const found = own ? self : subjectRefPattern.test(ref) ? (await subjectsFor(db, person.id, today, ref))[0] : undefined;
      role = roleOf(found);
      // The same answer for "does not exist" and "not yours": no existence leaks.
      if (!found) {
        await log({ ...what, subjectId: ref === 'me' ? null : ref, outcome: 'denied', status: 404 });
        throw new ProblemError(404, 'notFound', 'No such subject.');
      }
      if (selfOnly && found.relation.code !== 'self') {
        await log({ ...what, subjectId: found.id, outcome: 'denied', status: 403 });
        throw ProblemError.from(accessLogNotOwn);
      }
      if (scope !== null && !found.scopes.includes(scope)) {
        await log({ ...what, subjectId: found.id, outcome: 'denied', status: 403 });
        throw new ProblemError(403, 'forbidden', `Your access to this subject lacks ${scope}.`);
      }
      if (unknownQuery) {
        await log({ ...what, subjectId: found.id, outcome: 'refused', status: 400 });
        throw ProblemError.from(unknownQuery);
      }
      return found;
    }

    return { person, log, access };
  }

  return { authenticate, actingFor };
}
