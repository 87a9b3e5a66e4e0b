import { css } from 'lit';

/**
 * Shared look. Each public token is `--omsorg-<prop>` (elements add `--omsorg-<element>-<prop>`
 * on top), falling back to the host page's Designsystemet `--ds-*` token, then to a default.
 * We never define `--ds-*` ourselves.
 *
 * Dark mode: each default is `light-dark(<light>, <dark>)`, so it follows the `color-scheme` the
 * page gives the element (inherited). A page that says `color-scheme: light dark` follows the
 * reader's `prefers-color-scheme`; Designsystemet's `data-color-scheme="dark"` sets
 * `color-scheme: dark` (and its own `--ds-*` tokens, which come first anyway); a page that says
 * nothing stays light, so a light page never gets a dark element. Both palettes keep WCAG AA
 * contrast (checked by axe on the stories in both).
 */
export const baseStyles = css`
  :host {
    --_accent: var(--omsorg-color-accent, var(--ds-color-accent-base-default, light-dark(#1e5a96, #8fb8ff)));
    --_on-accent: var(--omsorg-color-on-accent, var(--ds-color-accent-base-contrast-default, light-dark(#ffffff, #0b1a33)));
    --_text: var(--omsorg-color-text, var(--ds-color-neutral-text-default, light-dark(#1b1b1f, #eceef2)));
    --_text-subtle: var(--omsorg-color-text-subtle, var(--ds-color-neutral-text-subtle, light-dark(#4a4e57, #b9bfcb)));
    --_surface: var(--omsorg-color-surface, var(--ds-color-neutral-background-default, light-dark(#ffffff, #16181d)));
    --_surface-tinted: var(--omsorg-color-surface-tinted, var(--ds-color-neutral-surface-tinted, light-dark(#f1f4f8, #23272f)));
    --_border: var(--omsorg-color-border, var(--ds-color-neutral-border-default, light-dark(#6b7280, #8d95a3)));
    --_border-subtle: var(--omsorg-color-border-subtle, var(--ds-color-neutral-border-subtle, light-dark(#d5d9e0, #3b414c)));
    --_danger: var(--omsorg-color-danger, var(--ds-color-danger-text-default, light-dark(#b3261e, #ff8f85)));
    --_success: var(--omsorg-color-success, var(--ds-color-success-text-default, light-dark(#1f6f3a, #7fd6a0)));
    --_warning-surface: var(--omsorg-color-warning-surface, var(--ds-color-warning-surface-tinted, light-dark(#fff4d6, #3d3214)));
    --_radius: var(--omsorg-border-radius, var(--ds-border-radius-md, 6px));
    --_font: var(--omsorg-font-family, var(--ds-font-family, inherit));
    --_focus: var(--omsorg-color-focus, var(--ds-color-focus-outer, light-dark(#0a58ca, #9cc2ff)));
    --_space: var(--omsorg-space, 1rem);
    display: block;
    box-sizing: border-box;
    color: var(--_text);
    font-family: var(--_font);
    font-size: var(--omsorg-font-size, 1rem);
    line-height: 1.5;
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  /* Not 'inherit': a host page's '* { box-sizing: content-box !important }' wins over :host and
     would be inherited, making full-width fields overflow. */
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  button,
  .button {
    font: inherit;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.5rem 1rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
  }
  button.secondary,
  .button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  button[disabled],
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .notice {
    padding: 0.75rem 1rem;
    border-radius: var(--_radius);
    background: var(--_surface-tinted);
    border-left: 4px solid var(--_accent);
  }
  .error {
    padding: 0.75rem 1rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_danger);
    color: var(--_danger);
    background: var(--_surface);
  }
  .error p {
    margin: 0 0 0.5rem;
  }
  .skeleton {
    display: block;
    border-radius: var(--_radius);
    background: var(--_surface-tinted);
    animation: omsorg-pulse 1.2s ease-in-out infinite alternate;
  }
  @keyframes omsorg-pulse {
    from {
      opacity: 1;
    }
    to {
      opacity: 0.55;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton {
      animation: none;
    }
    * {
      transition: none !important;
      scroll-behavior: auto !important;
    }
  }
  @media (forced-colors: active) {
    button,
    .button {
      border: 2px solid ButtonText;
    }
    .skeleton {
      border: 1px solid CanvasText;
    }
    .notice,
    .error {
      border: 2px solid CanvasText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;

/** A radio group of large targets (a label per option), for the elements that ask for a choice. */
export const radioStyles = css`
  .radio {
    display: flex;
    align-items: flex-start;
    gap: 0.5rem;
    padding-block: 0.25rem;
  }
  .radio input {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0.05rem 0 0;
    accent-color: var(--_accent);
  }
  .radio label {
    min-height: 1.75rem;
  }
`;
