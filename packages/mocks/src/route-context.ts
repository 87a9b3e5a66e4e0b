/**
 * What the routes of createMockApi are given (messages, consent, notices, relatives, the access
 * log): in a module of its own, so the handlers' modules do not import each other for a type.
 */
import type { HttpResponse, JsonBodyType } from 'msw';
import type { Problem } from '@omsorg/contract';
import type { PersonKey } from '@omsorg/fixtures';
import type { MockDb, SubjectRecord } from './records.js';
import type { ScenarioBehaviour } from './scenarios.js';

/** What the token says of the sign-in: when it was (a mock token without it: at the request). */
export interface MockSession {
  authTime: Date;
}

/** What the message routes need from createMockApi. */
export interface MessageRouteContext {
  db: MockDb;
  now: () => Date;
  url: (path: string) => string;
  behaviour: ScenarioBehaviour;
  guard: <T extends JsonBodyType>(request: Request, route: (person: PersonKey, session: MockSession) => Response | Promise<Response>) => Promise<HttpResponse<T | Problem>>;
  access: (
    person: PersonKey,
    subjectId: string | undefined,
    scope: 'messages' | null,
    request: Request,
    o?: { selfOnly?: boolean },
  ) => SubjectRecord | HttpResponse<Problem>;
  /** Milliseconds until staff answer a citizen's or relative's message; 0: never. */
  autoReplyMs: number;
  /** How the auto-reply's milliseconds pass (a real timer unless a test holds it). */
  wait: (ms: number) => Promise<void>;
}
