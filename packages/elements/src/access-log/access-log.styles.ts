import { css } from 'lit';

/** This element's own styles; the shared and frame styles come from SubjectDataElement. */
export const styles = [
  css`
    :host {
      --_gap: var(--omsorg-access-log-gap, 0.5rem);
      --_item-border: var(--omsorg-access-log-item-border-color, var(--_border-subtle));
      --_skeleton-height: var(--omsorg-access-log-skeleton-height, 12rem);
    }
    .period fieldset {
      border: 0;
      margin: 0 0 var(--_space);
      padding: 0;
      min-width: 0;
    }
    .period legend {
      font-weight: 600;
      padding: 0;
      margin-bottom: 0.25rem;
    }
    .fields {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: flex-end;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    .field input {
      font: inherit;
      min-height: 2.75rem;
      padding: 0.25rem 0.5rem;
      border: 1px solid currentColor;
      border-radius: var(--_radius);
      max-width: 100%;
    }
    .field input[aria-invalid='true'] {
      border-width: 2px;
    }
    .shown-period,
    .empty {
      margin: 0 0 var(--_gap);
    }
    .skeleton-list {
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    .sk-item {
      height: 4.5rem;
    }
    ul.items {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    .item {
      border: 1px solid var(--_item-border);
      border-radius: var(--_radius);
      padding: 0.5rem 0.75rem;
      min-width: 0;
    }
    .when {
      margin: 0 0 0.25rem;
      font-weight: 600;
    }
    .details {
      margin: 0;
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
      gap: 0.25rem 1rem;
    }
    .details dt {
      font-size: 0.9em;
    }
    .details dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .more {
      margin-top: var(--_gap);
    }
  `,
];
