// Reference pages, search, deep links and shared checks.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, open, baseUrl, axe, waitForApp, waitForServiceWorker, startStaticServer, screenshot, DIST, ROOT } from './harness.mjs';
import { KB, currentStep, takeStep, waitForHeading } from './persona.mjs';

const REF = JSON.parse(fs.readFileSync(path.join(ROOT, 'src/knowledge/data/reference.json'), 'utf8'));

const browser = useBrowser();

// Every address the knowledge base implies, with the heading it must show.
function allRoutes() {
  const routes = [
    ['', 'Backup Doctor'],
    ['#/codes', 'Error codes and messages'],
    ['#/fixes', 'All fixes'],
    ['#/faq', 'Frequently asked questions'],
    ['#/guides', 'Guides'],
  ];
  for (const c of KB.error_codes) routes.push([`#/codes/${c.code}`, c.label]);
  for (const a of KB.alerts) routes.push([`#/alerts/${a.id}`, `\u201c${a.text}\u201d`]);
  for (const f of KB.fixes) routes.push([`#/fixes/${f.id}`, f.title]);
  for (const q of REF.faq) routes.push([`#/faq/${q.id}`, 'Frequently asked questions', q.question]);
  for (const g of REF.guides) routes.push([`#/guides/${g.id}`, g.title]);
  return routes;
}

test('every route renders its content, with zero axe violations', async (t) => {
  const { page, check } = await open(t, browser(), { context: { bypassCSP: true } });
  const url = await baseUrl();
  const violations = [];
  for (const [hash, heading, extra] of allRoutes()) {
    await page.goto(url + hash);
    await waitForApp(page);
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
    if (extra) {
      await page.getByRole('heading', { level: 2, name: extra, exact: true }).waitFor();
      // The question's anchor takes focus.
      await page.waitForFunction((id) => document.activeElement?.id === 'faq-' + id, hash.split('/').pop());
    }
    violations.push(...(await axe(page, hash)));
  }
  await page.goto(url + '#/guides/what-a-backup-holds');
  await screenshot(page, 'guide-light-1280');
  assert.deepEqual(violations, []);
  check();
});

test('an anchor link to an FAQ entry opens that entry, and an anchor elsewhere is ignored', async (t) => {
  const { page, check } = await open(t, browser());
  const url = await baseUrl();
  for (const hash of ['#/faq#security-delay', '#/faq#faq-security-delay']) {
    await page.goto(url + hash);
    await page.getByRole('heading', { level: 1, name: 'Frequently asked questions', exact: true }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'faq-security-delay');
  }
  await page.goto(url + '#/guides/what-a-backup-holds#anything');
  await page.getByRole('heading', { level: 1, name: REF.guides.find((g) => g.id === 'what-a-backup-holds').title, exact: true }).waitFor();
  check();
});

test('every unknown address lands somewhere helpful', async (t) => {
  const { page, check } = await open(t, browser());
  const url = await baseUrl();
  for (const hash of ['#/nope', '#/fixes/no-such-fix', '#/guides/none', '#/alerts/x', '#/faq/x/y', '#/check/abc']) {
    await page.goto(url + hash);
    await page.getByRole('heading', { name: "We can't find that page" }).waitFor();
    await page.getByRole('link', { name: 'Go to the home page' }).waitFor();
  }
  await page.goto(url + '#/codes/1234');
  await page.getByRole('heading', { name: 'Code 1234' }).waitFor();
  await page.getByText("We don't recognise \u201c1234\u201d.").waitFor();
  await page.getByRole('button', { name: 'Start a check anyway' }).click();
  await page.locator('#step-heading').waitFor();
  assert.match(page.url(), /#\/check/);
  check();
});

test('a deep link to a code page, and "Start a check with this", seed the wizard', async (t) => {
  const { page, check } = await open(t, browser());
  await page.goto((await baseUrl()) + '#/codes/9006');
  await page.getByRole('heading', { name: 'iCloud Backup Failure (9006)' }).waitFor();
  await page.getByText('not from Apple', { exact: false }).first().waitFor();
  const firstFix = await page.locator('.fix-links a').first().textContent();
  assert.equal(firstFix, KB.fixes.find((f) => f.id === 'check-icloud-storage').title);
  await page.getByRole('button', { name: 'Start a check with this' }).click();
  await page.locator('#step-heading').waitFor();
  await page.getByText('Your screen says').waitFor();
  const top = await page.locator('.cause-bar .cause-name').first().textContent();
  assert.equal(top, KB.causes.find((c) => c.id === 'not-enough-icloud-storage').title);
  check();
});

test('the lookup matches codes exactly and alert texts tolerantly', async (t) => {
  const { page, check } = await open(t, browser());
  await page.goto((await baseUrl()) + '#/codes');
  await page.getByLabel(/Type the code/).fill('error 9011');
  await page.getByRole('button', { name: 'Look it up' }).click();
  await page.getByRole('heading', { name: 'iCloud Backup Failure (9011)' }).waitFor();
  await page.goto((await baseUrl()) + '#/codes');
  await page.getByLabel(/Type the code/).fill('it said NOT ENUOGH icloud storage!!');
  await page.getByRole('button', { name: 'Look it up' }).click();
  await page.getByRole('heading', { name: '\u201cNot enough iCloud storage\u201d' }).waitFor();
  check();
});

test('search finds fixes, FAQ, guides and codes, tolerating typos, in an announced region', async (t) => {
  const { page, check } = await open(t, browser());
  await page.goto(await baseUrl());
  await waitForApp(page);
  const region = page.getByRole('region', { name: 'Search results' });
  assert.equal(await region.getAttribute('aria-live'), 'polite');
  await page.getByLabel('Search fixes, questions, guides and codes').fill('restor');
  await region.getByRole('link', { name: 'How to restore from an iCloud backup' }).waitFor();
  assert.ok((await region.locator('mark').count()) > 0, 'the matching words are marked');
  await page.getByLabel('Search fixes, questions, guides and codes').fill('9006');
  await region.getByRole('link', { name: 'iCloud Backup Failure (9006)' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'iCloud Backup Failure (9006)' }).waitFor();
  check();
});

test('Back and Forward move through pages and wizard steps', async (t) => {
  const { page, check } = await open(t, browser());
  const url = await baseUrl();
  await page.goto(url);
  await waitForApp(page);
  await page.getByRole('link', { name: 'Fixes', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'All fixes' }).waitFor();
  await page.getByRole('link', { name: KB.fixes[0].title }).first().click();
  await page.getByRole('heading', { level: 1, name: KB.fixes[0].title }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'All fixes' }).waitFor();
  await page.goForward();
  await page.getByRole('heading', { level: 1, name: KB.fixes[0].title }).waitFor();

  await page.goto(url);
  await waitForApp(page);
  await page.getByRole('button', { name: 'Start troubleshooting' }).click();
  const first = await currentStep(page);
  await takeStep(page, 'low-battery');
  const second = await currentStep(page);
  await takeStep(page, 'low-battery');
  const third = await currentStep(page);
  await page.goBack();
  await waitForHeading(page, second.heading);
  await page.goBack();
  await waitForHeading(page, first.heading);
  await page.goForward();
  await waitForHeading(page, second.heading);
  await page.goForward();
  await waitForHeading(page, third.heading);
  // The app's own Back is the browser's Back here: the browser's Back
  // after it goes on to the step before, and Forward redoes both.
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await waitForHeading(page, second.heading);
  await page.waitForURL(/#\/check\/1$/);
  await page.goBack();
  await waitForHeading(page, first.heading);
  await page.goForward();
  await waitForHeading(page, second.heading);
  await page.goForward();
  await waitForHeading(page, third.heading);
  // After a reload the app's Back undoes in place, and the browser's Back
  // never re-applies the undone step.
  await page.reload();
  await waitForHeading(page, third.heading);
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await waitForHeading(page, second.heading);
  await page.goBack();
  await page.waitForURL(/#\/check\/1$/);
  assert.equal((await currentStep(page)).heading, second.heading, 'the undone step stays undone');
  await takeStep(page, 'low-battery');
  // A reload after all that resumes where the address says.
  await page.reload();
  await waitForHeading(page, third.heading);
  check();
});

test('a shared link opened in a fresh browser reproduces the run; a different run asks first', async (t) => {
  const { page, check } = await open(t, browser());
  await page.goto(await baseUrl());
  await waitForApp(page);
  await page.getByRole('button', { name: 'Start troubleshooting' }).click();
  await takeStep(page, 'wifi-problem');
  await takeStep(page, 'wifi-problem');
  const here = await currentStep(page);
  await page.getByRole('button', { name: 'Share this check' }).click();
  const link = await page.getByRole('textbox', { name: 'Link to this check' }).inputValue();
  assert.match(link, /#\/share\/[A-Za-z0-9_.-]+$/);
  assert.ok(link.length < 200, 'a compact link: ' + link);

  const fresh = await open(t, browser());
  await fresh.page.goto(link);
  await waitForHeading(fresh.page, here.heading);
  await fresh.page.getByText('Step 3', { exact: true }).waitFor();

  // A browser with another run in progress gets the choice.
  const other = await open(t, browser());
  await other.page.goto(await baseUrl());
  await waitForApp(other.page);
  await other.page.getByRole('button', { name: 'Start troubleshooting' }).click();
  await takeStep(other.page, 'low-battery');
  await other.page.goto(link);
  await other.page.getByRole('heading', { name: 'Open the shared check?' }).waitFor();
  await other.page.getByRole('button', { name: 'Keep my current check' }).click();
  await other.page.getByText('Step 2', { exact: true }).waitFor();
  await other.page.goto(link);
  await other.page.getByRole('button', { name: 'Open the shared check' }).click();
  await waitForHeading(other.page, here.heading);
  check();
  fresh.check();
  other.check();
});

test('malformed, tampered and oversized share links get a clear message and a fresh start', async (t) => {
  const { page, check } = await open(t, browser());
  const url = await baseUrl();
  await page.goto(url);
  await waitForApp(page);
  await page.getByRole('button', { name: 'Start troubleshooting' }).click();
  await takeStep(page, 'wifi-problem');
  await page.getByRole('button', { name: 'Share this check' }).click();
  const link = await page.getByRole('textbox', { name: 'Link to this check' }).inputValue();
  const token = link.split('#/share/')[1];
  const flip = (s, i) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  const bad = {
    malformed: '!!!not-a-token',
    truncated: token.slice(0, Math.floor(token.length / 2)),
    tampered: flip(token, token.length - 3),
    oversized: 'A'.repeat(6000),
  };
  const fresh = await open(t, browser());
  for (const [name, tok] of Object.entries(bad)) {
    await fresh.page.goto(url + '#/share/' + tok);
    await fresh.page.getByRole('heading', { name: "We couldn't open this link" }).waitFor();
    await fresh.page.getByText('You can start a fresh check instead.').waitFor();
    assert.ok(name);
  }
  await fresh.page.getByRole('button', { name: 'Start troubleshooting' }).click();
  await fresh.page.getByText('Step 1', { exact: true }).waitFor();
  check();
  fresh.check();
});

test('served under /help/troubleshooter/, every kind of page works, and offline too', async (t) => {
  const server = await startStaticServer({ dir: DIST, prefix: '/help/troubleshooter/' });
  t.after(() => server.close());
  const { page, context, check } = await open(t, browser());
  await page.goto(server.url);
  await waitForApp(page);
  await waitForServiceWorker(page);
  for (const [hash, heading] of allRoutes()) {
    await page.goto(server.url + hash);
    await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
  }
  await context.setOffline(true);
  await page.goto(server.url + '#/codes/9007');
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'iCloud Backup Failure (9007)' }).waitFor();
  await page.getByRole('button', { name: 'Start a check with this' }).click();
  await page.locator('#step-heading').waitFor();
  await context.setOffline(false);
  check();
});
