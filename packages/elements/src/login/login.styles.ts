import { css } from 'lit';
import { baseStyles } from '../internal/styles.js';

export const styles = [
  baseStyles,
  css`
    :host {
      --_gap: var(--omsorg-login-gap, 0.5rem 1rem);
    }
    .base {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_gap);
    }
    p {
      margin: 0;
    }
    .status {
      flex: 1 1 12rem;
    }
    .skeleton.name {
      flex: 1 1 10rem;
      height: 1.5rem;
    }
    .skeleton.button {
      width: 7rem;
      height: 2.75rem;
    }
    .subject {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_gap);
    }
    .subject label {
      font-weight: 600;
    }
    select {
      font: inherit;
      min-height: 2.75rem;
      max-width: 100%;
      padding: 0.25rem 0.5rem;
      border: 2px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
    }
    .acting-for {
      padding: 0.5rem 0.75rem;
      border-radius: var(--_radius);
      background: var(--omsorg-login-acting-for-background, var(--_warning-surface));
      border-left: 4px solid var(--omsorg-login-acting-for-border-color, var(--_accent));
    }
    .warning {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_gap);
      background: var(--_warning-surface);
    }
    .warning p {
      flex: 1 1 14rem;
    }
    @media (forced-colors: active) {
      .acting-for,
      .warning {
        border: 2px solid CanvasText;
      }
      select {
        border: 2px solid ButtonText;
      }
    }
  `,
];
