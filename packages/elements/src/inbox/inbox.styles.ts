import { css } from 'lit';
import { radioStyles } from '../internal/styles.js';
import { composerStyles } from '../composer/composer.styles.js';

/** This element's own styles; the shared and frame styles come from SubjectDataElement. */
export const styles = [
  radioStyles,
  composerStyles,
  css`
    :host {
      --_gap: var(--omsorg-inbox-gap, var(--_space));
      --_item-bg: var(--omsorg-inbox-item-background, var(--_surface));
      --_item-border: var(--omsorg-inbox-item-border-color, var(--_border-subtle));
      --_item-radius: var(--omsorg-inbox-item-radius, var(--_radius));
      --_unread: var(--omsorg-inbox-unread-color, var(--_accent));
      --_skeleton-height: var(--omsorg-inbox-skeleton-height, 16rem);
    }
    .content {
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .toolbar > [part='no-consent'],
    .toolbar > omsorg-consent-panel {
      flex: 1 1 100%;
    }
    .skeleton-list {
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    .sk-item {
      height: 4.5rem;
    }
    .empty,
    .unread-summary,
    .loading-recipients {
      margin: 0;
    }
    .unread-summary.has-unread {
      font-weight: 600;
    }
    ul.threads {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: calc(var(--_gap) / 2);
    }
    .thread {
      background: var(--_item-bg);
      border: 1px solid var(--_item-border);
      border-radius: var(--_item-radius);
      padding: 0.5rem 1rem 0.75rem;
      min-width: 0;
    }
    .thread.unread {
      border-inline-start: 4px solid var(--_unread);
    }
    .thread p {
      margin: 0;
    }
    .thread-heading {
      margin: 0;
      font-size: 1.05em;
      line-height: 1.4;
    }
    button.thread-button {
      all: unset;
      box-sizing: border-box;
      display: inline-flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      min-height: 2.75rem;
      max-width: 100%;
      color: var(--_accent);
      text-decoration: underline;
      text-underline-offset: 0.15em;
      cursor: pointer;
      font-weight: 400;
    }
    .thread.unread button.thread-button {
      font-weight: 700;
    }
    button.thread-button:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    .badge {
      display: inline-block;
      padding: 0 0.5rem;
      border: 2px solid currentColor;
      border-radius: 999px;
      font-size: 0.875em;
      font-weight: 600;
      text-decoration: none;
      color: var(--_text-subtle);
    }
    .unread-badge {
      background: var(--_unread);
      border-color: var(--_unread);
      color: var(--_on-accent);
    }
    .thread-meta,
    .excerpt {
      color: var(--_text-subtle);
      font-size: 0.9375rem;
    }
    .excerpt {
      overflow: hidden;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
    }
    .back {
      align-self: flex-start;
    }
    .new-message {
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    .new-heading {
      margin: 0;
      font-size: 1.25em;
    }
    .new-heading:focus {
      outline: none;
    }
    .new-heading:focus-visible {
      outline: 3px solid var(--_focus);
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
    .more {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 0.5rem;
    }
    .inline-error {
      color: var(--_danger);
      margin: 0;
    }
    @media (forced-colors: active) {
      .thread,
      .badge,
      fieldset.invalid {
        border: 1px solid CanvasText;
      }
      .thread.unread {
        border-inline-start: 4px solid CanvasText;
      }
      .unread-badge {
        forced-color-adjust: none;
        background: Highlight;
        color: HighlightText;
      }
      button.thread-button {
        color: LinkText;
      }
    }
  `,
];
