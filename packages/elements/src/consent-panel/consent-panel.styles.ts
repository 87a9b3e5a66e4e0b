import { css } from 'lit';

/** This element's own styles; the shared and frame styles come from SubjectDataElement. */
export const styles = [
  css`
    :host {
      --_gap: var(--omsorg-consent-panel-gap, var(--_space));
      --_section-bg: var(--omsorg-consent-panel-section-background, var(--_surface));
      --_section-border: var(--omsorg-consent-panel-section-border-color, var(--_border-subtle));
      --_skeleton-height: var(--omsorg-consent-panel-skeleton-height, 10rem);
    }
    .content {
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    .sk-section {
      height: var(--_skeleton-height);
    }
    .section {
      background: var(--_section-bg);
      border: 1px solid var(--_section-border);
      border-radius: var(--_radius);
      padding: 0.75rem 1rem;
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
      min-width: 0;
    }
    .section p {
      margin: 0;
    }
    .section-heading {
      margin: 0;
      font-size: 1.15em;
      line-height: 1.35;
    }
    .consent-text {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      max-width: 65ch;
    }
    .status {
      font-weight: 600;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .history summary {
      cursor: pointer;
      padding: 0.25rem 0;
    }
    .history ul {
      margin: 0.25rem 0 0;
      padding-left: 1.25rem;
    }
    /* Relatives' access */
    .group {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }
    .sub-heading {
      margin: 0;
      font-size: 1.05em;
      line-height: 1.35;
    }
    .sub-heading:focus,
    .grant:focus,
    .found:focus,
    .step-up:focus,
    .error-summary:focus {
      outline: none;
    }
    .sub-heading:focus-visible,
    .grant:focus-visible,
    .found:focus-visible,
    .step-up:focus-visible,
    .error-summary:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    .grants {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }
    .grant {
      border-top: 1px solid var(--_section-border);
      padding-top: 0.5rem;
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    .grant p,
    .give p,
    .confirm p {
      margin: 0;
    }
    .grant-name {
      font-weight: 600;
    }
    .hint {
      font-weight: 400;
      color: var(--_text-subtle);
    }
    .confirm,
    .found {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      padding: 0.75rem 1rem;
      border-radius: var(--_radius);
      background: var(--_surface-tinted);
    }
    .found p {
      font-weight: 600;
    }
    .step-up {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 0.5rem;
    }
    .give {
      display: flex;
      flex-direction: column;
      gap: 1rem;
      max-width: 40rem;
    }
    .give fieldset {
      margin: 0;
      padding: 0.5rem 0.75rem 0.75rem;
      border: 1px solid var(--_section-border);
      border-radius: var(--_radius);
      min-width: 0;
    }
    .give fieldset.invalid {
      border: 2px solid var(--_danger);
    }
    .give legend {
      font-weight: 600;
      padding: 0 0.25rem;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      min-width: 0;
    }
    .field > label {
      font-weight: 600;
    }
    .inline,
    .dates {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: flex-end;
    }
    .give input[type='text'],
    .give input[type='date'],
    .give select {
      font: inherit;
      min-height: 2.75rem;
      max-width: 100%;
      padding: 0.25rem 0.5rem;
      border: 2px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
    }
    .give input[type='text'] {
      width: 14ch;
      letter-spacing: 0.05em;
    }
    .give input[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    .check {
      display: flex;
      align-items: flex-start;
      gap: 0.5rem;
      padding-block: 0.25rem;
    }
    /* Targets of at least 24×24 px (WCAG 2.5.8). */
    .check input {
      flex: none;
      width: 1.5rem;
      height: 1.5rem;
      margin: 0.05rem 0 0;
      accent-color: var(--_accent);
    }
    .check label {
      min-height: 1.75rem;
    }
    .field-error,
    .inline-error {
      color: var(--_danger);
      font-weight: 600;
    }
    .error-summary ul {
      margin: 0.25rem 0 0;
      padding-inline-start: 1.25rem;
    }
    .error-summary a {
      color: var(--_danger);
      display: inline-block;
      padding-block: 0.25rem;
    }
    .choice > .hint {
      margin: 0 0 0.25rem 2rem;
    }
    .contact {
      margin: 0.25rem 0;
      padding-inline-start: 1.25rem;
    }
    .preview {
      margin: 0 0 0.5rem 2rem;
    }
    .preview summary {
      cursor: pointer;
      min-height: 1.5rem;
      color: var(--_accent);
    }
    .preview p {
      margin: 0.25rem 0;
      overflow-wrap: anywhere;
    }
  `,
];
