/**
 * Record sources as the lists show them: the municipality of each item only when a list holds
 * more than one (`municipalitiesOf` in the rules core), and the sources a list could not read as
 * one sentence. Names come from the server: they reach the page only through lit text bindings.
 */
import type { RecordSource } from '@omsorg/contract';
import { intlTag, type Locale } from './locale.js';

/** "Askøy kommune", or "Askøy kommune og Bergen kommune": the sources' municipalities, each once, as a list in `locale`. */
export function sourceNames(sources: readonly RecordSource[], locale: Locale, name: (municipality: string) => string): string {
  const names = [...new Set(sources.map((s) => name(s.municipality.name)))];
  try {
    return new Intl.ListFormat(intlTag[locale] ?? locale, { type: 'conjunction' }).format(names);
  } catch {
    return names.join(', ');
  }
}
