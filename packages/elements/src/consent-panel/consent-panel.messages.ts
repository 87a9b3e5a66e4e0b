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
  },
  { nn: () => import('./consent-panel.messages.nn.js'), en: () => import('./consent-panel.messages.en.js') },
);

export type ConsentPanelMessages = (typeof messages)['nb'];
