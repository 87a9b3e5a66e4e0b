/**
 * The behaviour every `SubjectDataElement` subclass shares, as one suite each subclass's test file
 * runs: the loading skeleton (reserves height, said once, replaced by the loaded text), empty,
 * a server error with a working retry, signed out (at start and on a 401) with sign-in that
 * loads, sign-out dropping what was shown, acting for someone (named, or said when the name is
 * unknown), and loading again when the page's subject changes (unless `subject-id` pins one).
 *
 * Responses are held back by an explicit gate, not a delay, so nothing here races a clock.
 */
import { expect, fixture, type html } from '@open-wc/testing';
import { http } from 'msw';
import type { ScenarioName } from '@omsorg/mocks';
import type { Client } from '@omsorg/sdk';
import { common } from '../internal/messages.js';
import { API, mswWorker, shadowText, until, type PersonKey } from './setup.js';
import { $, alertText, busy, mountSettled, polite, recordCalls, settled, sr } from './kit.js';

type Method = { [K in keyof Client]: Client[K] extends (...args: never[]) => unknown ? K : never }[keyof Client];

export interface SubjectDataCase<M extends Method = Method> {
  /** The element's tag, for the suite's name. */
  tag: string;
  /** The element's Norwegian (bokmål) texts: its title and "loading" sentence. */
  texts: { title: string; loadingList: string; actingForUnknown: string };
  /** Starts the mock API with a scenario (the element's own set-up: clock, mock API). */
  scenario(name: ScenarioName): Promise<void>;
  /** A client signed in (or not) as a mock person. */
  client(person: PersonKey, options?: { signedIn?: boolean }): Client;
  /** The element for `client`; `subjectId` sets the `subject-id` attribute. */
  render(client: Client, subjectId?: string): ReturnType<typeof html>;
  /** The client call that loads the element's data, and the subject a call asked for. */
  load: { method: M; subject: (...args: Parameters<Client[M]>) => string | undefined };
  /** Whether the element shows loaded data (items, messages). */
  hasData(el: Element): boolean;
  /** The text of `[part="empty"]` in the 'empty' scenario; leave out where there is no empty state. */
  empty?: string;
  /** A relative acting for someone: who, for whom, their own subject, and the name shown. */
  actingFor: { person: PersonKey; subject: string; own: string; name: string; nameInHeading: boolean };
  /**
   * Who switches the page's subject, to what, and back (default `actingFor`): an element whose
   * data only the person themselves may read (the access log) switches between the person's own
   * subject id and `me`.
   */
  subjectChange?: { person: PersonKey; subject: string; own: string };
  /** The least height (CSS px) the skeleton keeps for the content while loading. */
  skeletonHeight?: number;
}

const folded = (node: Element | null | undefined) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Holds every API response until the returned function is called; then they go on as usual. */
function holdResponses(): () => void {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  mswWorker().use(
    http.all(`${API}/v1/*`, async () => {
      await gate;
      return undefined;
    }),
  );
  return open;
}

/** Records what the polite status region says, from now on. */
function recordPolite(el: Element): { said: string[]; stop(): void } {
  const region = $(el, '.base > [role="status"]')!;
  const said: string[] = [];
  const observer = new MutationObserver(() => said.push(region.textContent?.trim() ?? ''));
  observer.observe(region, { childList: true, characterData: true, subtree: true });
  return { said, stop: () => observer.disconnect() };
}

type Host = HTMLElement & { subjectId?: string; updateComplete: Promise<unknown> };

export function subjectDataBehaviour<M extends Method>(c: SubjectDataCase<M>): void {
  const t = c.texts;
  const mount = (client: Client, subjectId?: string) => mountSettled<Host>(c.render(client, subjectId), `${c.tag} to settle`);
  const calls = (client: Client) => recordCalls(client, c.load.method, (...args) => c.load.subject(...args));

  describe(`${c.tag}: shared SubjectDataElement behaviour`, () => {
    it('loading: a skeleton that reserves height, "loading" said once, then the loaded text instead', async () => {
      await c.scenario('default');
      const release = holdResponses();
      const el = await fixture<Host>(c.render(c.client('ola')));
      expect(busy(el)).to.equal('true');
      expect($(el, '[part="skeleton"]')?.getAttribute('aria-hidden')).to.equal('true');
      expect($(el, '[part="content"]')!.getBoundingClientRect().height).to.be.greaterThan(c.skeletonHeight ?? 100);
      expect(shadowText(el)).to.contain(t.loadingList);
      await until(() => polite(el) === t.loadingList, 'loading in the status region');
      // Once in the page: the status region now says it instead of the hidden paragraph.
      expect(shadowText(el).split(t.loadingList)).to.have.length(2);
      expect(alertText(el)).to.equal('');
      await expect(el).to.be.accessible();

      const record = recordPolite(el);
      release();
      await until(() => settled(el), 'the data after the responses go on');
      await el.updateComplete;
      record.stop();
      expect($(el, '[part="skeleton"]')).to.equal(null);
      expect(c.hasData(el)).to.equal(true);
      // Said once: not again while the data comes, and the loaded text is what stays.
      expect(record.said.filter(Boolean)).to.not.include(t.loadingList);
      expect(record.said.filter(Boolean).at(-1)).to.equal(polite(el));
      expect(polite(el)).to.not.equal('');
      expect(polite(el)).to.not.equal(t.loadingList);
      expect(shadowText(el)).to.not.contain(t.loadingList);
    });

    if (c.empty !== undefined) {
      const empty = c.empty;
      it('empty: says so, politely too', async () => {
        await c.scenario('empty');
        const el = await mount(c.client('ola'));
        expect(folded($(el, '[part="empty"]'))).to.equal(empty);
        expect(c.hasData(el)).to.equal(false);
        expect(polite(el)).to.not.equal('');
        await expect(el).to.be.accessible();
      });
    }

    it('server error: explained and alerted; "try again" focuses the heading and loads', async () => {
      await c.scenario('server-error');
      const el = await mount(c.client('ola'));
      expect(folded($(el, '[part="error"]'))).to.contain(common.nb.errorServer);
      expect(alertText(el)).to.contain(common.nb.errorServer);
      expect(c.hasData(el)).to.equal(false);
      await expect(el).to.be.accessible();
      await c.scenario('default');
      $<HTMLButtonElement>(el, '[part="retry-button"]')!.click();
      expect(sr(el).activeElement?.id).to.equal('title');
      await until(() => c.hasData(el), 'the data after retry');
      expect($(el, '[part="error"]')).to.equal(null);
      expect(alertText(el)).to.equal('');
    });

    it('signed out at start: no call, a sign-in button; signing in loads', async () => {
      await c.scenario('default');
      const client = c.client('ola', { signedIn: false });
      const loads = calls(client);
      const el = await mount(client);
      expect($(el, '[part="signed-out"]')).to.exist;
      expect(folded($(el, '[part="signed-out"]'))).to.contain(common.nb.signedOut);
      expect(c.hasData(el)).to.equal(false);
      expect(loads).to.have.length(0);
      await expect(el).to.be.accessible();
      $<HTMLButtonElement>(el, '[part="sign-in-button"]')!.click();
      await until(() => c.hasData(el), 'the data after sign-in');
      expect(loads).to.have.length(1);
      expect($(el, '[part="signed-out"]')).to.equal(null);
    });

    it('a 401 from the server: signed out, offering sign-in', async () => {
      await c.scenario('unauthorized');
      const el = await mount(c.client('ola'));
      expect($(el, '[part="signed-out"]')).to.exist;
      expect($(el, '[part="sign-in-button"]')).to.exist;
      expect(c.hasData(el)).to.equal(false);
      expect($(el, '[part="error"]')).to.equal(null);
    });

    it('signing out drops everything shown and offers sign-in', async () => {
      await c.scenario('default');
      const client = c.client('ola');
      const el = await mount(client);
      expect(c.hasData(el)).to.equal(true);
      await client.signOut();
      await until(() => !!$(el, '[part="signed-out"]'), 'signed out');
      expect(c.hasData(el)).to.equal(false);
      expect($(el, '[part="sign-in-button"]')).to.exist;
      expect(polite(el)).to.equal('');
      expect(alertText(el)).to.equal('');
    });

    it('acting for someone: their name, or that it is someone else when the name is unknown', async () => {
      await c.scenario('default');
      const { person, subject, name, nameInHeading } = c.actingFor;
      const client = c.client(person);
      client.setSubject(subject);
      const el = await mount(client);
      if (nameInHeading) {
        await until(() => folded($(el, '#title')).includes(name), 'the name in the heading');
        expect($(el, '#title bdi')?.textContent).to.equal(name);
      } else {
        // The name is in the data (a message from them), which may come before the lookup of
        // whom the person acts for ends; until then the notice says "someone else".
        await until(() => shadowText(el).includes(name) && !$(el, '[part="acting-for"]'), 'the name, and no acting-for notice');
      }
      expect($(el, '[part="acting-for"]')).to.equal(null);
      await expect(el).to.be.accessible();

      const unknown = c.client(person);
      unknown.setSubject(subject);
      unknown.me = async () => ({ person: { id: 'psn-unknown', name: 'Ukjent' }, subjects: [] });
      const other = await mount(unknown);
      await until(() => !!$(other, '[part="acting-for"]'), 'the acting-for notice');
      expect(folded($(other, '[part="acting-for"]'))).to.equal(t.actingForUnknown);
      expect(folded($(other, '#title'))).to.not.contain(name);
      await expect(other).to.be.accessible();
    });

    it('loads again when the page subject changes, unless subject-id pins one', async () => {
      await c.scenario('default');
      const { person, subject, own } = c.subjectChange ?? c.actingFor;
      const client = c.client(person);
      const loads = calls(client);
      const el = await mount(client);
      expect(loads).to.have.length(1);
      client.setSubject(subject);
      await until(() => loads.length === 2, 'a load for the new page subject');
      expect(loads[1]).to.equal(subject);
      await until(() => settled(el), 'settled again');

      const pinnedClient = c.client(person);
      const pinnedLoads = calls(pinnedClient);
      const pinned = await mount(pinnedClient, subject);
      expect(pinnedLoads).to.deep.equal([subject]);
      pinnedClient.setSubject(own);
      await pinned.updateComplete;
      expect(pinnedLoads).to.have.length(1);
      pinned.subjectId = undefined;
      await until(() => pinnedLoads.length === 2, 'a load for the page subject');
      expect(pinnedLoads[1]).to.equal(own);
    });
  });
}
