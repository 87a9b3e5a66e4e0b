// @ts-check
/**
 * The SMS and e-mail gateway behind an adapter: `send(notice)` hands one queued notice on and
 * says what became of it. The sandbox's gateway sends nothing and answers `would-have-been-sent`,
 * so the development page (/dev/notices) shows exactly what would have gone out; a real gateway
 * (an SMS provider, an SMTP relay, the public sector's notification service) is a drop-in that
 * answers `sent` or `failed`.
 */

/**
 * @typedef {object} OutgoingNotice
 * @property {number} id the queue row
 * @property {'sms' | 'email'} channel
 * @property {string} address the register's phone number or e-mail address, in clear
 * @property {string} subject the e-mail's subject
 * @property {string} text the SMS, and the e-mail's body
 * @property {'nb' | 'nn' | 'en'} language
 */

/**
 * @typedef {object} NoticeGateway
 * @property {(notice: OutgoingNotice) => Promise<'would-have-been-sent' | 'sent' | 'failed'>} send
 */

/** @type {NoticeGateway} */
export const developmentGateway = Object.freeze({
  async send() {
    return /** @type {const} */ ('would-have-been-sent');
  },
});
