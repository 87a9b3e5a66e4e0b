// What a screen reader gets: Chromium's accessibility tree (through puppeteer) for the
// appointment list and the cancel dialog has the headings, named buttons, the dialog named by its
// heading, the reason group and the status live regions.
//
//   node --test test/a11y/a11y-tree.test.mjs   (needs storybook-static/, or STORYBOOK_DIR)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStory, openStoryPage } from './helpers.mjs';

let sb, page, close;
before(async () => ({ sb, page, close } = await openStoryPage()));
after(() => close?.());

/** Every node of the tree, flattened. */
function flatten(node, out = []) {
  out.push(node);
  for (const child of node.children ?? []) flatten(child, out);
  return out;
}
const find = (nodes, role, name) => nodes.filter((n) => n.role === role && (name === undefined || (name instanceof RegExp ? name.test(n.name ?? '') : n.name === name)));

test('appointment list: headings, named buttons and a status live region', async () => {
  await openStory(page, sb.origin, 'elements-appointment-list--default');
  const nodes = flatten(await page.accessibility.snapshot({ interestingOnly: false }));
  assert.equal(find(nodes, 'heading', 'Avtaler og besøk').filter((h) => h.level === 2).length, 1, 'one h2 "Avtaler og besøk"');
  const days = find(nodes, 'heading').filter((h) => h.level === 3);
  assert.ok(days.length >= 2, 'day headings at level 3');
  for (const d of days) assert.match(d.name, /^\p{Lu}\p{Ll}+dag \d{1,2}\. \p{Ll}+ \d{4}$/u, `day heading "${d.name}"`);
  // A series of visits has a level-4 heading of its own ("…, hver dag 08:00–10:00") above its visits' headings.
  const seriesTitles = await page.evaluate(() =>
    [...(document.querySelector('omsorg-appointment-list')?.shadowRoot?.querySelectorAll('[part~="series-heading"]') ?? [])].map((h) => h.textContent.replace(/\s+/g, ' ').trim()),
  );
  const fourth = find(nodes, 'heading').filter((h) => h.level === 4);
  assert.ok(seriesTitles.length >= 1 && seriesTitles.every((title) => fourth.some((h) => h.name === title)), 'each series has a level-4 heading');
  const items = fourth.filter((h) => !seriesTitles.includes(h.name));
  assert.ok(items.length >= 3, 'one level-4 heading per appointment');
  assert.ok(find(nodes, 'group', 'Vis avtaler').length === 1, 'the upcoming/past toggle is a named group');
  assert.ok(find(nodes, 'button', 'Kommende').length === 1 && find(nodes, 'button', 'Tidligere').length === 1, 'the toggle buttons');
  const cancel = find(nodes, 'button', /^Avbestill\b/);
  assert.ok(cancel.length >= 2, 'cancel buttons');
  // Each "Avbestill" says what it cancels (service, day and time), so a list of buttons reads well.
  for (const b of cancel) assert.match(b.name, /^Avbestill\s*: .+, \p{Ll}+dag \d{1,2}\. \p{Ll}+ \d{4} \d\d:\d\d$/u, `button "${b.name}"`);
  assert.equal(new Set(cancel.map((b) => b.name)).size, cancel.length, 'every cancel button has its own name');
  const calendar = find(nodes, 'button', /^Legg til i kalender\s*: /);
  assert.ok(calendar.length >= items.length - 1, 'calendar buttons are named per appointment');
  assert.ok(nodes.some((n) => n.role === 'status' && n.live === 'polite'), 'a polite status live region');
});

test('cancel dialog: a modal dialog named by its heading, with its form and a status region', async () => {
  await openStory(page, sb.origin, 'elements-appointment-list--cancel-dialog-open');
  const nodes = flatten(await page.accessibility.snapshot({ interestingOnly: false }));
  const dialogs = find(nodes, 'dialog');
  assert.equal(dialogs.length, 1, 'one dialog');
  const dialog = dialogs[0];
  assert.equal(dialog.modal, true, 'the dialog is modal');
  const inside = flatten(dialog);
  const heading = find(inside, 'heading').find((h) => h.level === 2);
  assert.ok(heading, 'the dialog has a level-2 heading');
  assert.equal(dialog.name, heading.name, 'the dialog is named by its heading');
  assert.equal(dialog.name, 'Avbestill avtale');
  assert.ok(find(inside, 'heading', 'Dette avbestiller du').length === 1, 'what is cancelled has a heading');
  assert.ok(find(inside, 'group', /^Hvorfor avbestiller du\?/).length === 1, 'the reasons are a group named by its legend');
  const radios = find(inside, 'radio');
  assert.ok(radios.length >= 2 && radios.every((r) => r.name), 'named reason radios');
  assert.ok(find(inside, 'textbox', /^Kommentar til tjenesten/).length === 1, 'the comment field is labelled');
  assert.ok(find(inside, 'button', 'Bekreft avbestilling').length === 1, 'the confirm button');
  assert.ok(find(inside, 'button', 'Ikke avbestill').length === 1, 'the keep button');
  assert.ok(inside.some((n) => n.role === 'status' && n.live === 'polite'), 'a polite status live region in the dialog');
  // The modal dialog hides the page behind it from the tree.
  assert.equal(find(nodes, 'heading', 'Avtaler og besøk').length, 0, 'the list behind the modal dialog is not in the tree');
});
