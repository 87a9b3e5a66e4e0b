/**
 * Notices by SMS and e-mail, in the messaging part beside the consent (the consent panel shows
 * them; a page of appointments never loads them). One read per subject and page, shared by every
 * element that asks; `fresh` asks again with If-None-Match, so an unchanged choice costs a 304.
 * A change is one intent: the rules core's checks first (a repeated code, a channel the register
 * has no detail for, any channel while reserved: refused here as the server would, nothing sent),
 * then one PUT with If-Match on the version the SDK has and one Idempotency-Key, made here unless
 * given and reused on every automatic retry. The answer replaces the stored read and the client
 * emits `notice-preferences-changed`, so nothing needs to read again. A 412 (changed in another
 * tab) reads the preferences once into the store, emits, and throws the 412 `OmsorgError`.
 */
import {
  noticeChannelProblem,
  problemBody,
  validateNoticePreferencesChange,
  invalid,
  type NoticePreferences,
  type NoticePreferencesChange,
  type ProblemSpec,
} from '@omsorg/contract';
import type { CallOptions, ClientEventName, ClientEvents } from './types.js';
import { send, type HttpContext } from './http.js';
import { newIdempotencyKey } from './ids.js';
import { isOmsorgError, OmsorgError } from './errors.js';
import { asNoticePreferences } from './validate-messages.js';

const enc = encodeURIComponent;

export interface NoticesDeps {
  http: HttpContext;
  subject(): string;
  emit<K extends ClientEventName>(type: K, detail: ClientEvents[K]): void;
}

/** A refusal the rules core made before anything was sent: the error the server's answer would be. */
const refusedHere = (spec: ProblemSpec): OmsorgError => {
  const problem = problemBody(spec);
  return new OmsorgError('http', spec.detail, { status: spec.status, type: problem.type, title: problem.title, detail: spec.detail, problem });
};

export function createNotices(deps: NoticesDeps) {
  const path = (subjectId: string) => `/v1/subjects/${enc(subjectId)}/notice-preferences`;
  /** The read (or the answer to the last change) per subject as the caller named it. */
  const known = new Map<string, Promise<NoticePreferences>>();
  /** The settled value per subject, for If-None-Match and If-Match. */
  const held = new Map<string, NoticePreferences>();

  const keep = (s: string, prefs: NoticePreferences) => {
    held.set(s, prefs);
    known.set(s, Promise.resolve(prefs));
  };

  function read(s: string, signal?: AbortSignal): Promise<NoticePreferences> {
    const had = held.get(s);
    const conditional = had ? { etag: `"${had.version}"`, value: had } : undefined;
    const p = send(deps.http, { method: 'GET', path: path(s), validate: asNoticePreferences, ...(conditional ? { conditional } : {}) }, signal);
    known.set(s, p);
    p.then(
      (prefs) => {
        if (known.get(s) === p) held.set(s, prefs);
      },
      // A failed read is not kept: the next call asks again.
      () => {
        if (known.get(s) === p) known.delete(s);
      },
    );
    return p;
  }

  return {
    getNoticePreferences(subjectId?: string, options?: CallOptions): Promise<NoticePreferences> {
      const s = subjectId ?? deps.subject();
      const had = known.get(s);
      if (had && !options?.fresh) return had;
      return read(s, options?.signal);
    },

    async setNoticePreferences(subjectId: string | undefined, change: NoticePreferencesChange, options: CallOptions & { idempotencyKey?: string } = {}): Promise<NoticePreferences> {
      const s = subjectId ?? deps.subject();
      const body: NoticePreferencesChange = { channels: [...change.channels], events: [...change.events], language: change.language };
      const errors = validateNoticePreferencesChange(body);
      if (errors.length) throw refusedHere(invalid('The notice preferences are not valid.', errors));
      // The version this change is made on: the one the page shows (read first if none is).
      const current = held.get(s) ?? (await (known.get(s) ?? read(s, options.signal)));
      const unavailable = noticeChannelProblem(body.channels, current.contact);
      if (unavailable) throw refusedHere(unavailable);
      const headers = { 'If-Match': `"${current.version}"`, 'Idempotency-Key': options.idempotencyKey ?? newIdempotencyKey() };
      try {
        const prefs = await send(deps.http, { method: 'PUT', path: path(s), body, headers, validate: asNoticePreferences }, options.signal);
        keep(s, prefs);
        deps.emit('notice-preferences-changed', { subjectId: s, preferences: prefs });
        return prefs;
      } catch (e) {
        if (isOmsorgError(e) && e.status === 412) {
          // Changed elsewhere: the store gets what holds now, the caller the 412.
          const now = await read(s, options.signal).catch(() => undefined);
          if (now) deps.emit('notice-preferences-changed', { subjectId: s, preferences: now });
        }
        throw e;
      }
    },

    /** Sign-out or another person: forget what was read. */
    forget: () => {
      known.clear();
      held.clear();
    },
  };
}
