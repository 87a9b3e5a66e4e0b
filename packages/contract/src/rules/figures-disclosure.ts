/**
 * Disclosure control for the figures for management: which counted cells may be shown, so that
 * no person can be recognised in them. Split from figures.ts, which re-exports it.
 *
 * Decisions (docs/architecture.md repeats them):
 * - Disclosure control. A count is a number of events (cancellations, threads, messages) or of
 *   people; each counted cell also knows how many distinct people are behind it. A cell is shown
 *   only when both are at least 5 (`minimumCount`): otherwise it is `{ "suppressed": true }` on
 *   the wire ("under 5" on the page, `<5` in the CSV). Zero is suppressed too.
 *   Secondary suppression: where cells add up to a shown total (online + other = cancellations;
 *   before + after the deadline; the reasons; the services of a month), the suppressed cells of
 *   the group must together hold at least 5, be at least two, and not all be 4 (which would name
 *   each one); otherwise the smallest shown cell of the group is suppressed too, and with none
 *   left, the total. Repeated until nothing changes, so a cell in two groups is safe in both.
 * - Rounding of stock figures. The people with consent and the relatives with access are counts
 *   at a month's end (a stock), so one month minus the one before is the people who came or went
 *   in between: 12 then 13 would say that one person consented in July. Such a figure is
 *   published rounded to the nearest multiple of 5 (`stockRounding`; halves cannot occur), after
 *   the rule above (1–4, and 0, stay "under 5"): every difference between two shown months, or
 *   between a service and all services, is then a multiple of 5 and names no one. The counts of
 *   events in a month (cancellations, threads, messages) are not stocks: no month is made of
 *   another, so they are shown exactly, protected by the suppression above.
 */

/** Below this, a count is not shown. */
export const minimumCount = 5;

/** On the wire: a figure that is not shown. */
export interface Suppressed {
  suppressed: true;
}
export const suppressed: Suppressed = Object.freeze({ suppressed: true }) as Suppressed;
export type Figure = number | Suppressed;

export const isSuppressed = (f: Figure | null | undefined): f is Suppressed => typeof f === 'object' && f !== null && f.suppressed === true;

/** A counted cell before it is shown: the events and the people behind them. */
export interface Cell {
  value: number;
  people: ReadonlySet<string>;
  hidden?: boolean;
}

/** A group of cells that add up to `total`. */
export interface CellGroup {
  total: Cell;
  parts: Cell[];
}

/** Primary suppression of one cell: fewer than 5 events or fewer than 5 people. */
export const belowMinimum = (c: Pick<Cell, 'value' | 'people'>): boolean => c.value < minimumCount || c.people.size < minimumCount;

/**
 * Marks `hidden` on every cell that must not be shown: primary suppression, then secondary
 * suppression over the groups until nothing changes (see the module's decisions).
 */
export function protect(cells: Iterable<Cell>, groups: readonly CellGroup[]): void {
  for (const c of cells) if (belowMinimum(c)) c.hidden = true;
  for (const g of groups) {
    if (belowMinimum(g.total)) g.total.hidden = true;
    for (const p of g.parts) if (belowMinimum(p)) p.hidden = true;
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const g of groups) {
      if (g.total.hidden) continue;
      const hidden = g.parts.filter((p) => p.hidden);
      if (hidden.length === 0) continue;
      const residual = hidden.reduce((s, p) => s + p.value, 0);
      const safe = hidden.length >= 2 && residual >= minimumCount && residual !== (minimumCount - 1) * hidden.length;
      if (safe) continue;
      const shown = g.parts.filter((p) => !p.hidden).sort((a, b) => a.value - b.value);
      const next = shown[0];
      if (next) next.hidden = true;
      else g.total.hidden = true;
      changed = true;
    }
  }
}

/** A cell as shown. */
export const shown = (c: Cell): Figure => (c.hidden || belowMinimum(c) ? suppressed : c.value);

/** A stock figure (people at a month's end) is published as a multiple of this. */
export const stockRounding = 5;

/** `n` rounded to the nearest multiple of `stockRounding` (a whole number never lies halfway). */
export const roundStock = (n: number): number => Math.round(n / stockRounding) * stockRounding;

/** A stock cell as shown: "under 5" as any cell, else rounded to a multiple of 5 (at least 5). */
export const shownStock = (c: Cell): Figure => {
  const f = shown(c);
  return isSuppressed(f) ? f : roundStock(f);
};
