/** Calls to the mock messages API and checks of its answers, shared by the messages test files. */
import { expect } from '@open-wc/testing';
import { problemTypes } from '@omsorg/contract';
import { tinyPdf, type PersonKey } from '@omsorg/fixtures';
import { mockAuthorization } from '../auth.js';
import { API, call, expectProblem, type Call } from './worker.js';

let n = 0;
export const key = () => `messages-test-${++n}-${Math.random().toString(36).slice(2)}`;
export const threads = (subject = 'me', person: PersonKey = 'ola', headers: Record<string, string> = {}) =>
  call(`/v1/subjects/${subject}/threads?limit=500`, { person, headers });
export const thread = (id: string, subject = 'me', person: PersonKey = 'ola', headers: Record<string, string> = {}) =>
  call(`/v1/subjects/${subject}/threads/${id}`, { person, headers });
export const start = (body: unknown, subject = 'me', person: PersonKey = 'ola', k: string | null = key()) =>
  call(`/v1/subjects/${subject}/threads`, { method: 'POST', person, body, headers: k ? { 'Idempotency-Key': k } : {} });
export const reply = (id: string, body: unknown, subject = 'me', person: PersonKey = 'ola', k: string | null = key()) =>
  call(`/v1/subjects/${subject}/threads/${id}/messages`, { method: 'POST', person, body, headers: k ? { 'Idempotency-Key': k } : {} });
export const seen = (id: string, body: unknown, subject = 'me', person: PersonKey = 'ola') =>
  call(`/v1/subjects/${subject}/threads/${id}/seen`, { method: 'PUT', person, body });
export const draft = (k: string, init: { method?: string; headers?: Record<string, string>; body?: unknown; person?: PersonKey; subject?: string } = {}) =>
  call(`/v1/subjects/${init.subject ?? 'me'}/drafts/${k}`, { method: init.method ?? 'GET', person: init.person ?? 'ola', headers: init.headers ?? {}, body: init.body });

/** Raw upload: bytes, a declared type and a file name in Content-Disposition. */
export async function upload(bytes: Uint8Array, type: string | null, name: string | null, o: { subject?: string; person?: PersonKey; key?: string } = {}): Promise<Call> {
  const headers: Record<string, string> = { Authorization: mockAuthorization(o.person ?? 'ola'), 'Idempotency-Key': o.key ?? key() };
  if (type) headers['Content-Type'] = type;
  if (name !== null) headers['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
  const res = await fetch(`${API}/v1/subjects/${o.subject ?? 'me'}/attachments`, { method: 'POST', headers, body: bytes.slice().buffer });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

export async function download(id: string, subject = 'me', person: PersonKey = 'ola') {
  const res = await fetch(`${API}/v1/subjects/${subject}/attachments/${id}`, { headers: { Authorization: mockAuthorization(person) } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}

export { expectProblem };

export function expectErrors(r: Call, errors: Array<{ pointer: string; code: string }>): void {
  expectProblem(r, 400, problemTypes.validation);
  for (const e of errors) expect(r.body.errors, JSON.stringify(r.body.errors)).to.deep.include(e);
}

export const pdfWith = (extra: string) => {
  const base = new TextDecoder('latin1').decode(tinyPdf('x'));
  return Uint8Array.from(base.replace('%%EOF', `${extra}\n%%EOF`), (c) => c.charCodeAt(0));
};
