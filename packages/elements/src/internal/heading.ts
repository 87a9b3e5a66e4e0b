/**
 * Heading tags for a host-chosen outline level. Elements take a `heading-level` attribute
 * (default 2); sub-headings go one level deeper, never past h6.
 */
import { literal, type StaticValue } from 'lit/static-html.js';

const tags: readonly StaticValue[] = [literal`h1`, literal`h2`, literal`h3`, literal`h4`, literal`h5`, literal`h6`];

/** A level clamped to 1–6 (2 for anything that is not a number). */
export function clampHeadingLevel(level: unknown, fallback = 2): number {
  const n = typeof level === 'number' ? level : Number(level);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(6, Math.max(1, Math.round(n)));
}

/** The static tag (`h1`…`h6`) for `level`, for use with lit's static `html`. */
export function headingTag(level: number): StaticValue {
  return tags[clampHeadingLevel(level) - 1]!;
}
