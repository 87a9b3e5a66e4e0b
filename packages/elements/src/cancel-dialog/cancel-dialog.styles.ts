import { css } from 'lit';
import { baseStyles, radioStyles } from '../internal/styles.js';

export const styles = [
  baseStyles,
  radioStyles,
  css`
    :host {
      display: inline-block;
      --_dialog-width: var(--omsorg-cancel-dialog-width, 36rem);
      --_dialog-bg: var(--omsorg-cancel-dialog-background, var(--_surface));
      --_dialog-pad: var(--omsorg-cancel-dialog-padding, clamp(0.75rem, 4vw, 1.5rem));
      --_dialog-radius: var(--omsorg-cancel-dialog-border-radius, var(--_radius));
    }
    dialog {
      box-sizing: border-box;
      width: min(var(--_dialog-width), calc(100vw - 1rem));
      max-width: calc(100vw - 1rem);
      max-height: calc(100dvh - 1rem);
      overflow: auto;
      padding: 0;
      border: 1px solid var(--_border-subtle);
      border-radius: var(--_dialog-radius);
      background: var(--_dialog-bg);
      color: var(--_text);
      font: inherit;
      line-height: inherit;
    }
    dialog::backdrop {
      background: var(--omsorg-cancel-dialog-backdrop, rgb(0 0 0 / 0.55));
    }
    .body {
      padding: var(--_dialog-pad);
      display: flex;
      flex-direction: column;
      gap: 1rem;
    }
    h2 {
      margin: 0;
      font-size: 1.375rem;
      line-height: 1.3;
    }
    h2:focus {
      outline: none;
    }
    h2:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    h3 {
      margin: 0 0 0.25rem;
      font-size: 1.0625rem;
    }
    p {
      margin: 0;
    }
    .what {
      margin: 0;
      display: grid;
      gap: 0.25rem;
    }
    .what div {
      display: flex;
      flex-wrap: wrap;
      column-gap: 0.5rem;
    }
    .what dt {
      font-weight: 600;
      min-width: 5rem;
    }
    .what dt::after {
      content: ':';
    }
    .what dd {
      margin: 0;
    }
    .deadline {
      margin-top: 0.5rem;
      font-weight: 600;
    }
    #summary > .notice {
      margin-top: 0.5rem;
    }
    .consequence {
      padding: 0.75rem 1rem;
      border-radius: var(--_radius);
      background: var(--_warning-surface);
    }
    .changed ul,
    .error-summary ul {
      margin: 0.25rem 0 0.5rem;
      padding-inline-start: 1.25rem;
    }
    .changed:focus,
    .outcome:focus,
    #closed:focus {
      outline: none;
    }
    .changed:focus-visible,
    .outcome:focus-visible,
    #closed:focus-visible {
      outline: 3px solid var(--_focus);
    }
    a {
      color: var(--_accent);
    }
    .error-summary a {
      color: var(--_danger);
      /* A target of at least 24×24 px (WCAG 2.5.8): the links are alone on their line. */
      display: inline-block;
      padding-block: 0.25rem;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 1rem;
    }
    fieldset {
      margin: 0;
      padding: 0.5rem 0.75rem 0.75rem;
      border: 1px solid var(--_border-subtle);
      border-radius: var(--_radius);
      min-width: 0;
    }
    fieldset.invalid {
      border: 2px solid var(--_danger);
    }
    legend {
      font-weight: 600;
      padding: 0 0.25rem;
    }
    .hint {
      font-weight: 400;
      color: var(--_text-subtle);
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    .field > label {
      font-weight: 600;
    }
    textarea {
      font: inherit;
      width: 100%;
      min-height: 6rem;
      resize: vertical;
      padding: 0.5rem;
      border: 2px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
    }
    textarea[aria-invalid='true'] {
      border-color: var(--_danger);
    }
    .field-error {
      color: var(--_danger);
      font-weight: 600;
    }
    .count {
      color: var(--_text-subtle);
      font-size: 0.9375rem;
    }
    .count.over {
      color: var(--_danger);
      font-weight: 600;
    }
    .outcome {
      padding: 0.75rem 1rem;
      border-radius: var(--_radius);
      border-left: 4px solid var(--_success);
      background: var(--_surface-tinted);
      color: var(--_success);
      font-weight: 600;
    }
    .skeleton {
      margin-block: 0.5rem;
    }
    .skeleton.line {
      height: 1.5rem;
    }
    .skeleton.short {
      width: 70%;
    }
    .skeleton.block {
      height: 3rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .actions button {
      flex: 1 1 12rem;
    }
    @media (forced-colors: active) {
      dialog {
        border: 2px solid CanvasText;
      }
      fieldset.invalid,
      textarea[aria-invalid='true'] {
        border: 3px solid CanvasText;
      }
      .outcome,
      .consequence,
      .changed {
        border: 2px solid CanvasText;
      }
      .field-error,
      .count.over {
        text-decoration: underline;
      }
    }
  `,
];
