// The platform: first screen, strict CSP, manifest, the recovery screen.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, open, baseUrl, closeShared, waitForApp, screenshot, DIST, ROOT, CSP } from './harness.mjs';

const browser = useBrowser();

test('the first screen renders with no console error, no CSP violation, no foreign request', async (t) => {
  const { page, check } = await open(t, browser());
  const response = await page.goto(await baseUrl());
  await waitForApp(page);
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Backup Doctor' }).waitFor());
  await page.getByRole('button', { name: 'Start troubleshooting' }).waitFor();
  assert.equal(response.headers()['content-security-policy'], CSP);
  check();
});

test('the CSP the server sends is the one README.md documents', async (t) => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  assert.ok(readme.includes('Content-Security-Policy: ' + CSP), 'README.md must document the exact header');
  const { page, check } = await open(t, browser());
  const response = await page.goto(await baseUrl());
  assert.equal(response.headers()['content-security-policy'], CSP);
  await waitForApp(page);
  check();
});

test('the built index.html has no inline script, no inline style and no event-handler attribute', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length > 0, 'the page must load a script');
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, /\bsrc=/, 'every script must be external: ' + attrs);
    assert.equal(body.trim(), '', 'a script tag must have no inline body');
  }
  assert.doesNotMatch(html, /<style\b/i, 'no <style> element');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'no style attribute');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler');
});

test('the first screen reads well at 360 px and 1280 px, light and dark', async (t) => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [360, 1280]) {
      const { page, check } = await open(t, browser(), { context: { colorScheme, viewport: { width, height: 800 } } });
      await page.goto(await baseUrl());
      await waitForApp(page);
      // Nothing is wider than the window: no sideways scrolling on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at ${width}px`);
      const start = await page.getByRole('button', { name: 'Start troubleshooting' }).boundingBox();
      assert.ok(start.height >= 44 && start.width >= 44, 'the start button is a comfortable target');
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      if (colorScheme === 'dark') assert.notEqual(bg, 'rgb(246, 248, 251)', 'dark mode changes the background');
      else assert.equal(bg, 'rgb(246, 248, 251)');
      await screenshot(page, `home-${colorScheme}-${width}`);
      check();
    }
  }
});

// Budgets about 4% above the sizes measured on 2026-12-01 after the
// binary content, the own router, the case folding, the own JSON, the
// small sort, no float formatting and plain functions for the parts with
// no hooks, and boot.js and loader.js minified (BENCHMARKS.md, "Smaller
// wasm, step by step": wasm 241,693, first load 259,300 gzip and 212,552
// brotli), so growth is noticed. The
// targets of issue 11 (first load at most 180,000 bytes gzip -9 and
// 150,000 brotli) are not reached. Each language's pack (fetched only by
// those who use it) may add at most 25,000 bytes gzip (issue 13), and its
// pre-rendered screens 5,000; the total is of the app's files, the
// languages apart.
const WASM_GZIP_BUDGET = 251000;
const FIRST_GZIP_BUDGET = 270000;
const FIRST_BROTLI_BUDGET = 221000;
const TOTAL_GZIP_BUDGET = 292000;
const PACK_GZIP_BUDGET = 25000;
const SCREENS_GZIP_BUDGET = 5000;

// What a first visit loads before the app runs (BENCHMARKS.md, "Build size").
const FIRST_LOAD = (name) =>
  name === 'index.html' || name === 'boot.js' || name === 'loader.js' || name.endsWith('.css') || name.endsWith('_bg.wasm') || /^backup-doctor-[0-9a-f]+\.js$/.test(name);

test('the built files stay within the size budget', async () => {
  const zlib = await import('node:zlib');
  let wasm = 0;
  let first = 0;
  let firstBrotli = 0;
  let total = 0;
  let packs = 0;
  let screens = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (!/\.(gz|br)$/.test(entry.name)) {
        const body = fs.readFileSync(file);
        const gz = zlib.gzipSync(body, { level: 9 }).length;
        if (path.basename(dir) === 'lang' && entry.name.endsWith('.html')) {
          screens += 1;
          assert.ok(gz <= SCREENS_GZIP_BUDGET, `the screens ${entry.name} are ${gz} bytes gzip, over the ${SCREENS_GZIP_BUDGET} budget`);
          continue;
        }
        if (path.basename(dir) === 'lang') {
          packs += 1;
          assert.ok(gz <= PACK_GZIP_BUDGET, `the language pack ${entry.name} is ${gz} bytes gzip, over the ${PACK_GZIP_BUDGET} budget`);
          continue;
        }
        total += gz;
        if (entry.name.endsWith('.wasm')) wasm += gz;
        if (FIRST_LOAD(entry.name)) {
          first += gz;
          // The build's own brotli copy, the one a host serves.
          assert.ok(fs.existsSync(file + '.br') && fs.existsSync(file + '.gz'), `${entry.name} has .br and .gz copies`);
          assert.deepEqual(zlib.brotliDecompressSync(fs.readFileSync(file + '.br')), body, `${entry.name}.br is the file`);
          assert.deepEqual(zlib.gunzipSync(fs.readFileSync(file + '.gz')), body, `${entry.name}.gz is the file`);
          firstBrotli += fs.statSync(file + '.br').size;
        }
      }
    }
  };
  walk(DIST);
  assert.ok(wasm > 0, 'the build has a wasm file');
  assert.equal(packs, 5, 'a pack for each language but English');
  assert.equal(screens, 5, 'pre-rendered screens for each language but English');
  assert.ok(wasm <= WASM_GZIP_BUDGET, `wasm is ${wasm} bytes gzip, over the ${WASM_GZIP_BUDGET} budget`);
  assert.ok(first <= FIRST_GZIP_BUDGET, `the first load is ${first} bytes gzip -9, over the ${FIRST_GZIP_BUDGET} budget`);
  assert.ok(firstBrotli <= FIRST_BROTLI_BUDGET, `the first load is ${firstBrotli} bytes brotli, over the ${FIRST_BROTLI_BUDGET} budget`);
  assert.ok(total <= TOTAL_GZIP_BUDGET, `the build is ${total} bytes gzip, over the ${TOTAL_GZIP_BUDGET} budget`);
});

function pngSize(buffer) {
  assert.equal(buffer.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  return [buffer.readUInt32BE(16), buffer.readUInt32BE(20)];
}

test('the web app manifest is linked, valid and has 192, 512 and maskable icons', async (t) => {
  const { page, check } = await open(t, browser());
  await page.goto(await baseUrl());
  await waitForApp(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(href, page.url()).href;
  const response = await page.request.get(manifestUrl);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /application\/manifest\+json/);
  const manifest = await response.json();
  assert.equal(manifest.name, 'Backup Doctor');
  assert.ok(manifest.short_name && manifest.short_name.length <= 15);
  assert.equal(manifest.display, 'standalone');
  // Its texts are English, and it says so (a browser may show them to anyone).
  assert.equal(manifest.lang, 'en');
  assert.equal(manifest.dir, 'ltr');
  assert.ok(manifest.start_url && manifest.theme_color && manifest.background_color);
  const sizes = new Set();
  let maskable = false;
  for (const icon of manifest.icons) {
    const res = await page.request.get(new URL(icon.src, manifestUrl).href);
    assert.equal(res.status(), 200, icon.src);
    if (icon.type === 'image/png') {
      const [w, h] = pngSize(await res.body());
      assert.equal(`${w}x${h}`, icon.sizes, `${icon.src} is really ${icon.sizes}`);
      sizes.add(icon.sizes);
      if (icon.purpose.split(' ').includes('maskable')) maskable = true;
    }
  }
  assert.ok(sizes.has('192x192') && sizes.has('512x512'), 'icons of 192 and 512 px');
  assert.ok(maskable, 'one maskable icon');
  check();
});

test('a panic shows the recovery screen, and Start over clears our saved progress', async (t) => {
  const { page, check } = await open(t, browser(), { allowConsole: [/injected panic/, /unreachable/i, /RuntimeError/] });
  const url = await baseUrl();
  await page.goto(url);
  await waitForApp(page);
  await page.evaluate(() => {
    localStorage.setItem('backup-doctor:test', 'x');
    localStorage.setItem('backup-doctor:portal:session', 'another namespace');
    localStorage.setItem('someone-else', 'keep');
  });
  await page.goto(url + '#/__panic-test');
  await page.reload();
  const crash = page.locator('#bd-crash');
  await crash.waitFor({ state: 'visible' });
  await page.getByRole('heading', { name: 'Something went wrong' }).waitFor();
  assert.equal(await page.locator('#app').isVisible(), false, 'the dead app is hidden');
  await page.getByRole('button', { name: 'Reload' }).waitFor();
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByRole('button', { name: 'Start troubleshooting' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('backup-doctor:test')), null);
  assert.equal(await page.evaluate(() => localStorage.getItem('someone-else')), 'keep');
  assert.equal(await page.evaluate(() => localStorage.getItem('backup-doctor:portal:session')), 'another namespace');
  check();
});
