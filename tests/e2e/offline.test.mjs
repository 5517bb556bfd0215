// Offline after the first load, and a new deploy picked up without mixing
// builds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useBrowser, open, startStaticServer, waitForApp, waitForServiceWorker, copyDist, DIST, ROOT } from './harness.mjs';

const browser = useBrowser();

const buildId = (page) => page.locator('meta[name="backup-doctor-build"]').getAttribute('content');

test('the service worker precaches exactly the built files', async (t) => {
  const server = await startStaticServer({ dir: DIST });
  t.after(() => server.close());
  const { page, check } = await open(t, browser());
  await page.goto(server.url);
  await waitForApp(page);
  await waitForServiceWorker(page);
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const names = [];
    for (const key of keys) for (const req of await (await caches.open(key)).keys()) names.push(new URL(req.url).pathname.slice(1));
    return { keys, names: names.sort() };
  });
  const built = [];
  const walk = (dir, prefix) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), prefix + entry.name + '/');
      else built.push(prefix + entry.name);
    }
  };
  walk(DIST, '');
  // The .gz and .br copies are for hosts that serve them; the service
  // worker caches the files themselves.
  assert.ok(built.some((f) => f.endsWith('.wasm.br')) && built.some((f) => f.endsWith('.wasm.gz')), 'the build has precompressed copies');
  // The other languages' packs are kept per person (the browser's
  // language, or once chosen: tests/e2e/languages.test.mjs); this
  // browser's language is English, which is built in.
  assert.ok(built.some((f) => f.startsWith('lang/')), 'the build has language packs');
  assert.deepEqual(cached.names, built.filter((f) => f !== 'sw.js' && !/\.(gz|br)$/.test(f) && !f.startsWith('lang/')).sort());
  assert.deepEqual(cached.keys, ['backup-doctor-' + (await buildId(page))]);
  check();
});

test("the service worker knows a language's files by their name, whatever the code's parts", () => {
  const source = fs.readFileSync(path.join(ROOT, 'static', 'sw.js'), 'utf8');
  const line = source.split('\n').find((l) => l.startsWith('const PACK = '));
  assert.ok(line, 'sw.js defines PACK');
  const PACK = new Function(line.replace('const PACK = ', 'return ').replace(/;$/, ''))();
  const code = (p) => (p.match(PACK) || [])[1] || null;
  const hash = '0123456789abcdef';
  assert.equal(code(`/lang/de-${hash}.json`), 'de');
  assert.equal(code(`/app/lang/pt-BR-${hash}.html`), 'pt-BR');
  assert.equal(code(`/lang/es-419-${hash}.json`), 'es-419');
  assert.equal(code(`/lang/zh-Hant-TW-${hash}.html`), 'zh-Hant-TW');
  // Not a language's file: no hash, a short hash, another type, another folder.
  assert.equal(code('/lang/de.json'), null);
  assert.equal(code('/lang/es-419.json'), null);
  assert.equal(code(`/lang/de-${hash}.js`), null);
  assert.equal(code(`/icons/de-${hash}.json`), null);
  // Every file the build wrote is one.
  const files = fs.readdirSync(path.join(DIST, 'lang')).filter((f) => /\.(json|html)$/.test(f));
  assert.ok(files.length >= 10, 'the build has every language: ' + files);
  for (const f of files) assert.equal(code('/lang/' + f), f.replace(/-[0-9a-f]{16}\.(json|html)$/, ''), f);
});

test('reloads offline: with the network switched off, and with the server stopped', async (t) => {
  const server = await startStaticServer({ dir: DIST });
  let stopped = false;
  t.after(() => !stopped && server.close());
  const { page, context, check } = await open(t, browser());
  await page.goto(server.url);
  await waitForApp(page);
  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await waitForApp(page);
  await page.getByRole('button', { name: 'Start troubleshooting' }).waitFor();
  await context.setOffline(false);

  await server.close();
  stopped = true;
  await page.goto(server.url + '?from=bookmark');
  await waitForApp(page);
  await page.getByRole('button', { name: 'Start troubleshooting' }).waitFor();
  check();
});

// Makes a second build from a copy of the first: the JS and wasm get new
// hashed names (as after a code change) and the precache list is written
// again by the real generator.
function rebuild(dir) {
  const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  let html = index.replace(/<meta name="backup-doctor-build"[^>]*>/, '');
  let count = 0;
  for (const file of fs.readdirSync(dir)) {
    const m = file.match(/^(backup-doctor-)([0-9a-f]{1,16})(_bg\.wasm|\.js)$/); // Trunk writes the hash without leading zeros.
    if (!m) continue;
    const renamed = m[1] + 'b'.repeat(16) + m[3];
    fs.renameSync(path.join(dir, file), path.join(dir, renamed));
    html = html.split(file).join(renamed);
    count++;
  }
  assert.equal(count, 2, 'the JS and the wasm get new names');
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  fs.copyFileSync(path.join(ROOT, 'static', 'sw.js'), path.join(dir, 'sw.js'));
  fs.copyFileSync(path.join(ROOT, 'static', 'mount.js'), path.join(dir, 'mount.js'));
  const xtask = path.join(ROOT, 'target', 'debug', 'xtask');
  execFileSync(fs.existsSync(xtask) ? xtask : 'cargo', fs.existsSync(xtask) ? ['precache', '--dir', dir] : ['run', '-q', '-p', 'xtask', '--', 'precache', '--dir', dir], { cwd: ROOT });
}

test('a new deploy is offered, taken on reload, and never mixed with the old build', async (t) => {
  const dir = copyDist();
  const server = await startStaticServer({ dir });
  t.after(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const { page, check } = await open(t, browser());
  await page.goto(server.url);
  await waitForApp(page);
  await waitForServiceWorker(page);
  const oldBuild = await buildId(page);

  // Deploy the new build in place: the old files are gone from the server.
  const next = copyDist();
  rebuild(next);
  for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
  fs.cpSync(next, dir, { recursive: true });
  fs.rmSync(next, { recursive: true, force: true });

  // A page opened now still runs the old build, whole, from its cache.
  await page.reload();
  await waitForApp(page);
  assert.equal(await buildId(page), oldBuild);

  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.getByText('A new version of Backup Doctor is ready.').waitFor();
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload now' }).click()]);
  await waitForApp(page);
  const newBuild = await buildId(page);
  assert.notEqual(newBuild, oldBuild);
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));
  assert.ok(loaded.some((p) => p.includes('backup-doctor-' + 'b'.repeat(16))), 'the new JS and wasm are loaded: ' + loaded);
  assert.ok(!loaded.concat(requests).some((p) => /backup-doctor-[0-9a-f]{1,16}/.test(p) && !p.includes('b'.repeat(16))), 'no file of the old build: ' + loaded);
  const caches = await page.evaluate(() => caches.keys());
  assert.deepEqual(caches, ['backup-doctor-' + newBuild], 'the old cache is deleted');
  check();
});
