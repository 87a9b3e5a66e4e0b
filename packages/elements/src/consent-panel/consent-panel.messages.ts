/**
 * Texts for <omsorg-consent-panel>. Functions that take `parts` return arrays so untrusted names
 * and <time> elements can sit in the sentence as nodes while each language keeps its word order.
 *
 * `dialogueText` is the consent text itself, of the version `dialogueTextVersion` names: the
 * panel lets a person agree only to the text it shows, so a new version of the text on the
 * server (`currentTextVersion`) needs a new version of these texts (in all three languages).
 */
import { catalog } from '../internal/messages.js';

type Part = unknown;

export const messages = catalog(
  'consent-panel',
  {
    title: 'Samtykke og tilgang',
    titleFor: (name: Part): Part[] => ['Samtykke og tilgang for ', name],
    actingForUnknown: 'Du ser samtykkene til en person du handler på vegne av.',
    loadingList: 'Laster samtykke …',
    signInFailed: 'Innloggingen kunne ikke startes. Prøv igjen.',
    loaded: 'Samtykket er lastet.',

    dialogueTitle: 'Samtykke til digital dialog',
    dialogueTextVersion: '2026-12',
    dialogueText: {
      what: 'Når du samtykker, kan du sende meldinger til omsorgstjenesten i kommunen og få svar her. Tjenesten kan også skrive til deg.',
      urgent: 'Meldingene blir lagret i journalen din. Svaret kan ta noen dager. Ikke bruk meldinger når det haster: ring 113 når liv er i fare, eller legevakten på 116\u00a0117.',
      withdraw: 'Du kan trekke samtykket når som helst. Da kan ingen sende nye meldinger til eller fra deg her, men du kan fortsatt lese meldingene du har.',
    },
    statusNone: 'Du har ikke tatt stilling til digital dialog ennå.',
    statusActive: (at: Part): Part[] => ['Du har samtykket til digital dialog (', at, ').'],
    statusOutdated: (at: Part): Part[] => ['Teksten er endret siden du samtykket (', at, '). Les den og samtykk på nytt for å sende meldinger.'],
    statusInactive: (at: Part): Part[] => ['Du har trukket samtykket til digital dialog (', at, ').'],
    give: 'Gi samtykke',
    withdraw: 'Trekk samtykke',
    saving: 'Lagrer …',
    given: 'Samtykket er gitt. Du kan nå sende meldinger.',
    withdrawn: 'Samtykket er trukket. Du kan ikke sende nye meldinger, men du kan lese dem du har.',
    onlySelf: 'Bare personen selv kan gi eller trekke dette samtykket.',
    textUnknown: 'Samtykketeksten er endret, og denne siden kan ikke vise den nye teksten ennå. Prøv igjen senere.',
    changedElsewhere: 'Samtykket ble endret et annet sted. Her er det som gjelder nå.',
    history: (n: number) => `Historikk (${n})`,
    decidedActive: (at: Part, who: Part): Part[] => [at, ': gitt av ', who],
    decidedInactive: (at: Part, who: Part): Part[] => [at, ': trukket av ', who],

    relativesTitle: 'Tilgang for pårørende',
    relativesLoaded: 'Tilgangene er lastet.',
    relativesOnlySelf: 'Bare personen selv kan se og endre hvem som kan handle på vegne av dem.',
    whoForYouTitle: 'Disse kan handle på vegne av deg',
    whoForYouEmpty: 'Ingen kan handle på vegne av deg.',
    youForWhomTitle: 'Du kan handle på vegne av',
    youForWhomEmpty: 'Du kan ikke handle på vegne av noen.',
    /** Nested: the scopes by code, as listed for a grant. */
    scopeNames: { 'appointments.read': 'se avtaler', 'services.read': 'se tjenester', 'appointments.cancel': 'avbestille avtaler', messages: 'skrive meldinger' },
    grantScopes: (scopes: string): string => `Kan ${scopes}.`,
    grantUntil: (end: Part): Part[] => ['Til og med ', end, '.'],
    grantOpenEnded: 'Uten sluttdato.',
    parentBasis: 'Foreldretilgang fra folkeregisteret. Den endres ikke her.',
    revoke: 'Ta tilbake tilgangen',
    revokeLabel: (name: string): string => `Ta tilbake tilgangen for ${name}`,
    revokeConfirm: (name: Part): Part[] => ['Vil du ta tilbake tilgangen for ', name, '? Personen kan ikke lenger handle på vegne av deg.'],
    revokeYes: 'Ja, ta tilbake',
    revokeNo: 'Avbryt',
    revoking: 'Tar tilbake …',
    revoked: 'Tilgangen er tatt tilbake.',

    giveTitle: 'Gi en pårørende tilgang',
    numberLabel: 'Fødselsnummer (11 siffer)',
    lookUp: 'Finn personen',
    lookingUp: 'Søker …',
    confirmName: (name: Part): Part[] => [name, ' – er dette riktig?'],
    notThisPerson: 'Nei, endre nummeret',
    scopesLegend: 'Hva kan personen gjøre for deg?',
    scopeChoices: { see: 'Se avtaler og tjenester', cancel: 'Avbestille avtaler', messages: 'Skrive og lese meldinger' },
    periodLegend: 'Hvor lenge skal tilgangen gjelde?',
    periodHint: (maxDays: number): string => `Fra i dag og høyst ${maxDays} dager.`,
    startLabel: 'Fra og med',
    endLabel: 'Til og med',
    giveAccess: 'Gi tilgang',
    givingAccess: 'Gir tilgang …',
    granted: (name: string): string => `${name} har nå tilgang til å handle på vegne av deg.`,
    errorSummary: (n: number): string => (n === 1 ? 'Rett opp dette:' : `Rett opp disse ${n} tingene:`),
    errorNumber: 'Skriv et gyldig fødselsnummer med 11 siffer.',
    errorNotFound: 'Vi fant ingen person med dette fødselsnummeret.',
    errorSelf: 'Du kan ikke gi tilgang til deg selv.',
    errorRelativeTooYoung: 'Personen må være minst 18 år for å få tilgang.',
    errorGiverTooYoung: 'Du må være minst 16 år for å gi tilgang.',
    errorLookUpFirst: 'Finn personen før du gir tilgang.',
    errorScopes: 'Velg minst én ting personen kan gjøre.',
    errorStart: 'Velg en startdato fra i dag.',
    errorEnd: (maxDays: number): string => `Velg en sluttdato etter startdatoen, høyst ${maxDays} dager fram.`,
    stepUpGrant: 'For å gi tilgang må du logge inn på nytt.',
    stepUpRevoke: 'For å ta tilbake tilgang må du logge inn på nytt.',
    stepUpSignIn: 'Logg inn på nytt',
    stepUpDone: 'Du er logget inn på nytt. Trykk på knappen igjen.',

    noticesTitle: 'Varsler på SMS og e-post',
    noticesLoaded: 'Valgene for varsler er lastet.',
    noticesOnlySelf: 'Varsler går til personens egen mobil og e-post. Bare personen selv kan endre dem.',
    noticesReserved: 'Du har reservert deg mot digitale varsler fra det offentlige i Kontakt- og reservasjonsregisteret. Derfor sender vi deg ingen varsler.',
    contactIntro: 'Vi sender varsler hit:',
    contactMissing: 'ikke registrert',
    contactSource: 'Dette står i Kontakt- og reservasjonsregisteret. Du endrer det der, ikke her.',
    channelsLegend: 'Hvordan vil du bli varslet?',
    /** Nested: the channels by code. */
    channelNames: { sms: 'SMS', email: 'E-post' },
    channelMissing: { sms: 'Registeret har ikke mobilnummeret ditt.', email: 'Registeret har ikke e-postadressen din.' },
    noticesOffHint: 'Velger du ingen av dem, får du ingen varsler.',
    eventsLegend: 'Hva vil du bli varslet om?',
    noticesNoHealth: 'Et varsel sier bare at noe nytt venter på Min side, aldri noe om helsen din eller tjenestene dine.',
    /** Nested: the events by code. */
    eventNames: {
      'message-new': 'Ny melding fra omsorgstjenesten',
      'appointment-changed': 'En avtale er endret',
      'cancellation-answered': 'Svar på en avbestilling',
      'visit-reminder': 'Påminnelse dagen før et besøk',
    },
    previewSummary: (event: string): string => `Se teksten vi sender: ${event}`,
    previewIn: (language: string): string => `Slik blir varselet på ${language}, språket som er lagret:`,
    previewSubject: 'Emne i e-posten:',
    languageLabel: 'Språk i varslene',
    /** Nested: each language named in the language of the page. */
    languageNames: { nb: 'bokmål', nn: 'nynorsk', en: 'engelsk' },
    noticesSave: 'Lagre valgene',
    noticesSaved: 'Valgene for varsler er lagret.',
    noticesOff: 'Valgene er lagret. Du får ingen varsler.',
    noticesChangedElsewhere: 'Valgene ble endret et annet sted mens du valgte. Se over valgene og lagre igjen.',
    errorChannelUnavailable: 'Registeret har ingen adresse for en av kanalene du valgte. Fjern den og lagre igjen.',
  },
  { nn: () => import('./consent-panel.messages.nn.js'), en: () => import('./consent-panel.messages.en.js') },
);

export type ConsentPanelMessages = (typeof messages)['nb'];
