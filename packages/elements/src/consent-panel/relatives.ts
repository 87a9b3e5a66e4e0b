/**
 * The relatives' access section: who may act for the person and whom they may act for (names
 * only, never a national identity number), giving a relative access (the number, looked up first
 * so the person confirms the name; what they may do; a period from today of at most
 * `relativeAccessLimits.maxDays` days) and taking it back. Both need a recent sign-in: a step-up
 * refusal shows a "sign in again" state, keeps what was typed in memory, and the next press sends
 * the same intent with the same Idempotency-Key. A relative acting for the person sees only that
 * the person alone manages it (and nothing is asked of the server). The markup is
 * relatives.view.ts.
 */
import type { ReactiveController, TemplateResult } from 'lit';
import { daysInPeriod, parseIdentityNumber, problemTypes, relativeAccessLimits, type AccessScope, type RelativeAccess, type RelativeAccessList } from '@omsorg/contract';
import type { CallOptions, Client } from '@omsorg/sdk';
import { errorMessage } from '../internal/messages.js';
import type { ConsentPanelMessages } from './consent-panel.messages.js';
import { addDays, isOwnSubject, newKey, osloToday, toggled, type Failure, type PanelContext } from './section.js';
import { renderRelatives, type GrantField, type RelativesView, type ScopeChoice } from './relatives.view.js';

/**
 * The scopes offered when giving access. "See appointments" and "see services" are one choice
 * (`see`): a relative who helps with one nearly always needs the other, and one checkbox fewer
 * keeps the form short; the API keeps them apart, so a later version can split them.
 */
const scopeChoices = {
  see: ['appointments.read', 'services.read'],
  cancel: ['appointments.cancel'],
  messages: ['messages'],
} as const satisfies Record<ScopeChoice, readonly AccessScope[]>;

/** The API's scopes for the choices made, in the contract's order. */
function accessScopesOf(chosen: ReadonlySet<ScopeChoice>): AccessScope[] {
  const on = new Set<AccessScope>([...chosen].flatMap((c) => scopeChoices[c]));
  return (['appointments.read', 'services.read', 'appointments.cancel', 'messages'] as const).filter((s) => on.has(s));
}

/** The person's relatives' access, or `'not-own'` for someone they act for (not asked for). */
export async function fetchRelatives(client: Client, subject: string, options: CallOptions): Promise<RelativeAccessList | 'not-own'> {
  if (!(await isOwnSubject(client, subject, options))) return 'not-own';
  return client.listRelativesAccess(options);
}

export class RelativesSection implements ReactiveController, RelativesView {
  list?: RelativeAccessList | 'not-own';

  // The give-access form. What is typed lives only here, in memory: never in browser storage
  // or a URL, and it is dropped with everything else on sign-out (clear).
  number = '';
  /** The name the server gave for `lookedUpNumber`: the person to confirm. */
  foundName?: string;
  private lookedUpNumber?: string;
  chosen = new Set<ScopeChoice>();
  start = '';
  end = '';
  errors: Partial<Record<GrantField, string>> = {};
  busy?: 'lookup' | 'grant';
  /** Giving or taking back was refused for a sign-in too old: which, until the next press. */
  stepUp?: 'grant' | 'revoke';
  /** The refusal's `maxAge` (seconds): how recent the sign-in again must be. */
  private stepUpMaxAge?: number;
  signedInAgain = false;
  /**
   * The Idempotency-Key of the grant intent, and the body it was made for: reused when the same
   * grant is sent again (after a new sign-in), new when what is given changed.
   */
  private grantKey?: { key: string; body: string };
  /** The access whose "take back" waits for confirmation, and the one being taken back. */
  confirming?: string;
  revoking?: string;
  /** Why taking back the access `confirming` failed (other than an old sign-in). */
  revokeError = '';

  constructor(readonly c: PanelContext) {
    c.host.addController(this);
    this.resetForm();
  }

  hostConnected(): void {}

  get t(): ConsentPanelMessages {
    return this.c.t();
  }

  private changed(): void {
    this.c.host.requestUpdate();
  }

  /** Drops everything (signed out, another subject). */
  clear(): void {
    this.list = undefined;
    this.resetForm();
    this.confirming = undefined;
    this.revoking = undefined;
    this.revokeError = '';
    this.stepUp = undefined;
    this.signedInAgain = false;
    this.changed();
  }

  /** What holds now, from the load. */
  set(list: RelativeAccessList | 'not-own' | undefined): void {
    this.list = list;
    this.changed();
  }

  /** Access given or taken back (here or by another element): the list follows what the SDK says. */
  follow(access: RelativeAccess): void {
    const list = this.list;
    if (!list || list === 'not-own') return;
    const mine = list.relatives.filter((a) => a.id !== access.id && (access.status !== 'active' || a.relative.id !== access.relative.id));
    this.set({ ...list, relatives: access.status === 'active' ? [...mine, access] : mine });
  }

  private resetForm(): void {
    const today = osloToday();
    this.number = '';
    this.foundName = undefined;
    this.lookedUpNumber = undefined;
    this.chosen = new Set();
    this.start = today;
    this.end = addDays(today, 90);
    this.errors = {};
    this.busy = undefined;
    this.grantKey = undefined;
  }

  // ---------------------------------------------------------------- the form

  onNumber(e: Event): void {
    this.number = (e.target as HTMLInputElement).value;
    // Another number: the name found no longer holds, and it must be looked up again.
    if (this.foundName !== undefined && this.number.trim() !== this.lookedUpNumber) {
      this.foundName = undefined;
      this.lookedUpNumber = undefined;
    }
    if (this.errors.number) this.errors = { ...this.errors, number: undefined };
    this.changed();
  }

  onScope(choice: ScopeChoice, e: Event): void {
    this.chosen = toggled(this.chosen, choice, e);
    this.changed();
  }

  onDate(which: 'start' | 'end', e: Event): void {
    this[which] = (e.target as HTMLInputElement).value;
    this.changed();
  }

  /** Shows the errors (and the summary), says them, and moves focus to the summary. */
  private showErrors(errors: Partial<Record<GrantField, string>>): void {
    this.errors = errors;
    this.c.alert(Object.values(errors).filter((x): x is string => !!x).join(' '));
    this.changed();
    this.c.focus('#rel-error-summary');
  }

  private quiet(): void {
    this.c.polite('');
    this.c.alert('');
  }

  /** Step one: look up the name of the number typed, for the person to confirm. */
  async lookUp(e?: Event): Promise<void> {
    e?.preventDefault();
    const client = this.c.client();
    if (!client || this.busy) return;
    const number = this.number.trim();
    this.quiet();
    if (!parseIdentityNumber(number)) {
      this.showErrors({ number: this.t.errorNumber });
      return;
    }
    this.errors = {};
    this.busy = 'lookup';
    this.changed();
    await this.c.request(
      (signal) => client.lookUpPerson(number, { signal }),
      ({ name }) => {
        this.foundName = name;
        this.lookedUpNumber = number;
        this.changed();
        this.c.focus('#rel-found');
      },
      (err) => this.showErrors(this.grantErrors(err as Failure)),
      () => {
        this.busy = undefined;
        this.changed();
      },
      'relatives',
    );
  }

  /** The person was not the right one: back to the number, nothing else lost. */
  notThisPerson(): void {
    this.foundName = undefined;
    this.lookedUpNumber = undefined;
    this.changed();
    this.c.focus('#rel-number');
  }

  /** The form's own checks before sending (the server makes them again). */
  private localErrors(today: string): Partial<Record<GrantField, string>> {
    const t = this.t;
    const max = relativeAccessLimits.maxDays;
    const errors: Partial<Record<GrantField, string>> = {};
    if (this.foundName === undefined) errors.number = t.errorLookUpFirst;
    if (this.chosen.size === 0) errors.scopes = t.errorScopes;
    const date = /^\d{4}-\d{2}-\d{2}$/;
    if (!date.test(this.start) || this.start < today) errors.start = t.errorStart;
    if (!date.test(this.end) || this.end < this.start || (date.test(this.start) && daysInPeriod(this.start, this.end) > max)) errors.end = t.errorEnd(max);
    return errors;
  }

  /** Step two: give the access to the person confirmed. One request per intent, nothing typed lost on a refusal. */
  async give(e?: Event): Promise<void> {
    e?.preventDefault();
    const client = this.c.client();
    if (!client || this.busy) return;
    this.quiet();
    const local = this.localErrors(osloToday());
    if (Object.keys(local).length) {
      this.showErrors(local);
      return;
    }
    const number = this.lookedUpNumber!;
    const name = this.foundName!;
    const input = { nationalIdentityNumber: number, scopes: accessScopesOf(this.chosen), period: { start: this.start, end: this.end } };
    // One intent, one key: the same grant pressed again (after signing in anew) reuses it, so
    // the server gives it once; another grant (anything changed) is a new intent.
    const body = JSON.stringify(input);
    if (this.grantKey?.body !== body) this.grantKey = { key: newKey(), body };
    const idempotencyKey = this.grantKey.key;
    this.errors = {};
    this.stepUp = undefined;
    this.signedInAgain = false;
    this.busy = 'grant';
    this.changed();
    await this.c.request(
      (signal) => client.grantRelativeAccess(input, { signal, idempotencyKey }),
      (access) => {
        // The list already shows it (relatives-access-changed); the number is never shown again.
        this.resetForm();
        this.changed();
        this.c.polite(this.t.granted(name));
        this.c.focus(`li[data-id="${CSS.escape(access.id)}"]`);
      },
      (err) => {
        if ((err as Failure).type === problemTypes.stepUpRequired) this.toStepUp('grant', err);
        else this.showErrors(this.grantErrors(err as Failure));
      },
      () => {
        this.busy = undefined;
        this.changed();
      },
      'relatives',
    );
  }

  /** A refused look-up or grant as field errors: each next to its field, or the form's. */
  private grantErrors(e: Failure): Partial<Record<GrantField, string>> {
    const t = this.t;
    const max = relativeAccessLimits.maxDays;
    if (e.type === problemTypes.notFound || e.status === 404) return { number: t.errorNotFound };
    if (e.type === problemTypes.relativeTooYoung) return { number: t.errorRelativeTooYoung };
    if (e.type === problemTypes.giverTooYoung) return { form: t.errorGiverTooYoung };
    if (e.type === problemTypes.validation && e.problem?.errors?.length) {
      const out: Partial<Record<GrantField, string>> = {};
      for (const fe of e.problem.errors) {
        if (fe.pointer === '/nationalIdentityNumber') out.number = fe.code === 'self' ? t.errorSelf : t.errorNumber;
        else if (fe.pointer.startsWith('/scopes')) out.scopes = t.errorScopes;
        else if (fe.pointer === '/period/end') out.end = t.errorEnd(max);
        else if (fe.pointer.startsWith('/period')) out.start = t.errorStart;
        else out.form = errorMessage(this.c.common(), e);
      }
      return out;
    }
    return { form: errorMessage(this.c.common(), e) };
  }

  // ---------------------------------------------------------------- a sign-in too old

  /**
   * The server wants a sign-in at most 5 minutes old. The person signs in and presses the
   * button again; what was typed stays in memory, and the grant keeps its Idempotency-Key.
   * The sign-in again is a step-up with the refusal's `maxAge` (the SDK's `StepUpRequiredError`;
   * the rule's age if it has none): the provider authenticates anew. A sign-in that leaves the
   * page (an OIDC or BFF redirect) loses what was typed, as it must: the form is kept only in memory.
   */
  private toStepUp(what: 'grant' | 'revoke', err?: unknown): void {
    this.stepUp = what;
    const maxAge = (err as { maxAge?: unknown } | undefined)?.maxAge;
    this.stepUpMaxAge = typeof maxAge === 'number' ? maxAge : relativeAccessLimits.stepUpMaxAgeSeconds;
    this.signedInAgain = false;
    this.c.alert(what === 'grant' ? this.t.stepUpGrant : this.t.stepUpRevoke);
    this.changed();
    this.c.focus('#rel-step-up');
  }

  async signInAgain(): Promise<void> {
    try {
      await this.c.client()?.auth.signIn({ maxAge: this.stepUpMaxAge ?? relativeAccessLimits.stepUpMaxAgeSeconds });
    } catch {
      this.c.alert(this.t.signInFailed);
      return;
    }
    this.signedInAgain = true;
    this.c.polite(this.t.stepUpDone);
    this.changed();
    // Back to the button to press again.
    this.c.focus(this.stepUp === 'revoke' ? '[part="revoke-yes-button"]' : '#rel-give');
  }

  // ---------------------------------------------------------------- taking access back

  /**
   * Taking access back asks first: it ends a relative's access at once and can only be undone
   * by giving it again (a new look-up, a new sign-in), so one mistaken press should not do it.
   */
  askRevoke(access: RelativeAccess): void {
    this.confirming = access.id;
    this.revokeError = '';
    this.stepUp = undefined;
    this.changed();
    this.c.focus('[part="revoke-yes-button"]');
  }

  cancelRevoke(access: RelativeAccess): void {
    this.confirming = undefined;
    if (this.stepUp === 'revoke') this.stepUp = undefined;
    this.changed();
    this.c.focus(`[data-revoke="${CSS.escape(access.id)}"]`);
  }

  async revoke(access: RelativeAccess): Promise<void> {
    const client = this.c.client();
    if (!client || this.revoking) return;
    this.revoking = access.id;
    this.revokeError = '';
    this.quiet();
    this.stepUp = undefined;
    this.signedInAgain = false;
    this.changed();
    await this.c.request(
      (signal) => client.revokeRelativeAccess(access.id, { signal }),
      () => {
        // The list already lost it (relatives-access-changed): focus goes to the list's heading.
        this.confirming = undefined;
        this.changed();
        this.c.polite(this.t.revoked);
        this.c.focus('#rel-for-you');
      },
      (err) => {
        if ((err as Failure).type === problemTypes.stepUpRequired) this.toStepUp('revoke', err);
        else {
          this.revokeError = errorMessage(this.c.common(), err as Failure);
          this.c.alert(this.revokeError);
        }
      },
      () => {
        this.revoking = undefined;
        this.changed();
      },
      'relatives',
    );
  }

  render(level: number, alone: boolean): TemplateResult {
    return renderRelatives(this, level, alone);
  }
}
