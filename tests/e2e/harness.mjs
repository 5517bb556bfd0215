// The browser-test harness: Debian's Chromium driven by playwright-core
// (never a downloaded browser), dist/ served on loopback with the project's
// CSP, and for every test a record of console errors, page errors, CSP
// violations and requests to other origins. `open()` registers a check
// that fails the test on any of them.

import { chromium } from 'playwright-core';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer, CSP } from '../../xtask/static-server.mjs';

export { startStaticServer, CSP };

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..');
export const DIST = path.resolve(process.env.BD_DIST || path.join(ROOT, 'dist'));
export const ARTIFACTS = path.join(here, 'artifacts');

// Flags that keep headless Chromium from reaching for the internet (see
// BUILD-NOTES.md); as root it also needs --no-sandbox.
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.BD_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

// The server started by `cargo xtask test`, or one of our own when a test
// file is run alone (`node --test tests/e2e/x.test.mjs` after a build).
let shared;
export async function baseUrl() {
  if (process.env.BD_BASE_URL) return process.env.BD_BASE_URL;
  if (!shared) shared = await startStaticServer({ dir: DIST });
  return shared.url;
}
export async function closeShared() {
  if (shared) await shared.close();
  shared = undefined;
}

// Reports a CSP violation as a console error, so the console check
// catches it even where Chromium's own message is missed.
const CSP_WATCH = `
  document.addEventListener('securitypolicyviolation', (e) => {
    console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline'));
  });
`;

// Opens a fresh context and page that records every problem. Options:
//   allowConsole: RegExps for console errors the test expects;
//   origins: extra origins requests may go to (besides the page's);
//   context: options for browser.newContext().
// Returns { context, page, problems, check() }; `check` is registered
// with `t.after` and fails the test on any problem.
export async function open(t, browser, options = {}) {
  const context = await browser.newContext({ serviceWorkers: 'allow', ...(options.context || {}) });
  await context.addInitScript(CSP_WATCH);
  const problems = [];
  const allowConsole = options.allowConsole || [];
  const allowedOrigins = new Set(options.origins || []);
  const page = await context.newPage();
  watch(page, problems, allowConsole, allowedOrigins, options);
  context.on('page', (p) => p !== page && watch(p, problems, allowConsole, allowedOrigins, options));
  const check = () => {
    assert.deepEqual(problems, [], 'the page reported problems:\n' + problems.join('\n'));
  };
  t.after(async () => {
    await context.close().catch(() => {});
  });
  return { context, page, problems, check };
}

function watch(page, problems, allowConsole, allowedOrigins, options) {
  // The origins the test itself opened in the main frame are the app's.
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) {
      try {
        allowedOrigins.add(new URL(frame.url()).origin);
      } catch {}
    }
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (allowConsole.some((re) => re.test(text))) return;
    problems.push('console error: ' + text);
  });
  page.on('pageerror', (err) => {
    const text = String(err && err.message);
    if (allowConsole.some((re) => re.test(text))) return;
    problems.push('page error: ' + text);
  });
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return;
    let origin;
    try {
      origin = new URL(url).origin;
    } catch {
      problems.push('request to an unparsable address: ' + url);
      return;
    }
    const opening = req.isNavigationRequest() && req.frame() === page.mainFrame();
    if (opening) allowedOrigins.add(origin);
    else if (!allowedOrigins.has(origin)) problems.push('request to another origin: ' + url);
  });
}

// Waits until the app has rendered its first screen. The page's own HTML
// already shows a pre-rendered one (inside `.bd-pre`); the app's header is
// a child of the app's own wrapper (`#app > .bd-lang`).
export async function waitForApp(page) {
  await page.locator('h1').first().waitFor();
  await page.locator('#app > .bd-lang > .site-header').waitFor();
}

export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, name + '.png'), fullPage: true });
}

// A fresh copy of dist/ in a temporary folder, for tests that change files.
export function copyDist() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bd-dist-'));
  fs.cpSync(DIST, dir, { recursive: true });
  return dir;
}

// Waits until a service worker controls the page (offline support ready).
export async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

// One browser for a whole test file: launched before its tests, closed
// after them. Returns a getter for it.
export function useBrowser() {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await closeShared();
  });
  return () => browser;
}

const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Runs axe-core on the page as it is and returns its violations as lines
// (empty when there are none). axe is injected as a script, which the
// app's CSP forbids, so pages checked this way are opened in a context
// with `bypassCSP` (the other tests check the CSP itself).
export async function axe(page, name) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), AXE_TAGS);
  assert.ok(result.passes.length > 10, `${name}: axe ran its checks`);
  return result.violations.map((v) => `${name}: ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Every message the portal window receives, as sent (before embed.js looks
// at it), to check the app's messages against the schema.
export const RECORD_RAW = `
  if (window === window.top) {
    window.rawMessages = [];
    window.addEventListener('message', (e) => {
      let data = e.data;
      try { data = JSON.parse(JSON.stringify(e.data)); } catch {}
      window.rawMessages.push({ origin: e.origin, data });
    });
  }
`;
