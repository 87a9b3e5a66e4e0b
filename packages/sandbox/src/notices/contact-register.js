// @ts-check
/**
 * The national contact register (Kontakt- og reservasjonsregisteret, KRR) behind an adapter:
 * where a notice can go (a mobile number, an e-mail address) and whether the person has reserved
 * themselves against digital notices. The sandbox reads the fixtures' register; a real KRR
 * client (Digdir's API, by national identity number, server to server) is a drop-in with the same
 * `lookup`. The answer is in clear: only the server sees it, the API answers it masked.
 */
import { createContactRegister } from '@omsorg/fixtures';

/**
 * @typedef {object} ContactRegister
 * @property {(personId: string) => Promise<import('@omsorg/contract').ContactRecord | undefined>} lookup
 *   the person's record, or undefined when the register does not know them
 */

/**
 * The fixtures' register (Ola: phone and e-mail; Kari: e-mail only; Per: reserved).
 * @param {Record<string, import('@omsorg/contract').ContactRecord>} [records] by person id
 * @returns {ContactRegister}
 */
export function fixtureContactRegister(records = createContactRegister()) {
  return {
    async lookup(personId) {
      const r = Object.prototype.hasOwnProperty.call(records, personId) ? records[personId] : undefined;
      return r ? { ...r } : undefined;
    },
  };
}
