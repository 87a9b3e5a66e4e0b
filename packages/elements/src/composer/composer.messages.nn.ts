/**
 * The composer's texts (reply box, new message) in nynorsk. Bokmål, and the shape every language
 * follows, are in composer.messages.ts; this module is imported only where an element renders in
 * nynorsk.
 */

type Part = unknown;
const n0 = (n: number, locale: string) => n.toLocaleString(locale);

export default {
  textLabel: 'Melding',
  textHint: (max: number) => `Skriv vanleg tekst, høgst ${n0(max, 'nb')} teikn. Ikkje skriv personnummer.`,
  count: (n: number, max: number) => `${n0(n, 'nb')} av ${n0(max, 'nb')} teikn`,
  countNear: (left: number) => (left >= 0 ? `${n0(left, 'nb')} teikn att.` : `${n0(-left, 'nb')} teikn for mykje.`),
  attachLabel: 'Legg ved filer',
  attachHint: (files: number, mb: number) => `PDF, PNG eller JPEG. Høgst ${mb} MB per fil og ${files} filer.`,
  attachments: 'Vedlegg',
  remove: 'Fjern',
  uploading: 'Lastar opp …',
  fileType: (name: Part): Part[] => [name, ' er ikkje ei PDF-, PNG- eller JPEG-fil. Vi sjekkar innhaldet i fila, ikkje namnet.'],
  fileSize: (name: Part, mb: number): Part[] => [name, ` er for stor. Filer kan vere høgst ${mb} MB.`],
  fileCount: (name: Part, max: number): Part[] => [name, ` vart ikkje lagd ved: ei melding kan ha høgst ${max} vedlegg.`],
  fileFailed: (name: Part, reason: string): Part[] => [name, ` vart ikkje lasta opp. ${reason}`],
  errorSummary: 'Rett opp dette før du sender:',
  errorRequired: 'Skriv ei melding.',
  errorTooLong: (n: number, max: number) =>
    `Meldinga er ${n0(n, 'nb')} teikn, høgst ${n0(max, 'nb')} er lov. Kort henne ned; vi har ikkje fjerna noko av teksten.`,
  errorInvalidChar: 'Meldinga har usynlege kontroll- eller retningsteikn som ikkje kan sendast. Fjern dei, til dømes ved å skrive teksten på nytt.',
  errorUploading: 'Vent til vedlegga er lasta opp.',
  send: 'Send',
  sending: 'Sender …',
  sent: 'Meldinga er send.',
  notSent: 'Ikkje send.',
  discard: 'Forkast',
  discarded: 'Meldinga er ikkje send. Teksten er lagd tilbake i meldingsfeltet.',
  pending: 'Meldingar som ikkje er sende enno',
  threadClosed: 'Samtalen er avslutta, så meldinga kan ikkje sendast her.',
  recipientNotAllowed: 'Du kan ikkje sende melding til denne tenesta.',
  consentRequired: 'Meldinga er ikkje send fordi det ikkje er gitt samtykke til digital dialog med omsorgstenesta. Ring tenesta i staden.',
  draftSaving: 'Lagrar utkast …',
  draftSaved: (time: string) => `Utkast lagra kl. ${time}`,
  draftUnsaved: 'Utkastet er ikkje lagra enno. Teksten er her, og vi lagrar han så snart vi kan.',
  draftConflict: 'Utkastet er endra i ei anna fane eller eit anna vindauge. Kva tekst vil du halde på?',
  draftKeep: 'Behald teksten her',
  draftLoadOther: 'Hent teksten frå den andre fana',
  emergency: (n113: Part, n116: Part): Part[] => ['Ikkje for akutt hjelp: ring ', n113, ', eller legevakta på ', n116, '.'],
  replyTime: (days: number) => `Svar innan ${days} ${days === 1 ? 'yrkedag' : 'yrkedagar'}`,
  serviceNotice: 'Frå tenesta:',
};
