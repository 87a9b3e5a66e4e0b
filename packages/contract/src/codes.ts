/**
 * Common code sets with nb / nn / en labels. The API sends `{ system, code }`; every client
 * looks the label up here, so the wording is the same in every municipality and record system.
 */
export type Locale = 'nb' | 'nn' | 'en';
export type Labels = Readonly<Record<Locale, string>>;
export interface CodeSet {
  /** The system's identifier: the official one where one exists (see the README's table of code systems). */
  readonly system: string;
  /**
   * Identifiers this set was sent under before (0.1.0). Still understood when reading
   * (`labelFor`, `isKnownCode`, `canonicalCoding`), never sent.
   */
  readonly formerSystems?: readonly string[];
  readonly codes: Readonly<Record<string, Labels>>;
}

/**
 * Service types: the KPR (Kommunalt pasient- og brukerregister, formerly IPLOS) service codes that
 * every municipality already reports, so record systems can map without a new code list. The
 * system is the official one: Volven 9151 "Tjenestetype i helse- og omsorgstjenesten"
 * (Helsedirektoratet), by its OID; the codes are that list's, unpadded ('1', '15').
 */
export const serviceTypes = {
  system: 'urn:oid:2.16.578.1.12.4.1.1.9151',
  formerSystems: ['urn:omsorg:codesystem:kpr-tjenestetype'],
  codes: {
    '1': { nb: 'Praktisk bistand – daglige gjøremål', nn: 'Praktisk bistand – daglege gjeremål', en: 'Practical help with daily tasks' },
    '2': { nb: 'Praktisk bistand – opplæring', nn: 'Praktisk bistand – opplæring', en: 'Training in daily tasks' },
    '3': { nb: 'Brukerstyrt personlig assistanse', nn: 'Brukarstyrt personleg assistanse', en: 'User-controlled personal assistance' },
    '4': { nb: 'Dagaktivitetstilbud', nn: 'Dagaktivitetstilbod', en: 'Day activity centre' },
    '5': { nb: 'Matombringing', nn: 'Matombringing', en: 'Meal delivery' },
    '6': { nb: 'Trygghetsalarm', nn: 'Tryggleiksalarm', en: 'Safety alarm' },
    '7': { nb: 'Avlastning utenfor institusjon', nn: 'Avlasting utanfor institusjon', en: 'Respite care at home' },
    '8': { nb: 'Avlastning i institusjon', nn: 'Avlasting i institusjon', en: 'Respite care in an institution' },
    '9': { nb: 'Støttekontakt', nn: 'Støttekontakt', en: 'Support contact' },
    '11': { nb: 'Omsorgsstønad', nn: 'Omsorgsstønad', en: 'Care allowance' },
    '15': { nb: 'Helsetjenester i hjemmet (hjemmesykepleie)', nn: 'Helsetenester i heimen (heimesjukepleie)', en: 'Home health care (home nursing)' },
    '17': { nb: 'Dagopphold i institusjon', nn: 'Dagopphald i institusjon', en: 'Day stay in an institution' },
  },
} as const satisfies CodeSet;

/**
 * Cancellation reasons: the project's own list, finer than any official one. FHIR R4's
 * appointment-cancellation-reason says who cancelled (and, for a patient, only "deceased" of
 * these); a FHIR record gets that code beside this one (docs/fhir-mapping.md). Note that
 * `pat-crs` and `pat-cpp` here mean "ill" and "in hospital", NOT what FHIR's codes of the same
 * spelling mean (cancelled via a reminder system / via a patient portal): the system tells them
 * apart. The spelling is kept because clients send these codes.
 */
export const cancellationReasons = {
  system: 'urn:omsorg:codesystem:avbestillingsarsak',
  codes: {
    'pat-crs': { nb: 'Jeg er syk', nn: 'Eg er sjuk', en: 'I am ill' },
    'pat-cpp': { nb: 'Jeg er på sykehus eller institusjon', nn: 'Eg er på sjukehus eller institusjon', en: 'I am in hospital or an institution' },
    'pat-fam': { nb: 'Familie eller andre hjelper meg denne gangen', nn: 'Familie eller andre hjelper meg denne gongen', en: 'Family or others help me this time' },
    'pat-away': { nb: 'Jeg er bortreist', nn: 'Eg er bortreist', en: 'I am away' },
    'pat-schedule': { nb: 'Tidspunktet passer ikke', nn: 'Tidspunktet passar ikkje', en: 'The time does not suit me' },
    'pat-dec': { nb: 'Dødsfall', nn: 'Dødsfall', en: 'Death' },
    'oth': { nb: 'Annen grunn', nn: 'Anna grunn', en: 'Other reason' },
  },
} as const satisfies CodeSet;

/**
 * Relations between the signed-in person and a subject: the project's own list. Most codes are
 * HL7 v3 RoleCode's (a FHIR record gets that coding beside this one); `self` and `O` (another
 * relative, pårørende who is not family too) are not, so the list cannot be sent as RoleCode.
 */
export const relations = {
  system: 'urn:omsorg:codesystem:relasjon',
  codes: {
    self: { nb: 'Deg selv', nn: 'Deg sjølv', en: 'Yourself' },
    PRN: { nb: 'Forelder', nn: 'Forelder', en: 'Parent' },
    CHILD: { nb: 'Barn', nn: 'Barn', en: 'Child' },
    SPS: { nb: 'Ektefelle eller partner', nn: 'Ektefelle eller partnar', en: 'Spouse or partner' },
    SIB: { nb: 'Søsken', nn: 'Sysken', en: 'Sibling' },
    GUARD: { nb: 'Verge', nn: 'Verje', en: 'Guardian' },
    O: { nb: 'Annen pårørende', nn: 'Annan pårørande', en: 'Other relative' },
  },
} as const satisfies CodeSet;

export const codeSets = [serviceTypes, cancellationReasons, relations] as const;

/** True when `system` is `set`'s identifier, or one it had before. */
const isSystemOf = (set: CodeSet, system: string): boolean => set.system === system || (set.formerSystems ?? []).includes(system);

/**
 * The coding under its set's current identifier: a coding sent under a former one (an older
 * server, a record stored before) comes back with today's `system`; anything else as it is.
 */
export function canonicalCoding<C extends { system: string; code: string }>(coding: C): C {
  const set = (codeSets as readonly CodeSet[]).find((s) => s.system !== coding.system && isSystemOf(s, coding.system));
  return set ? { ...coding, system: set.system } : coding;
}

/**
 * The label for a coding in `locale`, or undefined when the system or code is unknown
 * (the caller then shows a neutral "unknown" text rather than the raw code). A former system
 * identifier of a set is understood too.
 */
export function labelFor(coding: { system: string; code: string } | null | undefined, locale: Locale): string | undefined {
  const set = coding && (codeSets as readonly CodeSet[]).find((s) => isSystemOf(s, coding.system));
  return set ? labelIn(set, coding, locale) : undefined;
}

/** `labelFor` within one set: undefined for a coding of any other system. */
export function labelIn(set: CodeSet, coding: { system: string; code: string } | null | undefined, locale: Locale): string | undefined {
  return coding && isSystemOf(set, coding.system) ? (set.codes as Record<string, Labels>)[coding.code]?.[locale] : undefined;
}

/**
 * The label of a service type (`labelIn(serviceTypes, …)`): what the elements show for a visit,
 * a service or a thread. A bundle with only this leaves the other sets' labels out.
 */
export const serviceLabel = (coding: { system: string; code: string } | null | undefined, locale: Locale): string | undefined => labelIn(serviceTypes, coding, locale);

/** True when the coding belongs to `set` (under its identifier or a former one) and its code is known there. */
export function isKnownCode(set: CodeSet, coding: { system: string; code: string } | null | undefined): boolean {
  return !!coding && isSystemOf(set, coding.system) && Object.prototype.hasOwnProperty.call(set.codes, coding.code);
}
