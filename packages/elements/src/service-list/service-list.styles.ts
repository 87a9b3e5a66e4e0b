import { css } from 'lit';

/** This element's own styles; the shared and frame styles come from SubjectDataElement. */
export const styles = [
  css`
    :host {
      --_gap: var(--omsorg-service-list-gap, var(--_space));
      --_item-bg: var(--omsorg-service-list-item-background, var(--_surface));
      --_item-border: var(--omsorg-service-list-item-border-color, var(--_border-subtle));
      --_item-radius: var(--omsorg-service-list-item-radius, var(--_radius));
      --_active: var(--omsorg-service-list-status-active, var(--_success));
      --_planned: var(--omsorg-service-list-status-planned, var(--_accent));
      --_ended: var(--omsorg-service-list-status-ended, var(--_text-subtle));
      --_skeleton-height: var(--omsorg-service-list-skeleton-height, 12rem);
    }
    .empty {
      margin: 0;
    }
    .unavailable {
      margin: 0 0 var(--_gap);
    }
    .skeleton-list {
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    .sk-item {
      height: 5.5rem;
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
      background: var(--_item-bg);
      border: 1px solid var(--_item-border);
      border-radius: var(--_item-radius);
      padding: 0.75rem 1rem;
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      min-width: 0;
    }
    .item p {
      margin: 0;
    }
    .item-heading {
      margin: 0;
      font-size: 1.1em;
      line-height: 1.35;
    }
    .status {
      align-self: flex-start;
      display: inline-block;
      padding: 0.1rem 0.6rem;
      border: 2px solid currentColor;
      border-radius: 999px;
      font-size: 0.95em;
      font-weight: 600;
      background: var(--_surface);
    }
    .status-active .status {
      color: var(--_active);
    }
    .status-planned .status {
      color: var(--_planned);
      border-style: dashed;
    }
    .status-ended .status {
      color: var(--_ended);
      border-style: dotted;
    }
    .details {
      margin: 0;
      display: grid;
      gap: 0.25rem;
    }
    .details > div {
      display: grid;
      grid-template-columns: minmax(7rem, max-content) minmax(0, 1fr);
      column-gap: 0.75rem;
    }
    .details dt {
      font-weight: 600;
    }
    .details dd {
      margin: 0;
      min-width: 0;
    }
    .text {
      white-space: pre-line;
    }
    a.phone {
      color: var(--_accent);
      white-space: nowrap;
    }
    .signed-out p {
      margin: 0 0 0.5rem;
    }
    .inline-error {
      color: var(--_danger);
    }
    @container (max-width: 30rem) {
      .details > div {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    @media (forced-colors: active) {
      .item,
      .status {
        border: 1px solid CanvasText;
      }
      .status {
        color: CanvasText;
      }
      a.phone {
        color: LinkText;
      }
    }
  `,
];
