import type { Appointment } from '@omsorg/contract';
import { OmsorgError } from './errors.js';

export interface Tagged<T> {
  value: T;
  etag: string | null;
}

interface Flight {
  promise: Promise<unknown>;
  controller: AbortController;
  /** Callers still waiting; the shared fetch is aborted only when this drops to 0. */
  refs: number;
  /** The turn in which a `fresh` caller started it; other fresh callers of that turn join it. */
  freshTurn?: number;
}

export const abortedError = (reason?: unknown): OmsorgError =>
  new OmsorgError('aborted', 'The request was aborted', { cause: reason });

/**
 * In-memory state shared by every element on the page: appointments by id (newest wins), a
 * read cache keyed by method + URL, and in-flight GETs so identical concurrent reads share
 * one fetch. Nothing is persisted.
 */
export class Store {
  private appointments = new Map<string, { value: Appointment; seq: number }>();
  private reads = new Map<string, { value: unknown; at: number }>();
  private flights = new Map<string, Flight>();
  /** Conditional reads (threads): the last copy and its ETag, kept until sign-out. */
  private tagged = new Map<string, Tagged<unknown>>();
  /** Unread message counts by subject. */
  readonly unread = new Map<string, number>();
  private seq = 0;
  /** A "turn" is one synchronous run of code (up to the next microtask checkpoint). */
  private turn = 0;
  private turnEnding = false;
  /** Bumped by clear(); results of requests started before must not be stored. */
  generation = 0;

  constructor(private readonly changed: (appointment: Appointment, cause?: 'poll') => void) {}

  /**
   * Ordering ticket. A GET takes it when it starts (a slow old read must not overwrite a newer
   * one); a mutation takes it when its answer arrives (the user's own change wins).
   */
  ticket(): number {
    return ++this.seq;
  }

  /**
   * Stores `a` unless a newer copy is there. Emits a change when the version differs from the
   * stored copy, or always with `force`. Returns whether `a` was stored. `cause: 'poll'`: a
   * watched list's poll brought it (a change made elsewhere, which elements announce).
   */
  put(a: Appointment, seq: number, force = false, cause?: 'poll'): boolean {
    const prev = this.appointments.get(a.id);
    if (prev && prev.seq > seq) return false;
    this.appointments.set(a.id, { value: a, seq });
    if (force || (prev && prev.value.version !== a.version)) this.changed(a, cause);
    return true;
  }

  appointment(id: string): Appointment | undefined {
    return this.appointments.get(id)?.value;
  }

  /** The store's newest copy of `a`. */
  newest(a: Appointment): Appointment {
    return this.appointment(a.id) ?? a;
  }

  read<T>(key: string, maxAgeMs: number): T | undefined {
    const hit = this.reads.get(key);
    return hit && Date.now() - hit.at < maxAgeMs ? (hit.value as T) : undefined;
  }

  write(key: string, value: unknown): void {
    this.reads.set(key, { value, at: Date.now() });
  }

  tag<T>(key: string): Tagged<T> | undefined {
    return this.tagged.get(key) as Tagged<T> | undefined;
  }

  setTag<T>(key: string, t: Tagged<T>): void {
    this.tagged.set(key, t);
  }

  /** Every tagged copy whose key starts with `prefix`. */
  tagsUnder<T>(prefix: string): Array<[string, Tagged<T>]> {
    return [...this.tagged].filter(([k]) => k.startsWith(prefix)) as Array<[string, Tagged<T>]>;
  }

  /** Wipes everything and aborts every shared request in flight. */
  clear(): void {
    this.generation++;
    for (const f of this.flights.values()) f.controller.abort();
    this.flights.clear();
    this.reads.clear();
    this.tagged.clear();
    this.unread.clear();
    this.appointments.clear();
  }

  /** The current turn, so a caller can tell requests started in this turn from older ones. */
  turnId(): number {
    return this.currentTurn();
  }

  private currentTurn(): number {
    if (!this.turnEnding) {
      this.turnEnding = true;
      queueMicrotask(() => {
        this.turn++;
        this.turnEnding = false;
      });
    }
    return this.turn;
  }

  /**
   * Joins the in-flight request for `key`, or starts one with `start`. `fresh` never joins an
   * older flight (it may predate a change) but later callers join the fresh one, and so do the
   * other fresh callers of the same turn (two lists reloading on one sign-in make one fetch).
   * A caller's abort only detaches that caller.
   */
  share<T>(key: string, fresh: boolean, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(abortedError(signal.reason));
    const turn = fresh ? this.currentTurn() : undefined;
    const existing = this.flights.get(key);
    let flight = !fresh || existing?.freshTurn === turn ? existing : undefined;
    if (!flight) {
      const controller = new AbortController();
      const f: Flight = { promise: start(controller.signal), controller, refs: 0, freshTurn: turn };
      const done = () => this.flights.get(key) === f && this.flights.delete(key);
      f.promise.then(done, done);
      this.flights.set(key, (flight = f));
    }
    const f = flight;
    f.refs++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        if (--f.refs === 0) {
          f.controller.abort();
          if (this.flights.get(key) === f) this.flights.delete(key);
        }
        reject(abortedError(signal?.reason));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      f.promise.then(
        (v) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(v as T);
        },
        (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }
}
