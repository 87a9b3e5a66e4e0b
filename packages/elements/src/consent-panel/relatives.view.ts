/** The relatives' access section's markup, as functions of its state (relatives.ts). */
import { html, nothing, type TemplateResult } from 'lit';
import { html as staticHtml } from 'lit/static-html.js';
import { labelIn, relations, relativeAccessLimits, type RelativeAccess, type RelativeAccessList } from '@omsorg/contract';
import { headingTag } from '../internal/heading.js';
import type { ConsentPanelMessages } from './consent-panel.messages.js';
import { addDays, osloToday, renderDate, type PanelContext } from './section.js';

/** What a relative may be given, as the form offers it (relatives.ts maps these to API scopes). */
export const scopeChoiceKeys = ['see', 'cancel', 'messages'] as const;
export type ScopeChoice = (typeof scopeChoiceKeys)[number];

/** The fields of the give-access form that can carry an error (and `form`: the form as a whole). */
export type GrantField = 'number' | 'scopes' | 'start' | 'end' | 'form';
/** The id of the control each error leads to from the error summary. */
const fieldIds: Record<GrantField, string> = { number: 'rel-number', scopes: 'rel-scope-see', start: 'rel-start', end: 'rel-end', form: 'rel-give' };

/** What the markup needs from the section. */
export interface RelativesView {
  readonly c: PanelContext;
  readonly t: ConsentPanelMessages;
  readonly list?: RelativeAccessList | 'not-own';
  readonly number: string;
  readonly foundName?: string;
  readonly chosen: ReadonlySet<ScopeChoice>;
  readonly start: string;
  readonly end: string;
  readonly errors: Partial<Record<GrantField, string>>;
  readonly busy?: 'lookup' | 'grant';
  readonly stepUp?: 'grant' | 'revoke';
  readonly signedInAgain: boolean;
  readonly confirming?: string;
  readonly revoking?: string;
  readonly revokeError: string;
  onNumber(e: Event): void;
  onScope(choice: ScopeChoice, e: Event): void;
  onDate(which: 'start' | 'end', e: Event): void;
  lookUp(e?: Event): Promise<void>;
  give(e?: Event): Promise<void>;
  notThisPerson(): void;
  signInAgain(): Promise<void>;
  askRevoke(access: RelativeAccess): void;
  cancelRevoke(access: RelativeAccess): void;
  revoke(access: RelativeAccess): Promise<void>;
}

export function renderRelatives(s: RelativesView, level: number, alone: boolean): TemplateResult {
  const t = s.t;
  const r = s.list;
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
            ${r.relatives.map((a) => renderGrant(s, a, a.relative.name, true))}
          </ul>`
        : html`<p part="relatives-empty">${t.whoForYouEmpty}</p>`}
    </div>
    <div class="group">
      ${staticHtml`<${H2} id="rel-you-for" class="sub-heading">${t.youForWhomTitle}</${H2}>`}
      ${r.actingFor.length
        ? html`<ul part="acting-for-list" class="grants" role="list" aria-labelledby="rel-you-for">
            ${r.actingFor.map((a) => renderGrant(s, a, a.subject.name, false))}
          </ul>`
        : html`<p part="acting-for-empty">${t.youForWhomEmpty}</p>`}
    </div>
    <div class="group">
      ${staticHtml`<${H2} id="rel-give-title" class="sub-heading">${t.giveTitle}</${H2}>`}
      ${renderGiveForm(s)}
    </div>
  </section>`;
}

/** One grant: the other person's name (untrusted: a text binding in <bdi>), relation, scopes, period. */
function renderGrant(s: RelativesView, a: RelativeAccess, name: string, mine: boolean): TemplateResult {
  const t = s.t;
  const locale = s.c.locale();
  // The relation is the subject's to the relative (Ola is Kari's parent, PRN): said in the list
  // of those the person acts for, not of the relatives, where it would name the wrong side.
  const relation = mine ? undefined : labelIn(relations, a.relationship, locale);
  const scopes = a.scopes.map((x) => t.scopeNames[x]).join(', ');
  const end = a.period.end ? t.grantUntil(renderDate(a.period.end, locale)) : t.grantOpenEnded;
  const confirming = mine && s.confirming === a.id;
  return html`<li part="grant" class="grant" data-id=${a.id} tabindex="-1">
    <p class="grant-name"><bdi>${name}</bdi>${relation ? html` <span class="hint">(${relation})</span>` : nothing}</p>
    <p>${t.grantScopes(scopes)} ${end}</p>
    ${a.basis === 'parent'
      ? html`<p class="hint">${t.parentBasis}</p>`
      : mine && !confirming
        ? html`<div class="actions">
            <button type="button" part="revoke-button" class="secondary" data-revoke=${a.id} aria-label=${t.revokeLabel(name)} @click=${() => s.askRevoke(a)}>
              ${t.revoke}
            </button>
          </div>`
        : nothing}
    ${confirming ? renderRevokeConfirm(s, a, name) : nothing}
  </li>`;
}

function renderRevokeConfirm(s: RelativesView, a: RelativeAccess, name: string): TemplateResult {
  const t = s.t;
  const busy = s.revoking === a.id;
  return html`<div part="revoke-confirm" class="confirm">
    <p>${t.revokeConfirm(html`<bdi>${name}</bdi>`)}</p>
    ${s.stepUp === 'revoke' ? renderStepUp(s) : nothing}
    ${s.revokeError ? html`<p class="inline-error">${s.revokeError}</p>` : nothing}
    <div class="actions">
      <button type="button" part="revoke-yes-button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => s.revoke(a)}>
        ${busy ? t.revoking : t.revokeYes}
      </button>
      <button type="button" part="revoke-no-button" class="secondary" @click=${() => s.cancelRevoke(a)}>${t.revokeNo}</button>
    </div>
  </div>`;
}

function renderStepUp(s: RelativesView): TemplateResult {
  const t = s.t;
  return html`<div id="rel-step-up" part="step-up" class="notice step-up" tabindex="-1">
    <p>${s.signedInAgain ? t.stepUpDone : s.stepUp === 'revoke' ? t.stepUpRevoke : t.stepUpGrant}</p>
    ${s.signedInAgain ? nothing : html`<button type="button" part="step-up-sign-in-button" @click=${() => s.signInAgain()}>${t.stepUpSignIn}</button>`}
  </div>`;
}

/** An error summary link: focus the field at once (the page's URL stays as it is). */
function jumpTo(e: Event, id: string): void {
  e.preventDefault();
  ((e.currentTarget as Element).getRootNode() as ParentNode).querySelector<HTMLElement>(`#${id}`)?.focus();
}

function renderGiveForm(s: RelativesView): TemplateResult {
  const t = s.t;
  const e = s.errors;
  const max = relativeAccessLimits.maxDays;
  const today = osloToday();
  const found = s.foundName !== undefined;
  const summary = (Object.keys(e) as GrantField[]).filter((k) => e[k]);
  const err = (f: GrantField) => (e[f] ? html`<p id=${`${fieldIds[f]}-error`} class="field-error">${e[f]}</p>` : nothing);
  const describedBy = (f: GrantField, ...more: string[]) => [...more, e[f] ? `${fieldIds[f]}-error` : ''].filter(Boolean).join(' ') || nothing;
  const looking = s.busy === 'lookup';
  const giving = s.busy === 'grant';
  return html`<form part="give-form" class="give" novalidate @submit=${(ev: Event) => (found ? s.give(ev) : s.lookUp(ev))}>
    ${summary.length
      ? html`<div id="rel-error-summary" part="error-summary" class="error error-summary" tabindex="-1">
          <p>${t.errorSummary(summary.length)}</p>
          <ul>
            ${summary.map((f) => {
              // A form-wide error before the name is found leads to the number (there is no give button yet).
              const target = f === 'form' && !found ? fieldIds.number : fieldIds[f];
              return html`<li>
                <a href=${`#${target}`} @click=${(ev: Event) => jumpTo(ev, target)}>${e[f]}</a>
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
          .value=${s.number}
          aria-invalid=${e.number ? 'true' : nothing}
          aria-describedby=${describedBy('number')}
          @input=${(ev: Event) => s.onNumber(ev)}
        />
        ${found
          ? nothing
          : html`<button type="submit" part="look-up-button" aria-disabled=${looking ? 'true' : 'false'}>${looking ? t.lookingUp : t.lookUp}</button>`}
      </div>
    </div>
    ${found
      ? html`<div id="rel-found" part="found" class="found" tabindex="-1">
          <p>${t.confirmName(html`<bdi>${s.foundName}</bdi>`)}</p>
          <button type="button" part="not-this-person-button" class="secondary" @click=${() => s.notThisPerson()}>${t.notThisPerson}</button>
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
            .checked=${s.chosen.has(c)}
            aria-invalid=${e.scopes ? 'true' : nothing}
            @change=${(ev: Event) => s.onScope(c, ev)}
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
            .value=${s.start}
            aria-invalid=${e.start ? 'true' : nothing}
            aria-describedby=${describedBy('start')}
            @input=${(ev: Event) => s.onDate('start', ev)}
          />
        </div>
        <div class="field">
          <label for="rel-end">${t.endLabel}</label>
          ${err('end')}
          <input
            id="rel-end"
            part="end"
            type="date"
            min=${s.start || today}
            max=${addDays(s.start || today, max - 1)}
            .value=${s.end}
            aria-invalid=${e.end ? 'true' : nothing}
            aria-describedby=${describedBy('end')}
            @input=${(ev: Event) => s.onDate('end', ev)}
          />
        </div>
      </div>
    </fieldset>
    ${s.stepUp === 'grant' ? renderStepUp(s) : nothing}
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
