import { css } from 'lit';

/**
 * Styles of the frame SubjectDataElement renders for every subject-data list (base, heading,
 * acting-for notice, content area reserving height while loading). Each list sets `--_gap` and
 * `--_skeleton-height` from its own public tokens and styles its items itself.
 */
export const subjectDataStyles = css`
  .base {
    container-type: inline-size;
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    min-width: 0;
  }
  .heading {
    margin: 0;
    font-size: 1.5em;
    line-height: 1.25;
  }
  .heading:focus {
    outline: none;
  }
  .heading:focus-visible {
    outline: 3px solid var(--_focus);
  }
  .acting-for {
    margin: 0;
  }
  .content {
    min-width: 0;
  }
  .content[aria-busy='true'] {
    min-height: var(--_skeleton-height);
  }
`;
