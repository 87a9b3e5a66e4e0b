// @ts-check
/**
 * The message side of the seed, an SQL adapter over @omsorg/fixtures (the mocks' threads too):
 * each care service's reply policy, the staff test persons, and every subject's threads with
 * their messages, read pointers and attachments, stored as they are (a thread starts at the
 * rules core's first version, as in the mocks).
 */
import { createHash } from 'node:crypto';
import { firstThreadChanges } from '@omsorg/contract';
import { lastActivity, replyPolicyFor, staffPersons } from '@omsorg/fixtures';

/**
 * @typedef {ReturnType<typeof import('@omsorg/fixtures').createFixtures>} Fixtures
 * @typedef {import('@omsorg/fixtures').Party} Party
 * @typedef {import('./index.js').Queryable} Queryable
 */

/**
 * @param {Queryable} tx
 * @param {Fixtures} fixtures
 * @param {Date} now
 * @returns {Promise<{ threads: number, messages: number, staff: number }>}
 */
export async function seedThreads(tx, fixtures, now) {
  const { rows } = await tx.query('SELECT id FROM care_services');
  for (const { id } of rows) {
    const { expectedReplyWorkingDays, notice } = replyPolicyFor(id);
    await tx.query('INSERT INTO reply_policies (care_service_id, expected_reply_working_days, notice) VALUES ($1, $2, $3)', [id, expectedReplyWorkingDays, notice]);
  }
  const known = new Set(rows.map((r) => r.id));
  const staff = Object.values(staffPersons).filter((s) => known.has(s.careServiceId));
  for (const s of staff) await tx.query('INSERT INTO staff (id, name, care_service_id) VALUES ($1, $2, $3)', [s.id, s.name, s.careServiceId]);

  /** @type {Map<string, { seq: number, at: string, sender: Party, attachmentIds: string[] }>} message id → stored */
  const stored = new Map();
  let threads = 0;
  for (const subject of Object.values(fixtures.subjects)) {
    for (const t of subject.threads) {
      const service = subject.services.find((g) => g.id === t.grantedServiceId);
      if (!service) throw new Error(`seed: thread ${t.id} names no granted service of ${subject.id}`);
      await tx.query(
        `INSERT INTO threads (subject_id, id, version_no, title, status, granted_service_id, care_service_id, started_by, created_at, last_activity_at, closed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [subject.id, t.id, firstThreadChanges, t.title, t.status, t.grantedServiceId, service.careService.id, t.startedBy, new Date(t.createdAt), new Date(lastActivity(t)), t.closedAt ? new Date(t.closedAt) : null],
      );
      threads++;
      for (const m of t.messages) {
        const r = await tx.query(
          `INSERT INTO messages (id, subject_id, thread_id, sent_at, sender_role, sender_person_id, sender_staff_id, text)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq`,
          [m.id, subject.id, t.id, new Date(m.sentAt), m.sender.role, m.sender.personId, staffIdOf(m.sender), m.text],
        );
        stored.set(m.id, { seq: Number(r.rows[0].seq), at: m.sentAt, sender: m.sender, attachmentIds: m.attachmentIds });
      }
      for (const read of t.reads) {
        const upTo = stored.get(read.upToMessageId);
        if (!upTo) throw new Error(`seed: ${t.id} is read up to an unknown message ${read.upToMessageId}`);
        const kind = read.reader.personId ? 'person' : 'staff';
        await tx.query(
          'INSERT INTO thread_reads (subject_id, thread_id, reader_kind, reader_id, last_seen_seq, seen_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [subject.id, t.id, kind, read.reader.personId ?? staffIdOf(read.reader), upTo.seq, new Date(read.seenAt)],
        );
      }
    }
  }
  for (const a of fixtures.attachments) {
    const message = a.messageId ? stored.get(a.messageId) : undefined;
    const uploader = message?.sender;
    const position = Math.max(0, message?.attachmentIds.indexOf(a.id) ?? 0);
    await tx.query(
      `INSERT INTO attachments (id, subject_id, uploader_person_id, uploader_staff_id, filename, content_type, size, sha256, data, message_id, position, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        a.id,
        a.subjectId,
        a.uploadedBy ?? uploader?.personId ?? null,
        a.uploadedBy ? null : uploader ? staffIdOf(uploader) : null,
        a.filename,
        a.contentType,
        a.size,
        createHash('sha256').update(a.bytes).digest('hex'),
        Buffer.from(a.bytes),
        a.messageId,
        position,
        message ? new Date(message.at) : now,
      ],
    );
  }
  return { threads, messages: stored.size, staff: staff.length };
}

/** @param {Party} p @returns {string | null} */
function staffIdOf(p) {
  if (p.personId) return null;
  if (!p.staffId) throw new Error(`seed: staff ${p.name} has no staff id in the fixtures`);
  return p.staffId;
}
