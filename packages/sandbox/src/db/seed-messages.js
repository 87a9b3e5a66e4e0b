// @ts-check
/**
 * Test data for secure messages, relative to `now`: each care service's reply policy (from
 * @omsorg/fixtures, as the mocks have them), the staff test persons, and a few threads (for Ola:
 * one with an unread staff reply, one started by staff, one closed; for Emma: one).
 */
import { defaultReplyPolicy, replyPolicies } from '@omsorg/fixtures';
import { insertMessage, insertThread, closeThread, markSeen } from '../data/messages.js';

/**
 * The staff test persons (the staff page at /staff lists them).
 * @type {readonly { id: string, name: string, careServiceId: string }[]}
 */
export const staffPersons = Object.freeze([
  Object.freeze({ id: 'stf-nina-hsp', name: 'Nina Berg', careServiceId: 'cs-hjemmesykepleie-nord' }),
  Object.freeze({ id: 'stf-ahmed-prakt', name: 'Ahmed Khan', careServiceId: 'cs-praktisk-bistand' }),
  Object.freeze({ id: 'stf-linn-avl', name: 'Linn Solberg', careServiceId: 'cs-avlastning-barn' }),
]);

const HOUR = 3_600_000;

/**
 * @param {import('./index.js').Queryable} tx
 * @param {Date} now
 * @returns {Promise<{ threads: number, messages: number, staff: number }>}
 */
export async function seedMessages(tx, now) {
  const { rows } = await tx.query('SELECT id FROM care_services');
  for (const { id } of rows) {
    const { expectedReplyWorkingDays, notice } = replyPolicies[id] ?? defaultReplyPolicy;
    await tx.query('INSERT INTO reply_policies (care_service_id, expected_reply_working_days, notice) VALUES ($1, $2, $3)', [id, expectedReplyWorkingDays, notice]);
  }
  const known = new Set(rows.map((r) => r.id));
  const staff = staffPersons.filter((s) => known.has(s.careServiceId));
  for (const s of staff) await tx.query('INSERT INTO staff (id, name, care_service_id) VALUES ($1, $2, $3)', [s.id, s.name, s.careServiceId]);

  const ago = (/** @type {number} */ hours) => new Date(now.getTime() - hours * HOUR);
  const ola = 'sub-ola-7f3a';
  const emma = 'sub-emma-b8e4';
  /** @type {import('../data/messages.js').Reader} */
  const olaP = { kind: 'person', id: 'psn-ola-7f3a' };
  /** @type {import('../data/messages.js').Reader} */
  const kari = { kind: 'person', id: 'psn-kari-2c91' };
  /** @type {import('../data/messages.js').Reader} */
  const per = { kind: 'person', id: 'psn-per-51d0' };
  /** @param {string} id @param {string} cs @returns {import('../data/messages.js').Reader} */
  const staffReader = (id, cs) => ({ kind: 'staff', id, careServiceId: cs });
  const nina = staffReader('stf-nina-hsp', 'cs-hjemmesykepleie-nord');
  const ahmed = staffReader('stf-ahmed-prakt', 'cs-praktisk-bistand');
  const linn = staffReader('stf-linn-avl', 'cs-avlastning-barn');
  let threads = 0;
  let messages = 0;
  /** @param {Parameters<typeof insertMessage>[1]} m */
  const say = async (m) => {
    messages++;
    return insertMessage(tx, m);
  };

  // Kari asked about the weekend's medicines; the service has answered, and neither Ola nor Kari has read it.
  let t = await insertThread(tx, { id: 'thr-ola-medisiner', subjectId: ola, grantedServiceId: 'vedtak-ola-hsp', careServiceId: 'cs-hjemmesykepleie-nord', title: 'Medisiner i helgen', startedBy: 'relative', at: ago(50) });
  threads++;
  await say({ id: 'msg-ola-med-1', subjectId: ola, threadId: t, role: 'relative', sender: kari, at: ago(50), text: 'Hei! Far skal være hos meg fra fredag til søndag. Kan dere legge medisinene for helgen i dosetten på torsdag?\n\nHilsen Kari' });
  await seen(tx, ola, t, olaP, 'msg-ola-med-1', ago(45));
  await say({ id: 'msg-ola-med-2', subjectId: ola, threadId: t, role: 'staff', sender: nina, at: ago(20), text: 'Hei Kari. Ja, vi legger helgens medisiner i dosetten torsdag kveld. Husk å ta med dosetten hjem igjen søndag.\n\nVennlig hilsen Nina, hjemmesykepleien' });

  // Started by the service.
  t = await insertThread(tx, { id: 'thr-ola-rengjoring', subjectId: ola, grantedServiceId: 'vedtak-ola-prakt', careServiceId: 'cs-praktisk-bistand', title: 'Ny dag for rengjøring', startedBy: 'staff', at: ago(30) });
  threads++;
  await say({ id: 'msg-ola-ren-1', subjectId: ola, threadId: t, role: 'staff', sender: ahmed, at: ago(30), text: 'Hei Ola. Fra neste uke kommer vi på onsdager i stedet for tirsdager, mellom kl. 10 og 12. Si fra om det ikke passer.' });

  // Closed by the service after the question was settled.
  t = await insertThread(tx, { id: 'thr-ola-nokkelboks', subjectId: ola, grantedServiceId: 'vedtak-ola-hsp', careServiceId: 'cs-hjemmesykepleie-nord', title: 'Nøkkelboks', startedBy: 'citizen', at: ago(24 * 21) });
  threads++;
  await say({ id: 'msg-ola-nok-1', subjectId: ola, threadId: t, role: 'citizen', sender: olaP, at: ago(24 * 21), text: 'Nøkkelboksen ved døren er ødelagt. Kan dere ringe på i stedet?' });
  const r2 = await say({ id: 'msg-ola-nok-2', subjectId: ola, threadId: t, role: 'staff', sender: nina, at: ago(24 * 20), text: 'Takk for beskjed. Vi har bestilt en ny nøkkelboks, og ringer på til den er montert.' });
  await say({ id: 'msg-ola-nok-3', subjectId: ola, threadId: t, role: 'citizen', sender: olaP, at: ago(24 * 14), text: 'Den nye boksen er på plass. Takk!' });
  await seen(tx, ola, t, nina, 'msg-ola-nok-3', ago(24 * 14 - 2));
  await seen(tx, ola, t, kari, r2, ago(24 * 19));
  await closeThread(tx, { subjectId: ola, threadId: t, at: ago(24 * 14 - 2) });

  // Emma's: Per asked, the respite service answered, Per has read it.
  t = await insertThread(tx, { id: 'thr-emma-pakkeliste', subjectId: emma, grantedServiceId: 'vedtak-emma-avlastning', careServiceId: 'cs-avlastning-barn', title: 'Pakkeliste til helgen', startedBy: 'relative', at: ago(24 * 5) });
  threads++;
  await say({ id: 'msg-emma-pak-1', subjectId: emma, threadId: t, role: 'relative', sender: per, at: ago(24 * 5), text: 'Hei! Trenger Emma å ta med sengetøy til helgen?' });
  await say({ id: 'msg-emma-pak-2', subjectId: emma, threadId: t, role: 'staff', sender: linn, at: ago(24 * 4), text: 'Hei Per. Sengetøy har vi her. Ta gjerne med kosedyret og tannbørste.' });
  await seen(tx, emma, t, per, 'msg-emma-pak-2', ago(24 * 4 - 3));

  return { threads, messages, staff: staff.length };
}

/**
 * @param {import('./index.js').Queryable} tx
 * @param {string} subjectId
 * @param {string} threadId
 * @param {import('../data/messages.js').Reader} reader
 * @param {string} messageId
 * @param {Date} at
 */
async function seen(tx, subjectId, threadId, reader, messageId, at) {
  const { rows } = await tx.query('SELECT seq FROM messages WHERE id = $1', [messageId]);
  await markSeen(tx, { subjectId, threadId, reader, seq: Number(rows[0].seq), at });
}
