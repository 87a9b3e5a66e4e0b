import { css } from 'lit';

/** This element's own styles; the shared and frame styles come from SubjectDataElement. */
export const styles = [
  css`
    :host {
      --_gap: var(--omsorg-appointment-list-gap, var(--_space));
      --_item-bg: var(--omsorg-appointment-list-item-background, var(--_surface));
      --_item-border: var(--omsorg-appointment-list-item-border-color, var(--_border-subtle));
      --_item-radius: var(--omsorg-appointment-list-item-radius, var(--_radius));
      --_day-color: var(--omsorg-appointment-list-day-heading-color, var(--_text));
      --_time-color: var(--omsorg-appointment-list-time-color, var(--_accent));
      --_positive: var(--omsorg-appointment-list-status-positive, var(--_success));
      --_attention: var(--omsorg-appointment-list-status-attention, var(--_text-subtle));
      --_negative: var(--omsorg-appointment-list-status-negative, var(--_danger));
      --_skeleton-height: var(--omsorg-appointment-list-skeleton-height, 18rem);
    }
    .toggle {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .toggle-button {
      background: transparent;
      color: var(--_accent);
    }
    .toggle-button[aria-pressed='true'] {
      background: var(--_accent);
      color: var(--_on-accent);
      text-decoration: underline;
      text-underline-offset: 0.2em;
    }
    .skeleton-list {
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    .sk-heading {
      height: 1.75rem;
      width: min(16rem, 70%);
    }
    .sk-item {
      height: 7rem;
    }
    ul.days,
    ul.items {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    /* Days, items and an item's parts stack in block flow with margins between them, not in
       flex columns: the same boxes (none of their children has a margin of its own), laid out in
       one pass, which matters with hundreds of items. */
    ul.days > li + li {
      margin-top: calc(var(--_gap) * 1.5);
    }
    ul.items > li + li {
      margin-top: var(--_gap);
    }
    .day-heading {
      margin: 0 0 0.5rem;
      font-size: 1.15em;
      line-height: 1.3;
      color: var(--_day-color);
    }
    .day-heading time {
      display: inline-block;
    }
    .day-heading time::first-letter {
      text-transform: uppercase;
    }
    /* A long list (hundreds of visits) lays out and paints only the items near the screen; the
       others keep their last size (or about an item's) until scrolled to. They stay in the
       accessibility tree, in find-in-page and in the tab order. Short lists are left as they are. */
    .days.long .item {
      content-visibility: auto;
      contain-intrinsic-size: auto 9rem;
    }
    .item {
      display: block;
      background: var(--_item-bg);
      border: 1px solid var(--_item-border);
      border-radius: var(--_item-radius);
      padding: 0.75rem 1rem;
    }
    /* (0,2,0): above the parts' own margin: 0 (.details, .item p). */
    .item > :not(:first-child) {
      margin-top: 0.5rem;
    }
    .item.tone-negative {
      border-left: 4px solid var(--_negative);
    }
    .item-heading {
      margin: 0;
      font-size: 1em;
      line-height: 1.4;
    }
    .item-heading:focus {
      outline: none;
    }
    .item-heading:focus-visible {
      outline: 3px solid var(--_focus);
    }
    .item-heading .time {
      display: block;
      font-size: 1.15em;
      color: var(--_time-color);
    }
    .item-heading .label {
      display: block;
    }
    .item p {
      margin: 0;
    }
    .status {
      width: fit-content;
      padding: 0.1rem 0.6rem;
      border: 2px solid currentColor;
      border-radius: 999px;
      font-size: 0.95em;
      font-weight: 600;
      background: var(--_surface);
    }
    .tone-positive .status {
      color: var(--_positive);
    }
    .tone-attention .status {
      color: var(--_attention);
      border-style: dashed;
    }
    .tone-negative .status {
      color: var(--_negative);
    }
    .window-note {
      color: var(--_text-subtle);
      font-size: 0.95em;
    }
    /* One grid per item, with no wrapper per row: labels share a column. */
    .details {
      margin: 0;
      display: grid;
      grid-template-columns: minmax(7rem, max-content) minmax(0, 1fr);
      gap: 0.25rem 0.75rem;
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
    .preparation {
      padding: 0.5rem 0.75rem;
      border-radius: var(--_radius);
      background: var(--_warning-surface);
      border-left: 4px solid var(--_border);
    }
    .preparation-title {
      font-weight: 600;
    }
    .preparation > .text {
      display: block;
    }
    .deadline {
      color: var(--_text-subtle);
    }
    .deadline-passed {
      color: var(--_text);
      padding: 0.5rem 0.75rem;
      border-radius: var(--_radius);
      background: var(--_surface-tinted);
    }
    a.phone {
      color: var(--_accent);
      white-space: nowrap;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .more {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 0.5rem;
      margin-top: var(--_gap);
    }
    .inline-error {
      color: var(--_danger);
      margin: 0.5rem 0 0;
    }
    .signed-out p,
    .empty {
      margin: 0 0 0.5rem;
    }
    .empty {
      margin: 0;
    }
    .unavailable {
      margin: 0 0 var(--_gap);
    }
    /* Narrow screens and 200 % zoom: labels above values, full-width buttons. */
    @container (max-width: 30rem) {
      .details {
        grid-template-columns: minmax(0, 1fr);
        row-gap: 0;
      }
      .details dt:not(:first-child) {
        margin-top: 0.25rem;
      }
      .actions button,
      .more button {
        flex: 1 1 100%;
      }
    }
    @media (forced-colors: active) {
      .item,
      .status,
      .preparation,
      .deadline-passed {
        border: 1px solid CanvasText;
      }
      .item.tone-negative {
        border-left: 4px solid CanvasText;
      }
      .status {
        color: CanvasText;
      }
      .toggle-button[aria-pressed='true'] {
        background: Highlight;
        color: HighlightText;
        forced-color-adjust: none;
      }
      a.phone {
        color: LinkText;
      }
    }
  `,
  // A series' visits grouped, indented under its heading; the other visits behind a disclosure
  // button. Its other visits are laid out when the reader opens them: hidden until then, they were
  // never laid out, so in a long list a skipped one would stand at the 9rem guess while its
  // content is taller, and the geometry that hit testing and contrast checks read would put one
  // visit's buttons over the next visit's text. (Comments stay out of the css literals: npm
  // consumers ship those bytes as they are.)
  css`
    .days.long .series-items .item {
      content-visibility: visible;
    }
    .series {
      display: block;
      border-left: 4px solid var(--_item-border);
      padding-left: 0.75rem;
    }
    .series > :not(:first-child) {
      margin-top: 0.5rem;
    }
    .series-heading {
      margin: 0;
      font-size: 1.05em;
      line-height: 1.4;
    }
    .series-heading:focus {
      outline: none;
    }
    .series-intro {
      margin: 0;
      color: var(--_text-subtle);
    }
    .series-items[hidden] {
      display: none;
    }
    .item-heading .day-of {
      font-weight: normal;
    }
  `,
];
