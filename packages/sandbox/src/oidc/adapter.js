// @ts-check
/**
 * oidc-provider's storage in the sandbox database (table oidc_payloads, migration 003) instead
 * of its in-memory adapter, so that two sandbox instances behind one port are one provider: a
 * sign-in whose steps (authorization, the login page, the code exchange, sign-out) reach
 * different instances finds its interaction, session, code and grant in either. The provider's
 * signing and cookie keys are already shared: they are files in the data directory.
 *
 * The interface is oidc-provider's adapter (upsert, find, findByUid, findByUserCode, consume,
 * destroy, revokeByGrantId); payloads are stored as JSON, as the provider hands them over.
 * Expired rows are never returned and are deleted on the way (at most once a minute).
 */

/** Seconds the provider's clock may differ (as the in-memory adapter's tolerance before). */
const CLOCK_TOLERANCE_SEC = 15;
/** The models a grant's revocation removes (as in oidc-provider's in-memory adapter). */
const GRANTABLE = ['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest', 'PreAuthorizedCode'];

/**
 * @param {import('../db/types.js').Queryable} db
 * @param {{ now?: () => number }} [o] clock in ms
 * @returns {(model: string) => any} oidc-provider's `adapter` option
 */
export function createDatabaseAdapter(db, { now = Date.now } = {}) {
  let nextCleanup = 0;
  const cleanup = async () => {
    const t = now();
    if (t < nextCleanup) return;
    nextCleanup = t + 60_000;
    await db.query('DELETE FROM oidc_payloads WHERE expires_at < $1', [new Date(t)]);
  };

  /**
   * @param {string} where
   * @param {unknown[]} params
   */
  const findOne = async (where, params) => {
    const { rows } = await db.query(
      `SELECT payload, extract(epoch FROM consumed_at)::float8 AS consumed FROM oidc_payloads
        WHERE ${where} AND (expires_at IS NULL OR expires_at > $${params.length + 1})`,
      [...params, new Date(now())],
    );
    const r = rows[0];
    if (!r) return undefined;
    const payload = typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload;
    return r.consumed === null ? payload : { ...payload, consumed: Math.floor(r.consumed) };
  };

  return (model) => ({
    /** @param {string} id @param {Record<string, any>} payload @param {number} [expiresIn] seconds */
    async upsert(id, payload, expiresIn) {
      await cleanup();
      const expiresAt = typeof expiresIn === 'number' ? new Date(now() + (expiresIn + CLOCK_TOLERANCE_SEC) * 1000) : null;
      await db.query(
        `INSERT INTO oidc_payloads (model, id, payload, grant_id, user_code, uid, expires_at)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7)
         ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id,
           user_code = EXCLUDED.user_code, uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
        [model, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, expiresAt],
      );
    },
    /** @param {string} id */
    find: (id) => findOne('model = $1 AND id = $2', [model, id]),
    /** @param {string} uid */
    findByUid: (uid) => findOne('model = $1 AND uid = $2', [model, uid]),
    /** @param {string} userCode */
    findByUserCode: (userCode) => findOne('model = $1 AND user_code = $2', [model, userCode]),
    /** @param {string} id */
    async consume(id) {
      await db.query('UPDATE oidc_payloads SET consumed_at = now() WHERE model = $1 AND id = $2', [model, id]);
    },
    /** @param {string} id */
    async destroy(id) {
      await db.query('DELETE FROM oidc_payloads WHERE model = $1 AND id = $2', [model, id]);
    },
    /** @param {string} grantId */
    async revokeByGrantId(grantId) {
      await db.query('DELETE FROM oidc_payloads WHERE grant_id = $1 AND model = ANY($2::text[])', [grantId, GRANTABLE]);
    },
  });
}
