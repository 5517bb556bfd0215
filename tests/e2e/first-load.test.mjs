// The first screen before the wasm: index.html holds the home screen and
// the first question of a fresh check, pre-rendered at build time
// (examples/prerender.rs); static/boot.js picks one before the first
// paint, and the app takes over with the same markup. In another language
// boot.js puts that language's pre-rendered screens in their place.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, open, baseUrl, waitForApp, screenshot, ROOT } from './harness.mjs';

const browser = useBrowser();

// Holds back the wasm until `release()` is called, so the test sees the
// page as a slow connection shows it before the app runs.
async function holdWasm(page) {
  let release;
  const released = new Promise((r) => (release = r));
  await page.route(/_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

// Layout shifts and the boxes of the heading and the first button.
const WATCH_SHIFTS = `
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
  }).observe({ type: 'layout-shift', buffered: true });
`;
async function boxes(page) {
  return page.evaluate(() =>
    ['#step-heading', '#main button', '.site-header', '.site-footer'].map((sel) => {
      const el = [...document.querySelectorAll(sel)].find((e) => e.getClientRects().length > 0);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { sel, text: el.textContent.trim().slice(0, 60), x: r.x, y: r.y, w: r.width, h: r.height };
    })
  );
}
const taken = (page) => page.locator('#app > .bd-lang > .site-header').count();

for (const [name, hash, heading] of [
  ['home screen', '', 'Backup Doctor'],
  ['first question of #/check', '#/check', null],
]) {
  for (const width of [360, 1280]) {
    test(`the ${name} paints from HTML before the wasm and is taken over without a shift (${width} px)`, async (t) => {
      const { page, context, check } = await open(t, browser(), { context: { viewport: { width, height: 800 } } });
      await context.addInitScript(WATCH_SHIFTS);
      const release = await holdWasm(page);
      await page.goto((await baseUrl()) + hash);
      await page.locator('#step-heading').waitFor();
      assert.equal(await taken(page), 0, 'the app has not started yet');
      const before = await boxes(page);
      assert.ok(before[0] && before[1], 'a heading and a button are painted from HTML');
      if (heading) assert.equal(before[0].text, heading);
      assert.equal(await page.locator('#step-heading').count(), 1, 'one pre-rendered screen kept, no duplicate ids');
      await screenshot(page, `prerendered-${name.replace(/\W+/g, '-')}-${width}`);
      release();
      await waitForApp(page);
      const after = await boxes(page);
      assert.deepEqual(after, before, 'the app renders the same boxes with the same text');
      assert.equal(await page.locator('.bd-pre').count(), 0, 'the pre-rendered copy is gone');
      const shifts = await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
      assert.ok(shifts <= 0.001, `no layout shift at take-over (CLS ${shifts})`);
      check();
    });
  }
}

test('a click on Start before the wasm has loaded starts the check once the app runs', async (t) => {
  const { page, check } = await open(t, browser());
  const release = await holdWasm(page);
  await page.goto(await baseUrl());
  await page.getByRole('button', { name: 'Start troubleshooting' }).click();
  assert.equal(await taken(page), 0, 'clicked before the app started');
  assert.equal(await page.getByRole('button', { name: 'Start troubleshooting' }).getAttribute('aria-busy'), 'true', 'the button shows it is getting ready');
  release();
  await page.waitForURL(/#\/check/);
  await page.locator('.step.question #step-heading').waitFor();
  check();
});

test('an answer clicked on the pre-rendered first question is taken once the app runs', async (t) => {
  const { page, check } = await open(t, browser());
  const release = await holdWasm(page);
  await page.goto((await baseUrl()) + '#/check');
  const first = await page.locator('#step-heading').textContent();
  await page.locator('.bd-pre .answers-group button').first().click();
  assert.equal(await taken(page), 0);
  release();
  await page.locator('.step-count', { hasText: 'Step 2' }).waitFor();
  assert.notEqual(await page.locator('#step-heading').textContent(), first, 'the run moved to its next step');
  check();
});

test('text typed into the lookup before the wasm has loaded is kept and looked up', async (t) => {
  const { page, check } = await open(t, browser());
  const release = await holdWasm(page);
  await page.goto(await baseUrl());
  await page.locator('#lookup-input').fill('9006');
  await page.locator('#lookup-input').press('Enter');
  assert.equal(new URL(page.url()).search, '', 'the form was not submitted as a page load');
  release();
  await page.waitForURL(/#\/check/);
  await page.locator('#step-heading').waitFor();
  check();
});

test('with saved progress the pre-rendered home hides Start and the app shows Continue', async (t) => {
  // No service worker: it would serve the wasm past the held-back route.
  const { page, check } = await open(t, browser(), { context: { serviceWorkers: 'block' } });
  await page.goto(await baseUrl());
  await waitForApp(page);
  await page.getByRole('button', { name: 'Start troubleshooting' }).click();
  await page.locator('.step.question #step-heading').waitFor();
  await page.locator('.answers-group button').first().click();
  await page.locator('.step-count', { hasText: 'Step 2' }).waitFor();
  const saved = await page.evaluate(() => localStorage.getItem('backup-doctor:session'));
  assert.ok(saved, 'the run is saved');
  const release = await holdWasm(page);
  await page.goto((await baseUrl()) + '#/');
  await page.reload();
  await page.locator('.bd-pre #step-heading').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Start troubleshooting' }).isVisible(), false, 'Start is not offered over a saved run');
  release();
  await waitForApp(page);
  await page.getByRole('button', { name: 'Continue' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('backup-doctor:session')), saved, 'the saved run is untouched');
  check();
});

test('the wasm is fetched after the first paint, not preloaded ahead of it', async (t) => {
  const { page, check } = await open(t, browser());
  await page.goto(await baseUrl());
  await waitForApp(page);
  const timing = await page.evaluate(() => ({
    paint: performance.getEntriesByName('first-paint')[0]?.startTime,
    wasm: performance.getEntriesByType('resource').find((r) => r.name.endsWith('_bg.wasm'))?.startTime,
    preloads: document.querySelectorAll('link[rel=preload], link[rel=modulepreload]').length,
  }));
  assert.equal(timing.preloads, 0, 'no preload of the wasm or its glue in index.html');
  assert.ok(timing.paint > 0 && timing.wasm > 0, JSON.stringify(timing));
  assert.ok(timing.wasm >= timing.paint, `the wasm starts after the first paint (${JSON.stringify(timing)})`);
  check();
});

// Another language: boot.js fetches that language's pre-rendered screens
// (lang/<code>-<hash>.html) and paints them in place of the English ones.
const uiOf = (code) => JSON.parse(fs.readFileSync(path.join(ROOT, 'src/knowledge/data/lang', code, 'ui.json'), 'utf8'));
for (const [code, locale] of [['fr', 'fr-FR'], ['ja', 'ja-JP']]) {
  for (const [name, hash] of [['home screen', ''], ['first question of #/check', '#/check']]) {
    test(`in ${code}, the ${name} paints from HTML in ${code} before the wasm, and is taken over without a shift`, async (t) => {
      const { page, context, check } = await open(t, browser(), { context: { locale, viewport: { width: 360, height: 800 } } });
      await context.addInitScript(WATCH_SHIFTS);
      const release = await holdWasm(page);
      await page.goto((await baseUrl()) + hash);
      await page.waitForFunction(() => !document.documentElement.hasAttribute('data-bd-lang-wait'));
      assert.equal(await taken(page), 0, 'the app has not started yet');
      assert.equal(await page.evaluate(() => document.documentElement.lang), code);
      const before = await boxes(page);
      assert.ok(before[0] && before[1], 'a heading and a button are painted from HTML');
      assert.equal(await page.locator('#step-heading').evaluate((e) => getComputedStyle(e).visibility), 'visible');
      if (!hash) assert.equal(before[1].text, uiOf(code)['home.start'], 'the Start button in that language');
      assert.equal(await page.title(), uiOf(code)['app.title'], 'the page title in that language');
      assert.equal(await page.locator('#step-heading').count(), 1, 'one pre-rendered screen kept, no duplicate ids');
      await screenshot(page, `prerendered-${code}-${name.replace(/\W+/g, '-')}-360`);
      release();
      await waitForApp(page);
      assert.deepEqual(await boxes(page), before, 'the app renders the same boxes with the same text');
      assert.equal(await page.title(), uiOf(code)['app.title'], 'the app keeps the title');
      const shifts = await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0));
      assert.ok(shifts <= 0.001, `no layout shift at take-over (CLS ${shifts})`);
      check();
    });
  }
}

test('a click on the pre-rendered Start in French starts the check once the app runs', async (t) => {
  const { page, check } = await open(t, browser(), { context: { locale: 'fr-FR' } });
  const release = await holdWasm(page);
  await page.goto(await baseUrl());
  await page.getByRole('button', { name: uiOf('fr')['home.start'] }).click();
  assert.equal(await taken(page), 0, 'clicked before the app started');
  release();
  await page.waitForURL(/#\/check/);
  await page.locator('.step.question #step-heading').waitFor();
  check();
});

// A failed fetch, and a host that answers a missing file with its own
// index.html (200, the English screens): neither paints English.
for (const [what, answer] of [
  ['cannot be fetched', (route) => route.abort()],
  ['are answered with another page', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: fs.readFileSync(path.join(process.env.BD_DIST || path.join(ROOT, 'dist'), 'index.html'), 'utf8') })],
]) {
  test(`when the screens in French ${what}, no English is painted and the app shows French`, async (t) => {
    const { page, check } = await open(t, browser(), { context: { locale: 'fr-FR', serviceWorkers: 'block' }, allowConsole: [/Failed to load resource/] });
    await page.route(/\/lang\/fr-[0-9a-f]+\.html$/, answer);
    const release = await holdWasm(page);
    await page.goto(await baseUrl());
    await page.locator('.bd-pre #step-heading').waitFor({ state: 'attached' });
    await page.waitForTimeout(300);
    assert.equal(await page.locator('.bd-pre #step-heading').evaluate((e) => getComputedStyle(e).visibility), 'hidden', 'the English screen stays unpainted');
    assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-bd-lang-wait')), true);
    release();
    await waitForApp(page);
    await page.getByRole('button', { name: uiOf('fr')['home.start'] }).waitFor();
    assert.equal(await page.title(), uiOf('fr')['app.title']);
    assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-bd-lang-wait')), false, 'cleared once the app has rendered');
    check();
  });
}

test('an early click on the French Start, when the French pack then fails, still starts the check and leaves the notice', async (t) => {
  const { page, check } = await open(t, browser(), { context: { locale: 'fr-FR', serviceWorkers: 'block' }, allowConsole: [/Failed to load resource/, /could not be loaded/] });
  await page.route(/\/lang\/fr-[0-9a-f]+\.json$/, (route) => route.abort());
  const release = await holdWasm(page);
  await page.goto(await baseUrl());
  await page.waitForFunction(() => !document.documentElement.hasAttribute('data-bd-lang-wait'));
  await page.getByRole('button', { name: uiOf('fr')['home.start'] }).click();
  release();
  // The app starts in English, with a notice (and its Dismiss button above the page).
  await page.waitForURL(/#\/check/);
  await page.locator('.step.question #step-heading').waitFor();
  await page.locator('.page-notices .notice').waitFor();
  check();
});
