// The rules core (src/rules/) and openapi.yaml state the same limits and patterns: the rules are
// what the mocks, the sandbox, the SDK and the elements enforce, openapi.yaml is what a vendor
// reads. A limit changed on one side only fails here. Runs on the built package (dist/).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { parse } from 'yaml';
import { cancelLimits, idPattern, idempotencyKeyLength, messageLimits, pagingLimits, subjectRefPattern } from '@omsorg/contract';

const spec = parse(await readFile(new URL('../openapi.yaml', import.meta.url), 'utf8'));
const schemas = spec.components.schemas;
const prop = (/** @type {string} */ schema, /** @type {string} */ name) => {
  const p = schemas[schema]?.properties?.[name];
  assert.ok(p, `openapi.yaml has ${schema}.${name}`);
  return p;
};
/** Every list operation's `cursor` query parameter. */
const cursors = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item).flatMap(([method, op]) => (op?.parameters ?? []).filter((p) => p.name === 'cursor').map((p) => ({ at: `${method} ${path}`, schema: p.schema }))),
);

test('text limits: a message, a thread title, a draft, an excerpt, a cancellation comment', () => {
  assert.equal(prop('NewMessage', 'text').maxLength, messageLimits.textMaxChars);
  assert.equal(prop('NewThread', 'text').maxLength, messageLimits.textMaxChars);
  assert.equal(prop('NewThread', 'title').maxLength, messageLimits.titleMaxChars);
  assert.equal(prop('Thread', 'title').maxLength, messageLimits.titleMaxChars);
  assert.equal(prop('DraftInput', 'text').maxLength, messageLimits.draftMaxChars);
  assert.equal(prop('DraftInput', 'title').maxLength, messageLimits.titleMaxChars);
  assert.equal(prop('Draft', 'text').maxLength, messageLimits.draftMaxChars);
  assert.equal(prop('MessageExcerpt', 'excerpt').maxLength, messageLimits.excerptMaxChars);
  assert.equal(prop('CancellationRequest', 'comment').maxLength, cancelLimits.commentMaxChars);
});

test('attachments per message', () => {
  for (const s of ['NewThread', 'NewMessage', 'DraftInput']) assert.equal(prop(s, 'attachmentIds').maxItems, messageLimits.attachmentsPerMessage, s);
});

test('id and subject patterns are the same expressions', () => {
  assert.equal(schemas.Id.pattern, idPattern.source);
  assert.equal(schemas.SubjectRef.pattern, subjectRefPattern.source);
});

test('Idempotency-Key length and the cursor limit of every list', () => {
  const key = spec.components.parameters.IdempotencyKey.schema;
  assert.deepEqual({ min: key.minLength, max: key.maxLength }, { ...idempotencyKeyLength });
  assert.ok(cursors.length >= 2, 'the lists take a cursor');
  for (const c of cursors) assert.equal(c.schema.maxLength, pagingLimits.cursorMaxChars, c.at);
});
