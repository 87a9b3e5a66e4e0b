/**
 * Texts shared by the two places a person writes a message (<omsorg-message-thread>'s reply box
 * and <omsorg-inbox>'s "new message" form): the text box, attachments, draft, sending, and the
 * notices shown wherever one writes to a care service. Functions that take parts return arrays,
 * so links and untrusted names are placed as nodes in each language's word order.
 */
import { catalog } from '../internal/messages.js';

type Part = unknown;
const n0 = (n: number, locale: string) => n.toLocaleString(locale);

export const messages = catalog(
  'composer',
  {
    textLabel: 'Melding',
    textHint: (max: number) => `Skriv vanlig tekst, høyst ${n0(max, 'nb')} tegn. Ikke skriv personnummer.`,
    count: (n: number, max: number) => `${n0(n, 'nb')} av ${n0(max, 'nb')} tegn`,
    countNear: (left: number) => (left >= 0 ? `${n0(left, 'nb')} tegn igjen.` : `${n0(-left, 'nb')} tegn for mye.`),
    attachLabel: 'Legg ved filer',
    attachHint: (files: number, mb: number) => `PDF, PNG eller JPEG. Høyst ${mb} MB per fil og ${files} filer.`,
    attachments: 'Vedlegg',
    remove: 'Fjern',
    uploading: 'Laster opp …',
    fileType: (name: Part): Part[] => [name, ' er ikke en PDF-, PNG- eller JPEG-fil. Vi sjekker innholdet i filen, ikke navnet.'],
    fileSize: (name: Part, mb: number): Part[] => [name, ` er for stor. Filer kan være høyst ${mb} MB.`],
    fileCount: (name: Part, max: number): Part[] => [name, ` ble ikke lagt ved: en melding kan ha høyst ${max} vedlegg.`],
    fileFailed: (name: Part, reason: string): Part[] => [name, ` ble ikke lastet opp. ${reason}`],
    errorSummary: 'Rett opp dette før du sender:',
    errorRequired: 'Skriv en melding.',
    errorTooLong: (n: number, max: number) =>
      `Meldingen er ${n0(n, 'nb')} tegn, høyst ${n0(max, 'nb')} er lov. Kort den ned; vi har ikke fjernet noe av teksten.`,
    errorInvalidChar: 'Meldingen har usynlige kontroll- eller retningstegn som ikke kan sendes. Fjern dem, for eksempel ved å skrive teksten på nytt.',
    errorUploading: 'Vent til vedleggene er lastet opp.',
    send: 'Send',
    sending: 'Sender …',
    sent: 'Meldingen er sendt.',
    notSent: 'Ikke sendt.',
    discard: 'Forkast',
    discarded: 'Meldingen er ikke sendt. Teksten er lagt tilbake i meldingsfeltet.',
    pending: 'Meldinger som ikke er sendt ennå',
    threadClosed: 'Samtalen er avsluttet, så meldingen kan ikke sendes her.',
    recipientNotAllowed: 'Du kan ikke sende melding til denne tjenesten.',
    consentRequired: 'Meldingen er ikke sendt fordi det ikke er gitt samtykke til digital dialog med omsorgstjenesten. Ring tjenesten i stedet.',
    draftSaving: 'Lagrer utkast …',
    draftSaved: (time: string) => `Utkast lagret kl. ${time}`,
    draftUnsaved: 'Utkastet er ikke lagret ennå. Teksten er her, og vi lagrer den så snart vi kan.',
    draftConflict: 'Utkastet er endret i en annen fane eller et annet vindu. Hvilken tekst vil du beholde?',
    draftKeep: 'Behold teksten her',
    draftLoadOther: 'Hent teksten fra den andre fanen',
    emergency: (n113: Part, n116: Part): Part[] => ['Ikke for akutt hjelp: ring ', n113, ', eller legevakten på ', n116, '.'],
    replyTime: (days: number) => `Svar innen ${days} ${days === 1 ? 'virkedag' : 'virkedager'}`,
    serviceNotice: 'Fra tjenesten:',
  },
  { nn: () => import('./composer.messages.nn.js'), en: () => import('./composer.messages.en.js') },
);

export type ComposerMessages = (typeof messages)['nb'];
