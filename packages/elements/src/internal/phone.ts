/**
 * Phone numbers come from the backend (untrusted). Only digits, spaces and a leading `+` make a
 * `tel:` link; anything else is shown as plain text.
 */
export function telHref(raw: string | null | undefined): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim();
  if (!/^\+?[0-9 ]+$/.test(value)) return undefined;
  const compact = value.replace(/ /g, '');
  const digits = compact.replace('+', '').length;
  if (digits < 3 || digits > 15) return undefined;
  return `tel:${compact}`;
}
