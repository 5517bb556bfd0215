// What the engine's numbers turn into on screen: the resolved screen after
// a fix worked, "Still worth a try at home" on the hand-over, and the
// support team's hand-over option.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, open, baseUrl, waitForApp, screenshot } from './harness.mjs';
import { KB, waitForNewStep } from './persona.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

const browser = useBrowser();
const TIPS = JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'knowledge', 'data', 'reference.json'), 'utf8')).tips;
const HANDOVER = 'Time to ask Apple for help';
const RESOLVED = 'Your backup is working again';
const byCause = (map, cause) => (cause in map ? map[cause] : map['*'] ?? 0);

async function startCheck(page, query = '') {
  await page.goto((await baseUrl()) + query);
  await waitForApp(page);
  await page.getByRole('button', { name: 'Start troubleshooting' }).click();
  await page.locator('#step-heading').waitFor();
}

const heading = async (page) => (await page.locator('#step-heading').first().textContent()).trim();

// Says how a fix went, past a risky fix's confirmation.
async function reportFix(page, result) {
  const understand = page.getByRole('button', { name: 'I understand, show me the steps' });
  if (await understand.count()) await understand.click();
  await page.getByRole('button', { name: result === 'works' ? 'Yes, it backed up' : 'No, still failing' }).click();
}

// One step of a person who is never sure: "not sure" to every question;
// every fix gets `result` ('works' or 'fails'). Returns what was on screen.
async function neverSureStep(page, result = 'fails') {
  const h = await heading(page);
  if (h === HANDOVER || h === RESOLVED) return { kind: h === HANDOVER ? 'handover' : 'resolved', heading: h };
  const question = KB.questions.find((q) => q.text === h);
  if (question) {
    await page.locator('.answers-group .answer.unsure').click();
  } else {
    const fix = KB.fixes.find((f) => f.title === h);
    assert.ok(fix, 'a question or a fix: ' + h);
    await reportFix(page, result);
  }
  await waitForNewStep(page, h);
  return { kind: question ? 'question' : 'fix', item: question || KB.fixes.find((f) => f.title === h), heading: h };
}

// Plays a never-sure person for whom nothing works up to the hand-over;
// returns the steps taken.
async function neverSureToHandover(page) {
  const taken = [];
  for (let i = 0; i < 60; i++) {
    const step = await neverSureStep(page);
    if (step.kind === 'handover') return taken;
    assert.notEqual(step.kind, 'resolved');
    taken.push(step);
  }
  throw new Error('no hand-over within 60 steps');
}

test('after a fix works, the resolved screen names the cause that fix points at, with its tips', async (t) => {
  const { page, check } = await open(t, browser());
  await startCheck(page);
  // Not sure to every question; the first fix offered works.
  let worked;
  for (let i = 0; i < 30 && !worked; i++) {
    const step = await neverSureStep(page, 'works');
    if (step.kind === 'fix') worked = step.item;
  }
  assert.ok(worked, 'a fix was offered');
  await page.getByRole('heading', { name: RESOLVED }).waitFor();
  // "Not sure" told nothing, so P(cause | this fix worked) ∝ prior × P(works | cause).
  const score = (c) => c.prior * byCause(worked.fixes, c.id);
  const top = KB.causes.reduce((a, b) => (score(b) > score(a) ? b : a));
  const likely = (await page.locator('.likely-cause').textContent()).trim();
  assert.match(likely, new RegExp(`^It was most likely ${top.title} \\(\\d+%\\)\\.$`), likely);
  const shown = await page.locator('.tips li strong').allTextContents();
  const expected = TIPS.filter((tip) => tip.causes.includes(top.id) && !tip.caution).map((tip) => tip.title);
  assert.deepEqual(shown, expected);
  if (top.id !== 'not-enough-icloud-storage') assert.ok(!likely.includes('iCloud storage') && !shown.includes('Keep free space in iCloud'));
  await screenshot(page, 'resolved-after-fix-1280');
  check();
});

test('the hand-over lists fixes still worth a try; taking one goes back into the check', async (t) => {
  const { page, check } = await open(t, browser());
  await startCheck(page);
  const taken = await neverSureToHandover(page);
  const tried = new Set(taken.filter((s) => s.kind === 'fix').map((s) => s.item.id));
  await page.getByRole('heading', { name: 'Still worth a try at home' }).waitFor();
  const items = page.locator('.at-home-list li');
  const count = await items.count();
  assert.ok(count >= 1 && count <= 3, `${count} fixes listed`);
  const titles = await items.locator('strong').allTextContents();
  for (const title of titles) {
    const fix = KB.fixes.find((f) => f.title === title);
    assert.ok(fix && (fix.kind ?? 'fix') === 'fix' && !tried.has(fix.id), 'an ordinary fix not tried yet: ' + title);
  }
  for (const text of await items.locator('.muted').allTextContents()) assert.match(text, /^about a \d+% chance, about \d+ minutes?$/);
  await page.setViewportSize({ width: 360, height: 800 });
  await screenshot(page, 'handover-at-home-360');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Try the first, then come back without doing it.
  await page.getByRole('button', { name: `Try this: ${titles[0]}` }).click();
  await page.getByRole('heading', { name: titles[0], level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Back to getting help' }).click();
  await page.getByRole('heading', { name: HANDOVER }).waitFor();

  // Try it and it fails: the check goes on, and it is not offered again.
  await page.getByRole('button', { name: `Try this: ${titles[0]}` }).click();
  await page.getByRole('heading', { name: titles[0], level: 1 }).waitFor();
  await reportFix(page, 'fails');
  await waitForNewStep(page, titles[0]);
  for (let i = 0; i < 30 && (await heading(page)) !== HANDOVER; i++) await neverSureStep(page);
  await page.getByRole('heading', { name: HANDOVER }).waitFor();
  const after = await page.locator('.at-home-list li strong').allTextContents();
  assert.ok(!after.includes(titles[0]), `${titles[0]} is not listed again: ${after.join(', ')}`);
  const summary = await page.locator('#summary-text').inputValue();
  assert.ok(summary.includes(`${titles[0]}: `), 'the summary lists it as tried');

  // One that works ends the run like any fix.
  if (after.length) {
    await page.getByRole('button', { name: `Try this: ${after[0]}` }).click();
    await page.getByRole('heading', { name: after[0], level: 1 }).waitFor();
    await reportFix(page, 'works');
    await page.getByRole('heading', { name: RESOLVED }).waitFor();
  }
  check();
});

test('the handover option sets how soon the check hands over; an invalid value is noted and ignored', async (t) => {
  const { page, check } = await open(t, browser());
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  const steps = {};
  for (const setting of ['self-service', 'balanced', 'quick']) {
    await startCheck(page, `?handover=${setting}&ns=h-${setting}`);
    steps[setting] = (await neverSureToHandover(page)).length;
  }
  assert.ok(steps['self-service'] >= steps.balanced && steps.balanced >= steps.quick, JSON.stringify(steps));
  assert.ok(steps['self-service'] > steps.quick, JSON.stringify(steps));

  await startCheck(page, '?handover=never&ns=h-bad');
  await page.getByText(/Some settings of this page were not valid and were ignored: .*handover/).waitFor();
  assert.ok(warnings.some((w) => w.includes('handover')), 'a console warning names it: ' + warnings.join(' | '));
  assert.equal((await neverSureToHandover(page)).length, steps.balanced, 'the default, balanced');
  check();
});
