import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { html as staticHtml } from 'lit/static-html.js';
import {
  daysInPeriod,
  dialogueRefusal,
  labelFor,
  parseIdentityNumber,
  problemTypes,
  relativeAccessLimits,
  type AccessScope,
  type ConsentDecision,
  type DialogueConsent,
  type RelativeAccess,
  type RelativeAccessList,
} from '@omsorg/contract';
import type { CallOptions, Client } from '@omsorg/sdk';
import type { PropertyValues } from 'lit';
import { SubjectDataElement } from '../internal/subject-data.js';
import { formatDate, formatDateTime, osloDayKey, parseInstant } from '../internal/format.js';
import { headingTag } from '../internal/heading.js';
import { errorMessage } from '../internal/messages.js';
import { messages, type ConsentPanelMessages } from './consent-panel.messages.js';
import { styles } from './consent-panel.styles.js';

/** The panel's sections; a host shows one alone with `section="…"`. */
export const consentSections = ['dialogue', 'relatives'] as const;
export type ConsentSection = (typeof consentSections)[number];

type Failure = { kind?: string; status?: number; type?: string; problem?: { errors?: { pointer: string; code: string }[] } };

/**
 * What the panel loads: what its visible sections need. `relatives` is `'not-own'` when the
 * panel shows someone the signed-in person acts for: relatives' access is only ever the
 * person's own, so it is not asked for at all.
 */
export interface ConsentPanelData {
  consent?: DialogueConsent;
  relatives?: RelativeAccessList | 'not-own';
}

/**
 * The scopes offered when giving access. "See appointments" and "see services" are one choice
 * (`see`): a relative who helps with one nearly always needs the other, and one checkbox fewer
 * keeps the form short; the API keeps them apart, so a later version can split them.
 */
const scopeChoices = {
  see: ['appointments.read', 'services.read'],
  cancel: ['appointments.cancel'],
  messages: ['messages'],
} as const satisfies Record<string, readonly AccessScope[]>;
type ScopeChoice = keyof typeof scopeChoices;
const scopeChoiceKeys = Object.keys(scopeChoices) as ScopeChoice[];

/** The fields of the give-access form that can carry an error (and `form`: the form as a whole). */
type GrantField = 'number' | 'scopes' | 'start' | 'end' | 'form';
/** The id of the control each error leads to from the error summary. */
const fieldIds: Record<GrantField, string> = { number: 'rel-number', scopes: 'rel-scope-see', start: 'rel-start', end: 'rel-end', form: 'rel-give' };

/** The API's scopes for the choices made, in the contract's order. */
function accessScopesOf(chosen: ReadonlySet<ScopeChoice>): AccessScope[] {
  const on = new Set<AccessScope>([...chosen].flatMap((c) => scopeChoices[c]));
  return (['appointments.read', 'services.read', 'appointments.cancel', 'messages'] as const).filter((s) => on.has(s));
}

/** A new Idempotency-Key (a UUID; `randomUUID` exists only in secure contexts). */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Today's Oslo calendar date (`YYYY-MM-DD`), the day a period may start from. The elements'
 * own Oslo day (internal/format.ts, as the rules core's `osloDate`), so the shared client
 * chunk every page loads does not take the rules' time module for this one element.
 */
const osloToday = (): string => osloDayKey(new Date());

/** `YYYY-MM-DD` `days` calendar days after `date`. */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The consent text's paragraphs, in order. */
const dialogueParagraphs = ['what', 'urgent', 'withdraw'] as const;

/**
 * The citizen's own consents: whether the municipal care service and they may write to each
 * other (consent to digital dialogue), with its history. Giving and withdrawing are one button
 * each, take effect at once, and go through the SDK's intent (Idempotency-Key, If-Match on the
 * version shown). A relative acting for the person sees the state but cannot change it (the
 * server refuses it too).
 *
 * The `relatives` section: who may act for the person and whom they may act for (names only,
 * never a national identity number), giving a relative access (the number, looked up first so
 * the person confirms the name; what they may do; a period from today of at most
 * `relativeAccessLimits.maxDays` days) and taking it back. Both need a recent sign-in: a
 * step-up refusal shows a "sign in again" state, keeps what was typed in memory, and the next
 * press sends the same intent with the same Idempotency-Key. A relative acting for the person
 * sees only that the person alone manages it (and nothing is asked of the server). Notices are
 * the next section.
 *
 * @summary Consent to digital dialogue and relatives' access, managed by the person.
 *
 * @csspart base - The wrapper around everything.
 * @csspart heading - The element's heading.
 * @csspart acting-for - The notice shown when acting for someone whose name is unknown.
 * @csspart content - The area that is busy while loading.
 * @csspart skeleton - The placeholder shown while loading.
 * @csspart error - The error box.
 * @csspart retry-button - The "try again" button.
 * @csspart signed-out - The signed-out notice.
 * @csspart sign-in-button - The sign-in button.
 * @csspart section - One section (also `section-dialogue`).
 * @csspart section-heading - A section's heading (absent when the section is shown alone).
 * @csspart consent-text - The consent text the person agrees to.
 * @csspart status - What holds now (also `status-none`, `status-active`, `status-outdated`, `status-inactive`).
 * @csspart give-button - The "give consent" button.
 * @csspart withdraw-button - The "withdraw consent" button.
 * @csspart save-error - Why the last change failed.
 * @csspart only-self - Said to a relative: only the person may decide.
 * @csspart history - The history of decisions (a `<details>`).
 * @csspart section-relatives - The relatives' access section.
 * @csspart relatives-only-self - Said to a relative: only the person manages relatives' access.
 * @csspart relatives-list - Who may act for the person; `relatives-empty` when no one may.
 * @csspart acting-for-list - Whom the person may act for; `acting-for-empty` when no one.
 * @csspart grant - One access in either list.
 * @csspart revoke-button - "Take back access" on one access.
 * @csspart revoke-confirm - The confirmation shown before taking access back.
 * @csspart revoke-yes-button - Confirms taking access back.
 * @csspart revoke-no-button - Keeps the access.
 * @csspart give-form - The form to give a relative access.
 * @csspart error-summary - The form's errors, each a link to its field.
 * @csspart number - The national identity number field.
 * @csspart look-up-button - Looks up the person's name.
 * @csspart found - The name found, to confirm.
 * @csspart not-this-person-button - Back to the number.
 * @csspart scopes - The fieldset of what the relative may do.
 * @csspart period - The fieldset of the period.
 * @csspart start - The first day of the access.
 * @csspart end - The last day of the access.
 * @csspart grant-button - Gives the access.
 * @csspart step-up - The "sign in again" notice.
 * @csspart step-up-sign-in-button - Signs in again.
 *
 * @cssprop --omsorg-consent-panel-gap - Space between sections (default `--omsorg-space`, 1rem).
 * @cssprop --omsorg-consent-panel-section-background - Section background (default the surface colour).
 * @cssprop --omsorg-consent-panel-section-border-color - Section border (default the subtle border colour).
 * @cssprop --omsorg-consent-panel-skeleton-height - Height reserved while loading (default 10rem).
 */
export class OmsorgConsentPanel extends SubjectDataElement<ConsentPanelData> {
  static override styles = [SubjectDataElement.styles, styles];

  /** Show one section alone: `dialogue` or `relatives`. Without it, every section. */
  @property() section?: string;

  @state() private consent?: DialogueConsent;
  @state() private relatives?: RelativeAccessList | 'not-own';

  // The give-access form. What is typed lives only here, in memory: never in browser storage
  // or a URL, and it is dropped with everything else on sign-out (clearData).
  @state() private number = '';
  /** The name the server gave for `lookedUpNumber`: the person to confirm. */
  @state() private foundName?: string;
  private lookedUpNumber?: string;
  @state() private chosen = new Set<ScopeChoice>();
  @state() private start = '';
  @state() private end = '';
  @state() private errors: Partial<Record<GrantField, string>> = {};
  @state() private grantBusy?: 'lookup' | 'grant';
  /** Giving or taking back was refused for a sign-in too old: which, until the next press. */
  @state() private stepUp?: 'grant' | 'revoke';
  /** The refusal's `maxAge` (seconds): how recent the sign-in again must be. */
  private stepUpMaxAge?: number;
  @state() private signedInAgain = false;
  /**
   * The Idempotency-Key of the grant intent, and the body it was made for: reused when the same
   * grant is sent again (after a new sign-in), new when what is given changed.
   */
  private grantKey?: { key: string; body: string };
  /** The access whose "take back" waits for confirmation, and the one being taken back. */
  @state() private confirming?: string;
  @state() private revoking?: string;
  /** Why taking back the access `confirming` failed (other than an old sign-in). */
  @state() private revokeError = '';
  /** A change is on its way: the button says so and a second click does nothing. */
  @state() private saving = false;
  @state() private saveError = '';

  /** Reloads (also what "try again" does). */
  override reload(): void {
    super.reload();
  }

  protected override get t(): ConsentPanelMessages {
    return this.texts(messages);
  }

  /** One load for what the visible sections need: dialogue consent and/or relatives' access. */
  protected override async fetchData(client: Client, subject: string, options: CallOptions): Promise<ConsentPanelData> {
    const shown = this.sections;
    const [consent, relatives] = await Promise.all([
      shown.includes('dialogue') ? client.getDialogueConsent(subject, options) : undefined,
      shown.includes('relatives') ? this.fetchRelatives(client, subject, options) : undefined,
    ]);
    return { consent, relatives };
  }

  /**
   * Relatives' access is the person's own (the API answers a relative 403): for a subject the
   * person acts for, nothing is asked. A subject id that is the person's own counts as `me`.
   */
  private async fetchRelatives(client: Client, subject: string, options: CallOptions): Promise<RelativeAccessList | 'not-own'> {
    if (subject !== 'me') {
      const me = await client.me({ signal: options.signal });
      if (!me.subjects.some((s) => s.id === subject && s.relation.code === 'self')) return 'not-own';
    }
    return client.listRelativesAccess(options);
  }

  protected override onLoaded(data: ConsentPanelData): string {
    this.consent = data.consent;
    this.relatives = data.relatives;
    return data.consent ? this.t.loaded : this.t.relativesLoaded;
  }

  protected override clearData(): void {
    this.consent = undefined;
    this.saving = false;
    this.saveError = '';
    this.relatives = undefined;
    this.resetGrantForm();
    this.confirming = undefined;
    this.revoking = undefined;
    this.revokeError = '';
    this.stepUp = undefined;
    this.signedInAgain = false;
  }

  private resetGrantForm(): void {
    const today = osloToday();
    this.number = '';
    this.foundName = undefined;
    this.lookedUpNumber = undefined;
    this.chosen = new Set();
    this.start = today;
    this.end = addDays(today, 90);
    this.errors = {};
    this.grantBusy = undefined;
    this.grantKey = undefined;
  }

  protected override reloadsOn(changed: PropertyValues<this>): boolean {
    return super.reloadsOn(changed) || changed.has('section');
  }

  protected override clientConnected(client: Client): void {
    super.clientConnected(client);
    // Another element (or a copy of this one) changed it: show what holds now.
    this.listen('dialogue-consent-changed', ({ subjectId, consent }) => {
      if (subjectId === this.subject && this.phase === 'ready') this.consent = consent;
    });
    // Access given or taken back (here or by another element on the page): the SDK says what
    // holds now, and the list follows it without reading again.
    this.listen('relatives-access-changed', ({ access }) => {
      const list = this.relatives;
      if (!list || list === 'not-own' || this.phase !== 'ready') return;
      const mine = list.relatives.filter((a) => a.id !== access.id && (access.status !== 'active' || a.relative.id !== access.relative.id));
      this.relatives = { ...list, relatives: access.status === 'active' ? [...mine, access] : mine };
    });
  }

  /** The sections shown: the one named by `section`, or all (an unknown name shows all). */
  private get sections(): readonly ConsentSection[] {
    const one = consentSections.find((s) => s === this.section);
    return one ? [one] : consentSections;
  }

  /** Gives (`active`) or withdraws (`inactive`): one request, whatever the outcome, nothing lost. */
  private async decide(status: 'active' | 'inactive'): Promise<void> {
    const client = this.activeClient;
    const consent = this.consent;
    if (!client || !consent || this.saving) return;
    const subject = this.subject;
    this.saving = true;
    this.saveError = '';
    this.alertText = '';
    this.politeText = '';
    await this.request(
      (signal) =>
        client.setDialogueConsent({ subjectId: subject, status, textVersion: consent.currentTextVersion, version: consent.version }, { signal }),
      (after) => {
        this.consent = after;
        this.politeText = status === 'active' ? this.t.given : this.t.withdrawn;
        // The button pressed is gone (give becomes withdraw): keep focus on its successor.
        const next = status === 'active' ? 'withdraw-button' : 'give-button';
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[part="${next}"]`)?.focus());
      },
      (e) => void this.failed(client, subject, e as Failure),
      () => {
        this.saving = false;
      },
    );
  }

  /** A refused change says why; one refused because it changed elsewhere shows what holds now. */
  private async failed(client: Client, subject: string, e: Failure): Promise<void> {
    if (e.status === 412 || e.status === 409) {
      try {
        this.consent = await client.getDialogueConsent(subject, { fresh: true });
        this.saveError = this.t.changedElsewhere;
      } catch (again) {
        this.saveError = errorMessage(this.common, again as Failure);
      }
    } else {
      this.saveError = errorMessage(this.common, e);
    }
    this.alertText = this.saveError;
  }


  // ---------------------------------------------------------------- relatives' access: actions

  private onNumber(e: Event): void {
    this.number = (e.target as HTMLInputElement).value;
    // Another number: the name found no longer holds, and it must be looked up again.
    if (this.foundName !== undefined && this.number.trim() !== this.lookedUpNumber) {
      this.foundName = undefined;
      this.lookedUpNumber = undefined;
    }
    if (this.errors.number) this.errors = { ...this.errors, number: undefined };
  }

  private onScope(choice: ScopeChoice, e: Event): void {
    const next = new Set(this.chosen);
    if ((e.target as HTMLInputElement).checked) next.add(choice);
    else next.delete(choice);
    this.chosen = next;
  }

  /** Shows the errors (and the summary), says them, and moves focus to the summary. */
  private showErrors(errors: Partial<Record<GrantField, string>>): void {
    this.errors = errors;
    const texts = Object.values(errors).filter((x): x is string => !!x);
    this.alertText = texts.join(' ');
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#rel-error-summary')?.focus());
  }

  /** Step one: look up the name of the number typed, for the person to confirm. */
  private async lookUp(e?: Event): Promise<void> {
    e?.preventDefault();
    const client = this.activeClient;
    if (!client || this.grantBusy) return;
    const t = this.t;
    const number = this.number.trim();
    this.politeText = '';
    this.alertText = '';
    if (!parseIdentityNumber(number)) {
      this.showErrors({ number: t.errorNumber });
      return;
    }
    this.errors = {};
    this.grantBusy = 'lookup';
    await this.request(
      (signal) => client.lookUpPerson(number, { signal }),
      ({ name }) => {
        this.foundName = name;
        this.lookedUpNumber = number;
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#rel-found')?.focus());
      },
      (err) => this.showErrors(this.grantErrors(err as Failure)),
      () => {
        this.grantBusy = undefined;
      },
      'relatives',
    );
  }

  /** The person was not the right one: back to the number, nothing else lost. */
  private notThisPerson(): void {
    this.foundName = undefined;
    this.lookedUpNumber = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#rel-number')?.focus());
  }

  /** The form's own checks before sending (the server makes them again). */
  private localGrantErrors(today: string): Partial<Record<GrantField, string>> {
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
  private async give(e?: Event): Promise<void> {
    e?.preventDefault();
    const client = this.activeClient;
    if (!client || this.grantBusy) return;
    const today = osloToday();
    this.politeText = '';
    this.alertText = '';
    const local = this.localGrantErrors(today);
    if (Object.keys(local).length) {
      this.showErrors(local);
      return;
    }
    const number = this.lookedUpNumber!;
    const name = this.foundName!;
    const scopes = accessScopesOf(this.chosen);
    const input = { nationalIdentityNumber: number, scopes, period: { start: this.start, end: this.end } };
    // One intent, one key: the same grant pressed again (after signing in anew) reuses it, so
    // the server gives it once; another grant (anything changed) is a new intent.
    const body = JSON.stringify(input);
    if (this.grantKey?.body !== body) this.grantKey = { key: newKey(), body };
    const idempotencyKey = this.grantKey.key;
    this.errors = {};
    this.stepUp = undefined;
    this.signedInAgain = false;
    this.grantBusy = 'grant';
    await this.request(
      (signal) => client.grantRelativeAccess(input, { signal, idempotencyKey }),
      (access) => {
        // The list already shows it (relatives-access-changed); the number is never shown again.
        this.resetGrantForm();
        this.politeText = this.t.granted(name);
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(access.id)}"]`)?.focus());
      },
      (err) => {
        if ((err as Failure).type === problemTypes.stepUpRequired) this.toStepUp('grant', err);
        else this.showErrors(this.grantErrors(err as Failure));
      },
      () => {
        this.grantBusy = undefined;
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
        else out.form = errorMessage(this.common, e);
      }
      return out;
    }
    return { form: errorMessage(this.common, e) };
  }

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
    this.alertText = what === 'grant' ? this.t.stepUpGrant : this.t.stepUpRevoke;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#rel-step-up')?.focus());
  }

  private async signInAgain(): Promise<void> {
    try {
      await this.activeClient?.auth.signIn({ maxAge: this.stepUpMaxAge ?? relativeAccessLimits.stepUpMaxAgeSeconds });
    } catch {
      this.alertText = this.t.signInFailed;
      return;
    }
    this.signedInAgain = true;
    this.politeText = this.t.stepUpDone;
    // Back to the button to press again.
    const again = this.stepUp === 'revoke' ? '[part="revoke-yes-button"]' : '#rel-give';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(again)?.focus());
  }

  /**
   * Taking access back asks first: it ends a relative's access at once and can only be undone
   * by giving it again (a new look-up, a new sign-in), so one mistaken press should not do it.
   */
  private askRevoke(access: RelativeAccess): void {
    this.confirming = access.id;
    this.revokeError = '';
    this.stepUp = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[part="revoke-yes-button"]')?.focus());
  }

  private cancelRevoke(access: RelativeAccess): void {
    this.confirming = undefined;
    if (this.stepUp === 'revoke') this.stepUp = undefined;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[data-revoke="${CSS.escape(access.id)}"]`)?.focus());
  }

  private async revoke(access: RelativeAccess): Promise<void> {
    const client = this.activeClient;
    if (!client || this.revoking) return;
    this.revoking = access.id;
    this.revokeError = '';
    this.politeText = '';
    this.alertText = '';
    this.stepUp = undefined;
    this.signedInAgain = false;
    await this.request(
      (signal) => client.revokeRelativeAccess(access.id, { signal }),
      () => {
        // The list already lost it (relatives-access-changed): focus goes to the list's heading.
        this.confirming = undefined;
        this.politeText = this.t.revoked;
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#rel-for-you')?.focus());
      },
      (err) => {
        if ((err as Failure).type === problemTypes.stepUpRequired) this.toStepUp('revoke', err);
        else this.alertText = this.revokeError = errorMessage(this.common, err as Failure);
      },
      () => {
        this.revoking = undefined;
      },
      'relatives',
    );
  }

  // ---------------------------------------------------------------- rendering

  override render(): TemplateResult {
    return this.renderFrame(nothing);
  }

  /** Shown alone, the section's title is the element's heading. */
  protected override renderTitle(actingForName: string | undefined): unknown {
    if (this.sections.length === 1 && this.section) return this.sections[0] === 'dialogue' ? this.t.dialogueTitle : this.t.relativesTitle;
    return super.renderTitle(actingForName);
  }

  protected override renderSkeleton(): TemplateResult {
    return html`<span class="skeleton sk-section"></span>`;
  }

  protected override renderData(level: number): unknown {
    const alone = this.sections.length === 1 && !!this.section;
    return this.sections.map((s) => (s === 'dialogue' ? this.renderDialogue(level + 1, alone) : this.renderRelatives(alone ? level : level + 1, alone)));
  }

  // ---------------------------------------------------------------- relatives' access: rendering

  private renderRelatives(level: number, alone: boolean): TemplateResult {
    const t = this.t;
    const r = this.relatives;
    if (!r) return html``;
    const H = headingTag(level);
    const H2 = headingTag(level + 1);
    const head = alone ? nothing : staticHtml`<${H} id="relatives-title" part="section-heading" class="section-heading">${t.relativesTitle}</${H}>`;
    const labelledBy = alone ? 'title' : 'relatives-title';
    if (r === 'not-own') {
      return html`<section part="section section-relatives" class="section" aria-labelledby=${labelledBy}>
        ${head}
        <p part="relatives-only-self" class="notice">${t.relativesOnlySelf}</p>
      </section>`;
    }
    return html`<section part="section section-relatives" class="section" aria-labelledby=${labelledBy}>
      ${head}
      <div class="group">
        ${staticHtml`<${H2} id="rel-for-you" class="sub-heading" tabindex="-1">${t.whoForYouTitle}</${H2}>`}
        ${r.relatives.length
          ? html`<ul part="relatives-list" class="grants" role="list" aria-labelledby="rel-for-you">
              ${r.relatives.map((a) => this.renderGrant(a, a.relative.name, true))}
            </ul>`
          : html`<p part="relatives-empty">${t.whoForYouEmpty}</p>`}
      </div>
      <div class="group">
        ${staticHtml`<${H2} id="rel-you-for" class="sub-heading">${t.youForWhomTitle}</${H2}>`}
        ${r.actingFor.length
          ? html`<ul part="acting-for-list" class="grants" role="list" aria-labelledby="rel-you-for">
              ${r.actingFor.map((a) => this.renderGrant(a, a.subject.name, false))}
            </ul>`
          : html`<p part="acting-for-empty">${t.youForWhomEmpty}</p>`}
      </div>
      <div class="group">
        ${staticHtml`<${H2} id="rel-give-title" class="sub-heading">${t.giveTitle}</${H2}>`}
        ${this.renderGiveForm()}
      </div>
    </section>`;
  }

  /** One grant: the other person's name (untrusted: a text binding in <bdi>), relation, scopes, period. */
  private renderGrant(a: RelativeAccess, name: string, mine: boolean): TemplateResult {
    const t = this.t;
    // The relation is the subject's to the relative (Ola is Kari's parent, PRN): said in the list
    // of those the person acts for, not of the relatives, where it would name the wrong side.
    const relation = mine ? undefined : labelFor(a.relationship, this.locale);
    const scopes = a.scopes.map((s) => t.scopeNames[s]).join(', ');
    const end = a.period.end ? t.grantUntil(this.renderDate(a.period.end)) : t.grantOpenEnded;
    const confirming = mine && this.confirming === a.id;
    return html`<li part="grant" class="grant" data-id=${a.id} tabindex="-1">
      <p class="grant-name"><bdi>${name}</bdi>${relation ? html` <span class="hint">(${relation})</span>` : nothing}</p>
      <p>${t.grantScopes(scopes)} ${end}</p>
      ${a.basis === 'parent'
        ? html`<p class="hint">${t.parentBasis}</p>`
        : mine && !confirming
          ? html`<div class="actions">
              <button type="button" part="revoke-button" class="secondary" data-revoke=${a.id} aria-label=${t.revokeLabel(name)} @click=${() => this.askRevoke(a)}>
                ${t.revoke}
              </button>
            </div>`
          : nothing}
      ${confirming ? this.renderRevokeConfirm(a, name) : nothing}
    </li>`;
  }

  private renderRevokeConfirm(a: RelativeAccess, name: string): TemplateResult {
    const t = this.t;
    const busy = this.revoking === a.id;
    return html`<div part="revoke-confirm" class="confirm">
      <p>${t.revokeConfirm(html`<bdi>${name}</bdi>`)}</p>
      ${this.stepUp === 'revoke' ? this.renderStepUp() : nothing}
      ${this.revokeError ? html`<p class="inline-error">${this.revokeError}</p>` : nothing}
      <div class="actions">
        <button type="button" part="revoke-yes-button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => this.revoke(a)}>
          ${busy ? t.revoking : t.revokeYes}
        </button>
        <button type="button" part="revoke-no-button" class="secondary" @click=${() => this.cancelRevoke(a)}>${t.revokeNo}</button>
      </div>
    </div>`;
  }

  private renderStepUp(): TemplateResult {
    const t = this.t;
    return html`<div id="rel-step-up" part="step-up" class="notice step-up" tabindex="-1">
      <p>${this.signedInAgain ? t.stepUpDone : this.stepUp === 'revoke' ? t.stepUpRevoke : t.stepUpGrant}</p>
      ${this.signedInAgain ? nothing : html`<button type="button" part="step-up-sign-in-button" @click=${this.signInAgain}>${t.stepUpSignIn}</button>`}
    </div>`;
  }

  private renderGiveForm(): TemplateResult {
    const t = this.t;
    const e = this.errors;
    const max = relativeAccessLimits.maxDays;
    const today = osloToday();
    const found = this.foundName !== undefined;
    const summary = (Object.keys(e) as GrantField[]).filter((k) => e[k]);
    const err = (f: GrantField) => (e[f] ? html`<p id=${`${fieldIds[f]}-error`} class="field-error">${e[f]}</p>` : nothing);
    const describedBy = (f: GrantField, ...more: string[]) => [...more, e[f] ? `${fieldIds[f]}-error` : ''].filter(Boolean).join(' ') || nothing;
    const looking = this.grantBusy === 'lookup';
    const giving = this.grantBusy === 'grant';
    return html`<form part="give-form" class="give" novalidate @submit=${(ev: Event) => (found ? this.give(ev) : this.lookUp(ev))}>
      ${summary.length
        ? html`<div id="rel-error-summary" part="error-summary" class="error error-summary" tabindex="-1">
            <p>${t.errorSummary(summary.length)}</p>
            <ul>
              ${summary.map((f) => {
                // A form-wide error before the name is found leads to the number (there is no give button yet).
                const target = f === 'form' && !found ? fieldIds.number : fieldIds[f];
                return html`<li>
                  <a href=${`#${target}`} @click=${(ev: Event) => this.jumpTo(ev, target)}>${e[f]}</a>
                </li>`;
              })}
            </ul>
          </div>`
        : nothing}
      <div class="field">
        <label for="rel-number">${t.numberLabel}</label>
        ${err('number')}
        <div class="inline">
          <input
            id="rel-number"
            part="number"
            type="text"
            inputmode="numeric"
            autocomplete="off"
            maxlength="11"
            .value=${this.number}
            aria-invalid=${e.number ? 'true' : nothing}
            aria-describedby=${describedBy('number')}
            @input=${this.onNumber}
          />
          ${found
            ? nothing
            : html`<button type="submit" part="look-up-button" aria-disabled=${looking ? 'true' : 'false'}>${looking ? t.lookingUp : t.lookUp}</button>`}
        </div>
      </div>
      ${found
        ? html`<div id="rel-found" part="found" class="found" tabindex="-1">
            <p>${t.confirmName(html`<bdi>${this.foundName}</bdi>`)}</p>
            <button type="button" part="not-this-person-button" class="secondary" @click=${this.notThisPerson}>${t.notThisPerson}</button>
          </div>`
        : nothing}
      <fieldset part="scopes" class=${e.scopes ? 'invalid' : ''} aria-describedby=${describedBy('scopes')}>
        <legend>${t.scopesLegend}</legend>
        ${err('scopes')}
        ${scopeChoiceKeys.map(
          (c) => html`<div class="check">
            <input
              type="checkbox"
              id=${`rel-scope-${c}`}
              .checked=${this.chosen.has(c)}
              aria-invalid=${e.scopes ? 'true' : nothing}
              @change=${(ev: Event) => this.onScope(c, ev)}
            />
            <label for=${`rel-scope-${c}`}>${t.scopeChoices[c]}</label>
          </div>`,
        )}
      </fieldset>
      <fieldset part="period" aria-describedby="rel-period-hint">
        <legend>${t.periodLegend}</legend>
        <p id="rel-period-hint" class="hint">${t.periodHint(max)}</p>
        <div class="dates">
          <div class="field">
            <label for="rel-start">${t.startLabel}</label>
            ${err('start')}
            <input
              id="rel-start"
              part="start"
              type="date"
              min=${today}
              .value=${this.start}
              aria-invalid=${e.start ? 'true' : nothing}
              aria-describedby=${describedBy('start')}
              @input=${(ev: Event) => (this.start = (ev.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for="rel-end">${t.endLabel}</label>
            ${err('end')}
            <input
              id="rel-end"
              part="end"
              type="date"
              min=${this.start || today}
              max=${addDays(this.start || today, max - 1)}
              .value=${this.end}
              aria-invalid=${e.end ? 'true' : nothing}
              aria-describedby=${describedBy('end')}
              @input=${(ev: Event) => (this.end = (ev.target as HTMLInputElement).value)}
            />
          </div>
        </div>
      </fieldset>
      ${this.stepUp === 'grant' ? this.renderStepUp() : nothing}
      ${err('form')}
      ${found
        ? html`<div class="actions">
            <button id="rel-give" type="submit" part="grant-button" aria-disabled=${giving ? 'true' : 'false'} aria-describedby=${describedBy('form')}>
              ${giving ? t.givingAccess : t.giveAccess}
            </button>
          </div>`
        : nothing}
    </form>`;
  }

  /** An error summary link: focus the field (the page's URL stays as it is). */
  private jumpTo(e: Event, id: string): void {
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  /** An instant as a date in Oslo (`withTime`: and the time); one that does not parse, as sent. */
  private renderDate(iso: string, withTime = false): TemplateResult {
    const d = parseInstant(iso);
    if (!d) return html`<bdi>${iso}</bdi>`;
    return html`<time datetime=${iso}>${withTime ? formatDateTime(d, this.locale) : formatDate(d, this.locale)}</time>`;
  }

  private renderDialogue(level: number, alone: boolean): TemplateResult {
    const t = this.t;
    const c = this.consent;
    if (!c) return html``;
    const H = headingTag(level);
    const latest: ConsentDecision | undefined = c.history[0];
    const state = c.status === 'none' || !latest ? 'none' : c.status === 'inactive' ? 'inactive' : dialogueRefusal(c, c.currentTextVersion) ? 'outdated' : 'active';
    const at = latest ? this.renderDate(latest.decidedAt) : nothing;
    const status =
      state === 'none' ? t.statusNone : state === 'inactive' ? t.statusInactive(at) : state === 'outdated' ? t.statusOutdated(at) : t.statusActive(at);
    // The person may agree only to a text this panel can show them.
    const knowsText = c.currentTextVersion === t.dialogueTextVersion;
    const self = !this.actsForOther;
    return html`<section part="section section-dialogue" class="section" aria-labelledby=${alone ? 'title' : 'dialogue-title'}>
      ${alone ? nothing : staticHtml`<${H} id="dialogue-title" part="section-heading" class="section-heading">${t.dialogueTitle}</${H}>`}
      ${knowsText
        ? html`<div part="consent-text" class="consent-text">${dialogueParagraphs.map((k) => html`<p>${t.dialogueText[k]}</p>`)}</div>`
        : html`<p class="notice">${t.textUnknown}</p>`}
      <p part="status status-${state}" class="status status-${state}">${status}</p>
      ${self ? this.renderDialogueActions(state, knowsText) : html`<p part="only-self" class="notice">${t.onlySelf}</p>`}
      ${this.saveError ? html`<p part="save-error" class="inline-error">${this.saveError}</p>` : nothing}
      ${c.history.length ? this.renderHistory(c.history) : nothing}
    </section>`;
  }

  private renderDialogueActions(state: 'none' | 'active' | 'outdated' | 'inactive', knowsText: boolean): unknown {
    const t = this.t;
    // Withdrawing takes no more steps than giving: one button each, no confirmation.
    const give = state !== 'active' && knowsText;
    const withdraw = state === 'active' || state === 'outdated';
    if (!give && !withdraw) return nothing;
    return html`<div class="actions">
      ${give
        ? html`<button type="button" part="give-button" aria-disabled=${this.saving ? 'true' : 'false'} @click=${() => this.decide('active')}>
            ${this.saving ? t.saving : t.give}
          </button>`
        : nothing}
      ${withdraw
        ? html`<button
            type="button"
            part="withdraw-button"
            class=${give ? 'secondary' : ''}
            aria-disabled=${this.saving ? 'true' : 'false'}
            @click=${() => this.decide('inactive')}
          >
            ${this.saving && !give ? t.saving : t.withdraw}
          </button>`
        : nothing}
    </div>`;
  }

  private renderHistory(history: readonly ConsentDecision[]): TemplateResult {
    const t = this.t;
    return html`<details part="history" class="history">
      <summary>${t.history(history.length)}</summary>
      <ul role="list">
        ${history.map((d) => {
          const at = this.renderDate(d.decidedAt, true);
          const who = html`<bdi>${d.decidedBy.name}</bdi>`;
          return html`<li>${d.status === 'active' ? t.decidedActive(at, who) : t.decidedInactive(at, who)}</li>`;
        })}
      </ul>
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'omsorg-consent-panel': OmsorgConsentPanel;
  }
}
