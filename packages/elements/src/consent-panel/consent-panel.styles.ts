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
  `,
];
