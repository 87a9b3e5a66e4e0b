/**
 * The composer's texts (reply box, new message) in English. Bokmål, and the shape every language
 * follows, are in composer.messages.ts; this module is imported only where an element renders in
 * English.
 */

type Part = unknown;
const n0 = (n: number, locale: string) => n.toLocaleString(locale);

export default {
  textLabel: 'Message',
  textHint: (max: number) => `Write plain text, at most ${n0(max, 'en')} characters. Do not write national identity numbers.`,
  count: (n: number, max: number) => `${n0(n, 'en')} of ${n0(max, 'en')} characters`,
  countNear: (left: number) => (left >= 0 ? `${n0(left, 'en')} characters left.` : `${n0(-left, 'en')} characters too many.`),
  attachLabel: 'Attach files',
  attachHint: (files: number, mb: number) => `PDF, PNG or JPEG. At most ${mb} MB per file and ${files} files.`,
  attachments: 'Attachments',
  remove: 'Remove',
  uploading: 'Uploading …',
  fileType: (name: Part): Part[] => [name, ' is not a PDF, PNG or JPEG file. We check the file’s content, not its name.'],
  fileSize: (name: Part, mb: number): Part[] => [name, ` is too large. Files can be at most ${mb} MB.`],
  fileCount: (name: Part, max: number): Part[] => [name, ` was not attached: a message can have at most ${max} attachments.`],
  fileFailed: (name: Part, reason: string): Part[] => [name, ` was not uploaded. ${reason}`],
  errorSummary: 'Please correct this before sending:',
  errorRequired: 'Write a message.',
  errorTooLong: (n: number, max: number) =>
    `The message is ${n0(n, 'en')} characters; at most ${n0(max, 'en')} are allowed. Please shorten it; we have not removed any of your text.`,
  errorInvalidChar: 'The message contains invisible control or direction characters that cannot be sent. Remove them, for example by typing the text again.',
  errorUploading: 'Wait until the attachments have been uploaded.',
  send: 'Send',
  sending: 'Sending …',
  sent: 'The message has been sent.',
  notSent: 'Not sent.',
  discard: 'Discard',
  discarded: 'The message was not sent. Its text is back in the message box.',
  pending: 'Messages not sent yet',
  threadClosed: 'The conversation is closed, so the message cannot be sent here.',
  recipientNotAllowed: 'You cannot send a message to this service.',
  consentRequired: 'The message was not sent because there is no consent to digital dialogue with the care service. Call the service instead.',
  draftSaving: 'Saving draft …',
  draftSaved: (time: string) => `Draft saved at ${time}`,
  draftUnsaved: 'The draft is not saved yet. Your text is still here, and we will save it as soon as we can.',
  draftConflict: 'The draft was changed in another tab or window. Which text do you want to keep?',
  draftKeep: 'Keep the text here',
  draftLoadOther: 'Load the text from the other tab',
  emergency: (n113: Part, n116: Part): Part[] => ['Not for emergencies: call ', n113, ', or the out-of-hours medical service on ', n116, '.'],
  replyTime: (days: number) => `Reply within ${days} ${days === 1 ? 'working day' : 'working days'}`,
  serviceNotice: 'From the service:',
};
