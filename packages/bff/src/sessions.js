// @ts-check
/**
 * Sessions in the database: idle at most `idleMs` since the last request, and never older
 * than `absoluteMs` from the provider's `auth_time`. A session past either limit is deleted
 * when it is next looked at (and by `sweep`). Sign-ins in progress live 10 minutes.
 *
 * Rows read are kept in this process while it listens for changes (`LISTEN`; migration 002's
 * trigger announces a deleted row or new tokens, from whichever process): a proxied read then
 * costs no database round trip. The trade: a sign-out at another process reaches this one a few
 * milliseconds later, so reads already on their way in that window are still answered. The
 * session state (`/session`) and every write read the row itself, and without a listening
 * connection nothing is kept.
 */
import { boundedMap } from './bounded.js';
import { keptWhileListening } from './kept.js';
import { idOf, newToken, seal, unseal } from './seal.js';

export const IDLE_MS = 30 * 60_000;
export const ABSOLUTE_MS = 120 * 60_000;
export const LOGIN_MS = 10 * 60_000;
/** A request moves `last_seen` only when it is older than this (one write per window, not per request). */
const TOUCH_MS = 15_000;
/** Unsealed secrets kept by session id while the sealed text in the row stays the same. */
const OPENED_CACHE_SIZE = 2000;
/** Session rows kept by id, while this process hears of changes. */
const KEPT_SIZE = 2000;
/** A kept row is read again after this long even if nothing was heard: a bound, should a notice be lost. */
const KEPT_MS = 60_000;
/** The channel migration 002's trigger notifies with a session id. */
export const SESSIONS_CHANNEL = 'omsorg_bff_sessions';

/**
 * @typedef {object} SessionSecrets
 * @property {string} accessToken
 * @property {string | undefined} refreshToken
 * @property {string} tokenType
 * @property {string} name display name
 * @property {string} sub the provider's subject
 * @property {import('jose').JWK} dpopPrivate
 * @property {import('jose').JWK} dpopPublic
 */

/**
 * @typedef {object} Session
 * @property {string} id
 * @property {string | null} sid
 * @property {Date} authTime
 * @property {Date} lastSeen
 * @property {Date} accessExpiresAt
 * @property {Date} expiresAt the earlier of the idle and the absolute limit
 * @property {SessionSecrets} secrets
 */

/**
 * @param {object} o
 * @param {import('./db.js').BffDatabase} o.db
 * @param {Buffer} o.key
 * @param {() => Date} o.now
 * @param {number} [o.idleMs]
 * @param {number} [o.absoluteMs]
 * @param {Pick<Console, 'warn'>} [o.logger]
 */
export function createSessionStore({ db, key, now, idleMs = IDLE_MS, absoluteMs = ABSOLUTE_MS, logger = console }) {
  // Every request reads its row (another process may have ended the session), but opens the
  // sealed secrets only when they changed: AES-GCM and JSON.parse were a fifth of the BFF's CPU.
  /** @type {ReturnType<typeof boundedMap<{ sealed: string, secrets: SessionSecrets }>>} */
  const opened = boundedMap(OPENED_CACHE_SIZE);
  /** @param {string} id @param {string} sealed @returns {SessionSecrets} */
  const open = (id, sealed) => {
    const hit = opened.get(id);
    if (hit && hit.sealed === sealed) return hit.secrets;
    return opened.set(id, { sealed, secrets: unseal(key, sealed, id) }).secrets;
  };

  /** @type {ReturnType<typeof keptWhileListening<any>>} */
  const kept = keptWhileListening({
    listen: db.listen,
    channel: SESSIONS_CHANNEL,
    size: KEPT_SIZE,
    maxAgeMs: KEPT_MS,
    what: 'ended sessions',
    who: 'omsorg bff',
    otherwise: 'each request reads its session',
    logger,
  });

  /** @param {any} row @returns {Session} */
  const toSession = (row) => {
    const lastSeen = new Date(row.last_seen);
    const authTime = new Date(row.auth_time);
    return {
      id: row.id,
      sid: row.sid,
      authTime,
      lastSeen,
      accessExpiresAt: new Date(row.access_expires_at),
      expiresAt: new Date(Math.min(lastSeen.getTime() + idleMs, authTime.getTime() + absoluteMs)),
      secrets: open(row.id, row.sealed),
    };
  };

  /**
   * A kept row's session, if it is recent and still live by its limits; else undefined, and the
   * row is read again (a row past its idle limit here may have been used at another process).
   * @param {string} id @param {Date} t
   */
  const keptSession = (id, t) => {
    const row = kept.get(id);
    if (!row) return undefined;
    try {
      const s = toSession(row);
      return s.expiresAt > t ? s : undefined;
    } catch {
      return undefined;
    }
  };

  return {
    idleMs,
    absoluteMs,
    /** Starts listening for changed sessions (kept rows are used only while it listens). */
    listen: () => kept.listen(),
    /** Whether rows are kept now (tests). */
    get listening() {
      return kept.listening;
    },
    close: () => kept.close(),

    /** @param {Record<string, unknown>} data @returns {Promise<string>} the cookie value */
    async startLogin(data) {
      const token = newToken();
      const id = idOf(token);
      await db.query('INSERT INTO bff_logins (id, expires_at, sealed) VALUES ($1, $2, $3)', [id, new Date(now().getTime() + LOGIN_MS), seal(key, data, id)]);
      return token;
    },

    /** Takes (and deletes) a sign-in in progress: a code is redeemed once. @param {string} token */
    async takeLogin(token) {
      const id = idOf(token);
      const { rows } = await db.query('DELETE FROM bff_logins WHERE id = $1 RETURNING expires_at, sealed', [id]);
      const row = rows[0];
      if (!row || new Date(row.expires_at) <= now()) return undefined;
      return /** @type {Record<string, any>} */ (unseal(key, row.sealed, id));
    },

    /**
     * @param {{ sid: string | null, authTime: Date, accessExpiresAt: Date, secrets: SessionSecrets }} s
     * @returns {Promise<string>} the cookie value
     */
    async create(s) {
      const token = newToken();
      const id = idOf(token);
      const t = now();
      await db.query(
        'INSERT INTO bff_sessions (id, sid, auth_time, created_at, last_seen, access_expires_at, sealed) VALUES ($1, $2, $3, $4, $4, $5, $6)',
        [id, s.sid, s.authTime, t, s.accessExpiresAt, seal(key, s.secrets, id)],
      );
      return token;
    },

    /**
     * The live session of a cookie value, or undefined (an expired one is deleted).
     * @param {string | undefined} token
     * @param {{ touch?: boolean, fresh?: boolean }} [o] `touch`: this request counts as activity;
     *   `fresh`: read the row even if it is kept
     * @returns {Promise<Session | undefined>}
     */
    async get(token, { touch = false, fresh = false } = {}) {
      if (!token) return undefined;
      const id = idOf(token);
      const t = now();
      let session = fresh ? undefined : keptSession(id, t);
      if (!session) {
        const mark = kept.mark();
        const { rows } = await db.query('SELECT id, sid, auth_time, last_seen, access_expires_at, sealed FROM bff_sessions WHERE id = $1', [id]);
        if (!rows[0]) {
          kept.forget(id);
          return undefined;
        }
        try {
          session = toSession(rows[0]);
        } catch {
          // Sealed with another key (the key was rotated): the session cannot be used.
          await this.remove(id);
          return undefined;
        }
        if (session.expiresAt <= t) {
          await this.remove(id);
          return undefined;
        }
        // Kept only if nothing was heard during the read: the notice may have been for this row.
        kept.keep(id, rows[0], mark);
      }
      if (touch && t.getTime() - session.lastSeen.getTime() >= TOUCH_MS) {
        await db.query('UPDATE bff_sessions SET last_seen = $2 WHERE id = $1', [id, t]);
        kept.update(id, (row) => ({ ...row, last_seen: t }));
        session = { ...session, lastSeen: t, expiresAt: new Date(Math.min(t.getTime() + idleMs, session.authTime.getTime() + absoluteMs)) };
      }
      return session;
    },

    /** New tokens after a refresh. @param {Session} s @param {Partial<SessionSecrets>} secrets @param {Date} accessExpiresAt */
    async update(s, secrets, accessExpiresAt) {
      kept.forget(s.id);
      const next = { ...s.secrets, ...secrets };
      await db.query('UPDATE bff_sessions SET sealed = $2, access_expires_at = $3 WHERE id = $1', [s.id, seal(key, next, s.id), accessExpiresAt]);
      return { ...s, secrets: next, accessExpiresAt };
    },

    /** @param {string} id */
    async remove(id) {
      opened.delete(id);
      kept.forget(id);
      await db.query('DELETE FROM bff_sessions WHERE id = $1', [id]);
    },

    /** Back-channel logout: every session of the provider's session `sid`. @param {string} sid */
    async removeBySid(sid) {
      const { rows } = await db.query('DELETE FROM bff_sessions WHERE sid = $1 RETURNING id', [sid]);
      // Dropped here at once; other processes hear of it.
      for (const r of rows) kept.forget(r.id);
      return rows.length;
    },

    /** Deletes what has expired (sessions and abandoned sign-ins). */
    async sweep() {
      const t = now();
      await db.query('DELETE FROM bff_logins WHERE expires_at <= $1', [t]);
      await db.query('DELETE FROM bff_sessions WHERE last_seen <= $1 OR auth_time <= $2', [new Date(t.getTime() - idleMs), new Date(t.getTime() - absoluteMs)]);
    },
  };
}
