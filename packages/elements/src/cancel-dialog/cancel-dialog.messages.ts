/**
 * Texts for <omsorg-cancel-dialog>: bokmål here, nynorsk and English in the `.nn.ts` and `.en.ts`
 * modules beside it (internal/messages.ts). Functions that take `unknown` receive a lit template
 * (a `<bdi>` around untrusted text, or a `tel:` link) so that untrusted text is only ever
 * rendered through lit's text bindings.
 */
import { html, type TemplateResult } from 'lit';
import { catalog } from '../internal/messages.js';

export const messages = catalog(
  'cancel-dialog',
  {
    heading: 'Avbestill avtale',
    headingRequest: 'Be om å avbestille avtale',
    close: 'Lukk',
    keep: 'Ikke avbestill',
    loading: 'Henter avtalen …',
    what: 'Dette avbestiller du',
    service: 'Tjeneste',
    when: 'Tid',
    careService: 'Fra',
    windowTime: (from: string, to: string) => `mellom kl. ${from} og ${to}`,
    exactTime: (at: string) => `kl. ${at}`,
    deadline: (day: string, time: string) => `Du kan avbestille på nett fram til ${day} kl. ${time}.`,
    consequenceHeading: 'Dette betyr det for deg',
    requestNotice: 'Dette sender en forespørsel om avbestilling. Tjenesten svarer deg senere, og avtalen gjelder til du har fått svar.',
    deadlinePassed: (phone: unknown): TemplateResult => html`Fristen for å avbestille på nett har gått ut. Ring ${phone}.`,
    notCancellable: (phone: unknown): TemplateResult => html`Denne avtalen kan ikke avbestilles på nett. Ring ${phone}.`,
    /** After the municipality's phone number (its configuration file): when it answers. */
    openingHours: (hours: string): string => `(åpent ${hours})`,
    alreadyCancelled: 'Denne avtalen er allerede avbestilt.',
    alreadyRequested: 'Du har allerede bedt om å avbestille denne avtalen. Tjenesten svarer deg senere.',
    reasonLegend: 'Hvorfor avbestiller du?',
    required: '(må fylles ut)',
    optional: '(valgfritt)',
    commentLabel: 'Kommentar til tjenesten',
    commentHint: 'Ikke skriv helseopplysninger som ikke er nødvendige.',
    count: (n: number, max: number) => `${n} av ${max} tegn`,
    errorSummary: (n: number) => (n === 1 ? 'Det er 1 feil i skjemaet' : `Det er ${n} feil i skjemaet`),
    errorReasonRequired: 'Velg hvorfor du avbestiller.',
    errorReasonUnknown: 'Grunnen du valgte kjennes ikke igjen. Velg en annen grunn.',
    errorCommentTooLong: (n: number, max: number) => `Kommentaren er ${n} tegn. Den kan være på høyst ${max} tegn – kort den ned med ${n - max}.`,
    errorCommentInvalid: 'Kommentaren kan ikke sendes slik den er. Endre teksten og prøv igjen.',
    confirm: 'Bekreft avbestilling',
    confirmRequest: 'Send forespørsel om avbestilling',
    sending: 'Sender avbestillingen …',
    successFinal: 'Avtalen er avbestilt.',
    successRequest: 'Forespørselen om avbestilling er sendt. Tjenesten svarer deg.',
    changedHeading: 'Avtalen ble endret mens du avbestilte',
    changedTime: (when: string) => `Ny tid: ${when}.`,
    changedStatus: (status: string) => `Ny status: ${status}.`,
    changedNoLonger: 'Den kan ikke lenger avbestilles på nett.',
    changedOther: 'Detaljer i avtalen er endret.',
    changedConfirmAgain: 'Se over avtalen og bekreft på nytt hvis du fortsatt vil avbestille.',
    signInAgain: 'Logg inn på nytt',
    status: {
      proposed: 'foreslått',
      pending: 'venter på bekreftelse',
      booked: 'planlagt',
      arrived: 'ankommet',
      fulfilled: 'gjennomført',
      cancelled: 'avbestilt',
      noshow: 'ikke møtt',
      'entered-in-error': 'registrert ved en feil',
      'checked-in': 'sjekket inn',
      waitlist: 'på venteliste',
      'cancellation-requested': 'avbestilling er bedt om',
      'cancellation-rejected': 'avbestilling er avslått',
    } as Record<string, string>,
  },
  { nn: () => import('./cancel-dialog.messages.nn.js'), en: () => import('./cancel-dialog.messages.en.js') },
);

export type CancelDialogMessages = (typeof messages)['nb'];
