// Content for the iPhones people have today: an iOS 26 person sees iOS 26
// wording and "Apple Account", an iOS 14 person "Apple ID" and the old
// paths; every instruction shows where it comes from; and a check saved
// or shared with content version 1 still opens.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, open, baseUrl, waitForApp, screenshot } from './harness.mjs';
import { KB, currentStep, takeStep } from './persona.mjs';

const browser = useBrowser();
const PHONE = { viewport: { width: 360, height: 800 } };
const SESSION_KEY = 'backup-doctor:session';

// Made by the version-1 build (see tests/session_upgrade.rs): the code
// 9006, "iOS 15 or later, and an update is waiting", plugged in, and the
// storage fix that did not help.
const SAVED_V1 = JSON.stringify({
  version: 1,
  saved_at: 1764590000000.0,
  session: {
    version: 1,
    content_version: 1,
    events: [
      { event: 'seeded', code: '9006' },
      { event: 'answered', question: 'ios-version', answer: 'ios15-update-waiting' },
      { event: 'answered', question: 'battery-power', answer: 'plugged-in' },
      { event: 'fix-failed', fix: 'check-icloud-storage' },
    ],
  },
});
const LINK_V1 = 'AQEyXwAiFUFjL6nx';

const question = (id) => KB.questions.find((q) => q.id === id);
const fix = (id) => KB.fixes.find((f) => f.id === id);
const answerLabel = (q, a) => question(q).answers.find((x) => x.id === a).label;

// A check in progress, as today's build saves it: the account alert from
// the lookup, and the iOS version answered.
function savedRun(ios) {
  return JSON.stringify({
    version: 1,
    saved_at: Date.now(),
    session: {
      version: 1,
      content_version: 2,
      events: [
        { event: 'seeded', alert: 'unable-to-access-account' },
        { event: 'answered', question: 'ios-version', answer: ios },
      ],
    },
  });
}

async function openWithSaved(page, raw) {
  await page.goto(await baseUrl());
  await waitForApp(page);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [SESSION_KEY, raw]);
  await page.goto((await baseUrl()) + '#/check');
  await page.reload();
  await waitForApp(page);
  await page.locator('#step-heading').waitFor();
}

// Answers as a person whose Apple Account password is the trouble, until
// the account fix is on screen; `onQuestion` sees each question first.
async function reachAccountFix(page, onQuestion) {
  for (let i = 0; i < 12; i++) {
    const step = await currentStep(page);
    if (step.kind === 'fix' && step.item.id === 'verify-apple-id') return;
    if (step.kind === 'question' && onQuestion) await onQuestion(step);
    await takeStep(page, 'apple-id-password');
  }
  throw new Error('the account fix was not offered');
}

test('an iOS 26 person sees the iOS 26 wording, Apple Account, Stolen Device Protection and the source', async (t) => {
  const { page, check } = await open(t, browser(), { context: PHONE });
  await openWithSaved(page, savedRun('ios26'));
  let sawAccountQuestion = false;
  await reachAccountFix(page, async (step) => {
    if (step.item.id !== 'apple-id-alert') return;
    sawAccountQuestion = true;
    const help = await page.locator('.step.question .help').allTextContents();
    assert.equal(help.length, 1, 'one help text: the one for iOS 18 and 26');
    assert.match(help[0], /Apple Account/);
    assert.doesNotMatch(help[0], /Apple ID/);
    await page.locator('.step.question .sources').waitFor();
    await screenshot(page, 'content-ios26-question-360');
  });
  assert.ok(sawAccountQuestion, 'the account question was asked');
  const steps = page.locator('.step.fix .variant');
  await steps.first().waitFor();
  assert.equal(await steps.count(), 1, 'only the iOS 18 and 26 steps');
  const text = await steps.textContent();
  assert.match(text, /Apple Account password/);
  assert.doesNotMatch(text, /Apple ID/);
  assert.match(text, /Settings > \[your name\] > Sign-In & Security > Change Password/);
  // Stolen Device Protection is named before the steps, with what to do.
  const note = page.locator('.step.fix .notice.sdp');
  assert.match(await note.textContent(), /Security Delay.*wait the hour.*at home/s);
  const noteBox = await note.boundingBox();
  const listBox = await page.locator('.step.fix ol.steps').boundingBox();
  assert.ok(noteBox.y < listBox.y, 'the note comes before the steps');
  // The source line, with a link to Apple's page (a navigation, not a request).
  const sources = page.locator('.step.fix .sources');
  assert.match(await sources.textContent(), /^Based on: .*About Stolen Device Protection for iPhone/);
  assert.equal(await sources.locator('a[href="https://support.apple.com/en-us/120340"]').count(), 1);
  await screenshot(page, 'content-ios26-fix-360');
  check();
});

test('an iOS 14 person sees Apple ID and the old paths, without Stolen Device Protection', async (t) => {
  const { page, check } = await open(t, browser(), { context: PHONE });
  await openWithSaved(page, savedRun('ios10-3-to-14'));
  await reachAccountFix(page, async (step) => {
    if (step.item.id !== 'apple-id-alert') return;
    const help = await page.locator('.step.question .help').allTextContents();
    assert.equal(help.length, 1);
    assert.match(help[0], /Update Apple ID Settings/);
    await screenshot(page, 'content-ios14-question-360');
  });
  const steps = page.locator('.step.fix .variant');
  assert.equal(await steps.count(), 1);
  const text = await steps.textContent();
  assert.match(text, /Apple ID password/);
  assert.doesNotMatch(text, /Apple Account/);
  assert.match(text, /Settings > \[your name\] > Password & Security > Change Password/);
  assert.equal(await page.locator('.step.fix .notice.sdp').count(), 0);
  assert.match(await page.locator('.step.fix .sources').textContent(), /^Based on: /);
  await screenshot(page, 'content-ios14-fix-360');
  check();
});

test("someone who isn't sure of the iOS version sees today's wording first, each labelled", async (t) => {
  const { page, check } = await open(t, browser());
  await page.goto((await baseUrl()) + '#/fixes/delete-icloud-backup');
  await waitForApp(page);
  const labels = await page.locator('.variant-label').allTextContents();
  assert.deepEqual(labels, fix('delete-icloud-backup').variants.map((v) => v.label));
  assert.equal(labels[0], 'iOS 17 and later');
  assert.match(await page.locator('.variant').first().textContent(), /Turn Off and Delete from iCloud/);
  check();
});

test('guides and FAQ answers show their sources', async (t) => {
  const { page, check } = await open(t, browser(), { context: PHONE });
  await page.goto((await baseUrl()) + '#/guides/what-a-backup-holds');
  await waitForApp(page);
  const line = page.locator('.sources').last();
  assert.match(await line.textContent(), /^Based on: Apple Support: What does iCloud back up\?/);
  assert.equal(await line.locator('a[href="https://support.apple.com/en-us/108771"]').count(), 1);
  assert.match(await page.locator('#visual-voicemail').textContent(), /Visual Voicemail password/);
  await screenshot(page, 'content-guide-sources-360');
  await page.goto((await baseUrl()) + '#/faq/security-delay');
  await page.locator('#faq-security-delay').waitFor();
  const faq = page.locator('.faq-entry', { has: page.locator('#faq-security-delay') });
  assert.match(await faq.locator('.sources').textContent(), /About Stolen Device Protection/);
  check();
});

test('a check saved with content version 1 still opens, its answers mapped, and the person is told', async (t) => {
  const { page, check } = await open(t, browser());
  await openWithSaved(page, SAVED_V1);
  await page.getByText('Our help content was updated since this check was saved or shared.').waitFor();
  const answers = await page.locator('.answer-list').textContent();
  assert.ok(answers.includes(answerLabel('software-update', 'update-waiting')), answers);
  assert.ok(answers.includes(answerLabel('battery-power', 'plugged-in')), answers);
  assert.ok(answers.includes(fix('check-icloud-storage').title), answers);
  // It was opened, not kept aside as unreadable.
  assert.equal(await page.evaluate(() => localStorage.getItem('backup-doctor:session-unreadable')), null);
  assert.equal(await page.locator('text=We couldn\'t read your saved progress').count(), 0);
  const saved = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY));
  assert.equal(saved.session.content_version, 2, 'saved again with today\'s content version');
  check();
});

test('a share link made with content version 1 still opens', async (t) => {
  const { page, check } = await open(t, browser());
  await page.goto((await baseUrl()) + '#/share/' + LINK_V1);
  await waitForApp(page);
  await page.getByText('Our help content was updated since this check was saved or shared.').waitFor();
  await page.locator('.answer-list').waitFor();
  const answers = await page.locator('.answer-list').textContent();
  assert.ok(answers.includes(answerLabel('software-update', 'update-waiting')), answers);
  assert.ok(answers.includes(fix('check-icloud-storage').title), answers);
  assert.match(page.url(), /#\/check/);
  check();
});
