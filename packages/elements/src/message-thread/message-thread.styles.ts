import { css } from 'lit';
import { composerStyles } from '../composer/composer.styles.js';

/** This element's own styles; the shared and frame styles come from SubjectDataElement. */
export const styles = [
  composerStyles,
  css`
    :host {
      --_gap: var(--omsorg-message-thread-gap, var(--_space));
      --_msg-bg: var(--omsorg-message-thread-message-background, var(--_surface));
      --_own-bg: var(--omsorg-message-thread-own-background, var(--_surface-tinted));
      --_staff-border: var(--omsorg-message-thread-staff-border-color, var(--_accent));
      --_msg-radius: var(--omsorg-message-thread-message-radius, var(--_radius));
      --_skeleton-height: var(--omsorg-message-thread-skeleton-height, 20rem);
    }
    .content {
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    .skeleton-list {
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    .sk-line {
      height: 1.5rem;
      width: min(20rem, 80%);
    }
    .sk-message {
      height: 6rem;
    }
    .sk-box {
      height: 10rem;
    }
    .meta,
    .seen,
    .closed-notice {
      margin: 0;
    }
    .meta .label {
      font-weight: 600;
    }
    .badge {
      display: inline-block;
      padding: 0 0.5rem;
      border: 2px solid currentColor;
      border-radius: 999px;
      font-size: 0.875em;
      font-weight: 600;
      vertical-align: middle;
    }
    .badge.unread {
      color: var(--_danger);
    }
    .badge.staff {
      color: var(--_staff-border);
    }
    ol.messages {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: var(--_gap);
    }
    .message {
      background: var(--_msg-bg);
      border: 1px solid var(--_border-subtle);
      border-radius: var(--_msg-radius);
      padding: 0.75rem 1rem;
      min-width: 0;
    }
    .message.own {
      background: var(--_own-bg);
      margin-inline-start: min(3rem, 8%);
    }
    .message.role-staff {
      border-inline-start: 4px solid var(--_staff-border);
      margin-inline-end: min(3rem, 8%);
    }
    .earlier {
      align-self: flex-start;
    }
    .sender:focus {
      outline: none;
    }
    .sender:focus-visible {
      outline: 3px solid var(--_focus);
    }
    .sender {
      margin: 0;
      font-size: 1em;
      line-height: 1.4;
    }
    .time {
      margin: 0 0 0.5rem;
      color: var(--_text-subtle);
      font-size: 0.9375rem;
    }
    .body .text {
      margin: 0 0 0.5rem;
      white-space: normal;
    }
    .body .text:last-child {
      margin-bottom: 0;
    }
    .message-attachments {
      list-style: none;
      margin: 0.5rem 0 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .seen {
      color: var(--_text-subtle);
      font-size: 0.9375rem;
      text-align: end;
    }
    @media (forced-colors: active) {
      .message,
      .badge {
        border: 1px solid CanvasText;
      }
      .message.role-staff {
        border-inline-start: 4px solid CanvasText;
      }
    }
  `,
];
