import { css } from 'lit';

/**
 * Styles of what Composer renders (text box, count, attachments, draft status, outbox, error
 * summary) and the notices beside it, shared by <omsorg-message-thread> and <omsorg-inbox>.
 */
export const composerStyles = css`
  form {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
  }
  .field,
  .attachments {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    min-width: 0;
  }
  .field > label,
  .attachments > label,
  legend {
    font-weight: 600;
  }
  .hint,
  .draft-status,
  .count {
    margin: 0;
    color: var(--_text-subtle);
    font-size: 0.9375rem;
  }
  .draft-status {
    min-height: 1lh;
  }
  .draft-status.unsaved {
    color: var(--_text);
    font-weight: 600;
  }
  textarea,
  input[type='text'] {
    font: inherit;
    width: 100%;
    padding: 0.5rem;
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  textarea {
    min-height: 8rem;
    resize: vertical;
  }
  textarea[aria-invalid='true'],
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  input[type='file'] {
    font: inherit;
    max-width: 100%;
    min-height: 2.75rem;
  }
  input[type='file']::file-selector-button {
    font: inherit;
    min-height: 2.5rem;
    padding: 0.25rem 0.75rem;
    margin-inline-end: 0.75rem;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_accent);
    cursor: pointer;
  }
  .count.over,
  .field-error {
    color: var(--_danger);
    font-weight: 600;
  }
  .field-error,
  .file-errors,
  .attachment-list,
  .outbox,
  .error-summary ul {
    margin: 0;
  }
  .file-errors,
  .attachment-list,
  .outbox {
    list-style: none;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
  }
  .attachment-list li {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  button.small {
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
  }
  .error-summary:focus {
    outline: 3px solid var(--_focus);
  }
  .error-summary a {
    color: var(--_danger);
    display: inline-block;
    padding-block: 0.25rem;
  }
  .outbox-item {
    padding: 0.5rem 0.75rem;
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  .outbox-item.not-sent {
    border: 2px solid var(--_danger);
  }
  .outbox-item p {
    margin: 0 0 0.25rem;
  }
  .outbox-text {
    white-space: pre-line;
    max-height: 6rem;
    overflow: auto;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .notices {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
  }
  .notices p {
    margin: 0;
  }
  .emergency {
    font-weight: 600;
  }
  a {
    color: var(--_accent);
  }
  /* Short numbers (113) are still a 24 px target (WCAG 2.5.8). */
  a[href^='tel:'] {
    white-space: nowrap;
    display: inline-block;
    min-height: 1.5rem;
    min-width: 1.5rem;
    text-align: center;
  }
  .service-notice {
    white-space: pre-line;
  }
  @container (max-width: 30rem) {
    .actions button {
      flex: 1 1 100%;
    }
  }
  @media (forced-colors: active) {
    textarea[aria-invalid='true'],
    input[aria-invalid='true'],
    .outbox-item.not-sent {
      border: 3px solid CanvasText;
    }
    .field-error,
    .count.over {
      text-decoration: underline;
    }
    a {
      color: LinkText;
    }
  }
`;
