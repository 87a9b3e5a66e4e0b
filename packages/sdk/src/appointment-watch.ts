/**
 * Appointment lists kept fresh without reload: while something watches a list (the appointment
 * list element while it is on the page), its first page is polled with If-None-Match on the
 * ETag of the last copy (a 304 costs no body). A newer page goes to the store; every appointment
 * on it with a new version is announced once with `appointment-changed`, the event every element
 * showing an appointment already follows, so an answer to a cancellation request, a moved visit
 * or a cancel in another tab shows where the appointment is shown. One poller per list, shared by
 * its watchers; the client's `poll` options; idle while the tab is hidden or nobody is signed in,
 * at once when the tab is shown again or the browser comes online.
 */
import type { AppointmentPage } from '@omsorg/contract';
import type { AppointmentQuery, PollOptions } from './types.js';
import { pagePath } from './appointments.js';
import { send, type HttpContext } from './http.js';
import { DEFAULT_POLL, Poller, type PollEnv } from './poll.js';
import type { Store, Tagged } from './store.js';
import { asAppointmentPage } from './validate.js';

/** The key under which a list page's last copy and its ETag are kept (shared with the reads). */
export const listTagKey = (path: string) => `LIST ${path}`;

export interface AppointmentWatchDeps {
  http: HttpContext;
  store: Store;
  subject(): string;
  poll?: PollOptions;
  env: PollEnv;
}

interface Watch {
  poller: Poller;
  listeners: Set<(page: AppointmentPage) => void>;
}

export type WatchQuery = Pick<AppointmentQuery, 'subjectId' | 'when' | 'limit'>;

export function createAppointmentWatch(deps: AppointmentWatchDeps) {
  const { http, store } = deps;
  const options = { ...DEFAULT_POLL, ...deps.poll };
  const watches = new Map<string, Watch>();
  const signedIn = () => http.auth.state().status === 'signed-in';
  let unlisten: (() => void) | undefined;

  function syncEnv() {
    if (watches.size && !unlisten) unlisten = deps.env.listen(() => pokeAll());
    else if (!watches.size && unlisten) {
      unlisten();
      unlisten = undefined;
    }
  }

  function pokeAll() {
    for (const w of watches.values()) w.poller.poke();
  }

  /** One conditional read of `path`; true when something on the page changed. */
  async function poll(path: string, w: Watch, signal: AbortSignal): Promise<boolean> {
    const key = listTagKey(path);
    const prev = store.tag<AppointmentPage>(key);
    const ticket = store.ticket();
    const generation = store.generation;
    const next: Tagged<AppointmentPage> = await send(
      http,
      {
        method: 'GET',
        path,
        validate: (body, res) => ({ value: asAppointmentPage(body), etag: res.headers.get('etag') }),
        conditional: prev?.etag ? { etag: prev.etag, value: prev } : undefined,
      },
      signal,
    );
    // A 304 (the stored copy back), or wiped meanwhile (sign-out): nothing to store.
    if (next === prev || generation !== store.generation) return false;
    store.setTag(key, next);
    let changed = !prev || !next.etag || next.etag !== prev.etag;
    // store.put announces each appointment whose version differs from the stored copy.
    for (const a of next.value.items) store.put(a, ticket, false, 'poll');
    if (changed) {
      const page = { ...next.value, items: next.value.items.map((a) => store.newest(a)) };
      for (const l of [...w.listeners]) {
        try {
          l(page);
        } catch (e) {
          queueMicrotask(() => {
            throw e;
          });
        }
      }
    }
    return changed;
  }

  return {
    watchAppointments(query: WatchQuery = {}, listener: (page: AppointmentPage) => void = () => {}): () => void {
      const subjectId = query.subjectId ?? deps.subject();
      const path = pagePath(subjectId, { when: query.when, limit: query.limit });
      let w = watches.get(path);
      if (!w) {
        const watch: Watch = { poller: undefined as unknown as Poller, listeners: new Set() };
        watch.poller = new Poller((signal) => poll(path, watch, signal), options, () => signedIn() && !deps.env.hidden());
        watches.set(path, (w = watch));
        syncEnv();
        // The watcher has just read the list (or is reading it): the first poll after minMs.
        w.poller.start(options.minMs);
      }
      const entry = w;
      const l = (page: AppointmentPage) => listener(page);
      entry.listeners.add(l);
      return () => {
        entry.listeners.delete(l);
        if (entry.listeners.size === 0 && watches.get(path) === entry) {
          entry.poller.stop();
          watches.delete(path);
          syncEnv();
        }
      };
    },
    /** Signed in again: every watched list polls; signed out: they idle. */
    authChanged(signedInNow: boolean) {
      for (const w of watches.values()) {
        if (signedInNow) w.poller.start();
        else w.poller.stop();
      }
    },
  };
}
