// @ts-check
/**
 * Attachments: checked by content, not name or declared type; 5 MiB and 5 per message; no
 * active content in PDFs; safe file names; visible only to the uploader until sent, then to the
 * thread's parties; downloads that never run in the API's origin.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constants, deflateRawSync, deflateSync } from 'node:zlib';
import { SUBJECTS, assertProblem } from './api-helpers.js';
import { PDF, PNG, useMessages } from './messages-helpers.js';
import { pdfInflateMaxBytes as PDF_INFLATE_MAX_BYTES, pdfRefusal } from '@omsorg/contract';
import { attachmentFilename } from '../src/api/attachments.js';

const m = useMessages();

const MiB = 1024 * 1024;
const OLA = SUBJECTS.ola;

/** One stream object: `<< dict /Length n >> stream … endstream`. @param {string} dict @param {Buffer} data */
const streamObject = (dict, data) => Buffer.concat([Buffer.from(`3 0 obj << ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n', 'latin1')]);

/**
 * A PDF with one stream object, then `more` (objects as text or buffers).
 * @param {string} dict @param {Buffer} data @param {(string | Buffer)[]} more
 */
const pdfWithStream = (dict, data, ...more) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), streamObject(dict, data), ...more.map((o) => (typeof o === 'string' ? Buffer.from(`${o}\n`, 'latin1') : o)), Buffer.from('%%EOF\n', 'latin1')]);

/**
 * zlib data that inflates to `mib` MiB of zeros, built cheaply: one fully flushed (self-contained,
 * byte-aligned) deflate block of 1 MiB repeated, an empty final block, and the Adler-32 of n
 * zeros (a = 1, b = n mod 65521).
 * @param {number} mib
 */
function zerosDeflated(mib) {
  const block = deflateRawSync(Buffer.alloc(MiB), { finishFlush: constants.Z_FULL_FLUSH });
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(((((mib * MiB) % 65521) << 16) | 1) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0x9c]), ...Array(mib).fill(block), deflateRawSync(Buffer.alloc(0)), adler]);
}

describe('uploads', () => {
  it('stores a PNG, a JPEG and a PDF by content; the uploader downloads it with safe headers', async () => {
    const png = await m.upload(PNG, { name: 'skade på foten.png' });
    assert.equal(png.status, 201, png.text);
    assert.deepEqual({ ...png.body, id: undefined }, { id: undefined, filename: 'skade på foten.png', contentType: 'image/png', size: PNG.length });
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);
    assert.equal((await m.upload(jpeg, { type: 'image/jpeg', name: 'foto.jpg' })).body.contentType, 'image/jpeg');
    const pdf = await m.upload(PDF, { type: 'application/pdf', name: 'brev.pdf' });
    assert.equal(pdf.status, 201, pdf.text);

    const got = await m.download(png.body.id);
    assert.equal(got.status, 200);
    assert.deepEqual(got.bytes, PNG);
    assert.equal(got.headers.get('content-type'), 'image/png');
    assert.equal(got.headers.get('content-disposition'), "attachment; filename=\"skade p_ foten.png\"; filename*=UTF-8''skade%20p%C3%A5%20foten.png");
    assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(got.headers.get('content-security-policy'), 'sandbox');
    assert.equal(got.headers.get('cache-control'), 'no-store');
  });

  it('refuses by content: a renamed .exe sent as application/pdf, a PNG declared as JPEG, text', async () => {
    const count = async () => (await m.t.db.query('SELECT count(*)::int AS n FROM attachments')).rows[0].n;
    const seeded = await count();
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(200)]);
    assertProblem(await m.upload(exe, { type: 'application/pdf', name: 'vedtak.pdf' }), 415, 'attachment-type');
    assertProblem(await m.upload(PNG, { type: 'image/jpeg', name: 'bilde.jpg' }), 415, 'attachment-type');
    assertProblem(await m.upload(Buffer.from('<html><script>alert(1)</script>'), { type: 'image/png' }), 415, 'attachment-type');
    assert.equal(await count(), seeded, 'nothing stored');
  });

  it('refuses PDFs with active content, also when the name hides behind #xx escapes', async () => {
    for (const name of ['/JavaScript', '/JS', '/Launch', '/EmbeddedFile', '/RichMedia', '/XFA', '/J#61vaScript']) {
      const pdf = Buffer.from(`%PDF-1.7\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n2 0 obj << /S ${name} (app.alert(1)) >> endobj\n%%EOF`, 'latin1');
      assertProblem(await m.upload(pdf, { type: 'application/pdf', name: 'x.pdf' }), 415, 'attachment-type');
    }
    assert.equal(await pdfRefusal(PDF), undefined);
    assert.equal(await pdfRefusal(Buffer.from('%PDF-1.4 /JSON /JavaScriptish', 'latin1')), undefined, 'whole names only');
  });

  it('refuses active content hidden in a FlateDecode object stream (also a [/FlateDecode] array, #xx-escaped names)', async () => {
    const objects = deflateSync(Buffer.from('4 0 << /S /JavaScript /JS (app.alert(1)) >>', 'latin1'));
    const escaped = deflateSync(Buffer.from('4 0 << /S /J#61vaScript >>', 'latin1'));
    /** @type {[string, Buffer][]} filter, stream data */
    const cases = [['/FlateDecode', objects], ['[ /FlateDecode ]', objects], ['/Fl#61teDecode', objects], ['/FlateDecode', escaped]];
    for (const [filter, data] of cases) {
      const pdf = pdfWithStream(`/Type /ObjStm /N 1 /First 4 /Filter ${filter}`, data, '1 0 obj << /Type /Catalog /OpenAction 4 0 R >> endobj');
      assertProblem(await m.upload(pdf, { type: 'application/pdf', name: 'x.pdf' }), 415, 'attachment-type');
    }
    const r = await m.upload(pdfWithStream('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', objects), { type: 'application/pdf', name: 'x.pdf' });
    assert.match(r.body.detail, /active content/);
  });

  it('accepts a harmless PDF with a compressed content stream', async () => {
    const content = deflateSync(Buffer.from('BT /F1 12 Tf 72 712 Td (Hei, Ola) Tj ET', 'latin1'));
    const pdf = pdfWithStream('/Filter /FlateDecode', content, '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj');
    assert.equal(await pdfRefusal(pdf), undefined);
    const r = await m.upload(pdf, { type: 'application/pdf', name: 'brev.pdf' });
    assert.equal(r.status, 201, r.text);
  });

  it('refuses a FlateDecode stream that does not inflate: it cannot be checked', async () => {
    for (const data of [Buffer.from('not zlib at all'), deflateSync(Buffer.from('x'.repeat(1000))).subarray(0, 8)]) {
      const r = await m.upload(pdfWithStream('/Type /ObjStm /Filter /FlateDecode', data), { type: 'application/pdf', name: 'x.pdf' });
      assertProblem(r, 415, 'attachment-type');
      assert.match(r.body.detail, /cannot be inflated/);
    }
  });

  it('refuses a zip bomb (1 GiB of zeros in 1 MB) once 20 MiB are inflated, without inflating the rest', async () => {
    const peak = process.resourceUsage().maxRSS; // KiB
    const bomb = pdfWithStream('/Type /ObjStm /Filter /FlateDecode', zerosDeflated(1024));
    assert.ok(bomb.length < 2 * MiB);
    const r = await m.upload(bomb, { type: 'application/pdf', name: 'x.pdf' });
    assertProblem(r, 415, 'attachment-type');
    assert.match(r.body.detail, new RegExp(`more than ${PDF_INFLATE_MAX_BYTES} bytes`));
    assert.ok(process.resourceUsage().maxRSS - peak < 200 * 1024, 'the peak memory grew by far less than the 1 GiB the bomb holds');
    // The cap counts all streams together: three of 8 MiB pass it.
    const eight = zerosDeflated(8);
    assert.equal(await pdfRefusal(pdfWithStream('/Filter /FlateDecode', eight)), undefined);
    assert.match(String(await pdfRefusal(pdfWithStream('/Filter /FlateDecode', eight, ...Array(2).fill(streamObject('/Filter /FlateDecode', eight))))), /more than/);
  });

  it('takes 5 MiB; refuses 5 MiB + 1 with 413 attachment-too-large', async () => {
    const seeded = (await m.t.db.query('SELECT count(*)::int AS n FROM attachments')).rows[0].n;
    const exact = Buffer.alloc(5 * MiB, 0);
    PNG.copy(exact);
    const ok = await m.upload(exact);
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.body.size, 5 * MiB);
    const big = Buffer.alloc(5 * MiB + 1, 0);
    PNG.copy(big);
    assertProblem(await m.upload(big), 413, 'attachment-too-large');
    // Also when the size is not announced (chunked): the server stops at the limit.
    const chunks = async function* () {
      for (let i = 0; i < 6; i++) yield i === 0 ? Buffer.concat([PNG, Buffer.alloc(MiB - PNG.length)]) : Buffer.alloc(MiB);
    };
    const res = await fetch(`${m.t.base}/v1/subjects/me/attachments`, {
      method: 'POST',
      headers: { Authorization: 'Bearer test:psn-ola-7f3a', 'Content-Type': 'image/png', 'Idempotency-Key': m.t.newKey(), 'Content-Disposition': "attachment; filename*=UTF-8''a.png" },
      body: /** @type {any} */ (ReadableStream.from(chunks())),
      // @ts-ignore Node's fetch needs this for a streamed body
      duplex: 'half',
    }).catch((err) => err);
    if (res instanceof Response) {
      assert.equal(res.status, 413);
      assert.equal((/** @type {any} */ (await res.json())).type, 'urn:omsorg:problem:attachment-too-large');
    } else {
      // The connection may close under a client still sending: that too is a refusal.
      assert.match(String(res.cause?.code ?? res.message), /ECONNRESET|EPIPE|UND_ERR_SOCKET|other side closed|fetch failed/);
    }
    assert.equal((await m.t.db.query('SELECT count(*)::int AS n FROM attachments')).rows[0].n, seeded + 1);
  });

  it('needs a file name and an Idempotency-Key; replays the same upload; makes names safe', async () => {
    assertProblem(await m.upload(PNG, { name: null }), 400, 'validation');
    assertProblem(await m.upload(PNG, { key: null }), 400, 'idempotency-key-missing');
    const key = m.t.newKey();
    const a = await m.upload(PNG, { key });
    const b = await m.upload(PNG, { key });
    assert.equal(b.status, 201);
    assert.equal(b.text, a.text);
    assertProblem(await m.upload(PNG, { key, name: 'annet.png' }), 422, 'idempotency-key-reused');
    const evil = await m.upload(PNG, { name: '../../etc/\u202Egnp.exe\u0000.png' });
    assert.equal(evil.status, 201, evil.text);
    assert.equal(evil.body.filename, 'gnp.exe.png');
    assert.equal(attachmentFilename(`attachment; filename*=UTF-8''${'a'.repeat(300)}.pdf`)?.length, 255);
    assert.match(/** @type {string} */ (attachmentFilename(`attachment; filename*=UTF-8''${'a'.repeat(300)}.pdf`)), /a\.pdf$/);
    assert.equal(attachmentFilename('attachment; filename="C:\\\\Users\\\\x\\\\rapport.pdf"'), 'rapport.pdf');
    assert.equal(attachmentFilename("attachment; filename*=UTF-8''%E0%A4%A"), undefined);
    assert.equal(attachmentFilename('attachment'), undefined);
  });
});

describe('attachments in messages', () => {
  it('sends attachments; before that only the uploader sees them, after that the thread\'s parties', async () => {
    const kariUpload = await m.upload(PNG, { person: 'kari', subject: OLA });
    assert.equal(kariUpload.status, 201, kariUpload.text);
    const id = kariUpload.body.id;
    assert.equal((await m.download(id, { person: 'kari', subject: OLA })).status, 200);
    // Not yet sent: not Ola's (the subject), not Per's, not via another subject.
    assertProblem(await m.download(id), 404, 'not-found');
    const perTries = await m.download(id, { person: 'per', subject: OLA });
    assert.equal(perTries.status, 404);
    assert.equal((await m.download(id, { person: 'kari' })).status, 404);
    // Ola cannot send Kari's upload.
    const stolen = await m.send('thr-qc7m4w', { text: 'Se vedlegg', attachmentIds: [id] });
    assertProblem(stolen, 400, 'validation');
    assert.deepEqual(stolen.body.errors, [{ pointer: '/attachmentIds/0', code: 'invalid' }]);

    const sent = await m.send('thr-qc7m4w', { text: 'Se vedlegg', attachmentIds: [id] }, { person: 'kari', subject: OLA });
    assert.equal(sent.status, 201, sent.text);
    assert.deepEqual(sent.body.attachments, [kariUpload.body]);
    const asOla = await m.download(id);
    assert.equal(asOla.status, 200);
    assert.deepEqual(asOla.bytes, PNG);
    assert.equal((await m.download(id, { person: 'per', subject: OLA })).status, 404, 'Per is no party');
    const thread = await m.t.call(`/v1/subjects/me/threads/thr-qc7m4w`);
    assert.deepEqual(thread.body.messages.at(-1).attachments, [kariUpload.body]);
    // Used once: it cannot go into another message.
    assertProblem(await m.send('thr-dx1k8s', { text: 'Igjen', attachmentIds: [id] }, { person: 'kari', subject: OLA }), 400, 'validation');
  });

  it('keeps at most 5 per message, no duplicates; a draft keeps its uploads', async () => {
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await m.upload(PNG, { name: `${i}.png` })).body.id);
    const six = await m.send('thr-qc7m4w', { text: 'Seks', attachmentIds: ids });
    assertProblem(six, 400, 'validation');
    assert.deepEqual(six.body.errors, [{ pointer: '/attachmentIds', code: 'too-many' }]);
    const dup = await m.send('thr-qc7m4w', { text: 'To like', attachmentIds: [ids[0], ids[0]] });
    assert.deepEqual(dup.body.errors, [{ pointer: '/attachmentIds/1', code: 'invalid' }]);
    const draft = await m.t.call('/v1/subjects/me/drafts/thr-qc7m4w', { method: 'PUT', headers: { 'If-None-Match': '*' }, body: { text: 'Utkast', attachmentIds: ids.slice(0, 2) } });
    assert.equal(draft.status, 200, draft.text);
    assert.deepEqual(draft.body.attachments.map((/** @type {any} */ a) => a.id), ids.slice(0, 2));
    const five = await m.send('thr-qc7m4w', { text: 'Fem', attachmentIds: ids.slice(0, 5) });
    assert.equal(five.status, 201, five.text);
    assert.equal(five.body.attachments.length, 5);
    assert.deepEqual(five.body.attachments.map((/** @type {any} */ a) => a.filename), ['0.png', '1.png', '2.png', '3.png', '4.png']);
  });
});
