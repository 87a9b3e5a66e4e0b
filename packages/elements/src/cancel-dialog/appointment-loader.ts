import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Appointment } from '@omsorg/contract';
import type { Client } from '@omsorg/sdk';

/** What an `OmsorgError` looks like here (duck-typed: a second SDK copy may throw it). */
export interface ErrorLike {
  kind?: string;
  status?: number;
  type?: string;
  retryable?: boolean;
  problem?: { errors?: Array<{ pointer?: string; code?: string }> };
}

export const asError = (e: unknown): ErrorLike => (e && typeof e === 'object' ? (e as ErrorLike) : {});

/**
 * The dialog's one polite status region. A load replaces only what a load said, never what a
 * send or a form error said.
 */
export class Announcement {
  private said = '';
  private byLoad?: string;

  constructor(private readonly host: ReactiveControllerHost) {}

  get text(): string {
    return this.said;
  }

  say(text: string): void {
    this.said = text;
    this.host.requestUpdate();
  }

  /** What a load says (`''`: nothing any more), unless something else is being said. */
  sayForLoad(text: string): void {
    if (this.said && this.said !== this.byLoad) return;
    this.said = text;
    this.byLoad = text || undefined;
    this.host.requestUpdate();
  }
}

export interface AppointmentLoaderOptions {
  /** Whose and which appointment; nothing to load without an id. */
  subject(): string;
  appointmentId(): string | undefined;
  /** Keep what is shown instead of the store's copy (the "what changed" notice is up). */
  keepShown(): boolean;
  /** A send is in flight: it compares against what the person saw, so do not swap it underneath. */
  sending(): boolean;
  /** Whether the dialog is open (loading is said only then). */
  opened(): boolean;
  /** "Loading …" and the text for a load error, in the current language. */
  loadingText(): string;
  errorText(e: ErrorLike): string;
  announcement: Announcement;
}

/**
 * Loads the appointment the dialog is about, as the lists load their data: the store's copy at
 * once when there is one, then a fresh read; "loading" said politely once per load, only with
 * nothing to show, after the render that puts the empty status region on the page; a failure
 * said politely (the dialog stays usable: try again, close); a load overtaken by another is
 * dropped.
 */
export class AppointmentLoader implements ReactiveController {
  private shown?: Appointment;
  private failure?: ErrorLike;
  private seq = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly o: AppointmentLoaderOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** The appointment shown (loaded, or the answer of a send). */
  get appointment(): Appointment | undefined {
    return this.shown;
  }

  set appointment(a: Appointment | undefined) {
    this.shown = a;
    this.host.requestUpdate();
  }

  /** Why the appointment could not be loaded, while there is none to show. */
  get error(): ErrorLike | undefined {
    return this.failure;
  }

  set error(e: ErrorLike | undefined) {
    this.failure = e;
    this.host.requestUpdate();
  }

  /** Ignores the answer of a load in flight. */
  drop(): void {
    this.seq++;
  }

  async load(client: Client): Promise<void> {
    const id = this.o.appointmentId();
    if (!id) return;
    const seq = ++this.seq;
    const cached = client.cachedAppointment(id);
    if (cached && !this.o.keepShown()) this.appointment = cached;
    this.error = undefined;
    if (!this.appointment) void this.announceLoading(seq);
    try {
      const fresh = await client.getAppointment(this.o.subject(), id, { fresh: true });
      if (seq === this.seq && !this.o.sending()) this.appointment = fresh;
      if (seq === this.seq) this.o.announcement.sayForLoad('');
    } catch (e) {
      if (seq === this.seq && !this.appointment) {
        this.error = asError(e);
        this.o.announcement.sayForLoad(this.o.errorText(this.error));
      } else if (seq === this.seq) this.o.announcement.sayForLoad('');
    }
  }

  private async announceLoading(seq: number): Promise<void> {
    await this.host.updateComplete;
    if (seq === this.seq && this.o.opened() && !this.appointment && !this.error) this.o.announcement.sayForLoad(this.o.loadingText());
  }
}
