// A content pack learned from outcome records runs in the browser: `cargo
// xtask test` learns one from tests/packs/outcomes.jsonl (people for whom
// "Restart your iPhone" works far more often than the authored numbers
// say), builds the app with it into dist-pack/ and serves it at
// BD_PACK_URL. The same person, answering "I'm not sure" to everything,
// is offered that fix first in the pack's app, and not in the built-in one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useBrowser, open, baseUrl, waitForApp, startStaticServer, ROOT, screenshot } from './harness.mjs';
import { KB, currentStep, waitForNewStep } from './persona.mjs';

const browser = useBrowser();
const fixTitle = (id) => KB.fixes.find((f) => f.id === id).title;

let packServer;
async function packUrl() {
  if (process.env.BD_PACK_URL) return process.env.BD_PACK_URL;
  const dir = path.join(ROOT, 'dist-pack');
  assert.ok(fs.existsSync(path.join(dir, 'index.html')), 'no learned pack build: run `cargo xtask test` (it builds dist-pack/), or set BD_PACK_URL');
  packServer ??= await startStaticServer({ dir });
  return packServer.url;
}

// Answers "I'm not sure" until a fix is offered; returns its heading.
async function firstFixNotSure(page, url) {
  await page.goto(url);
  await waitForApp(page);
  await page.getByRole('button', { name: 'Start troubleshooting' }).click();
  await page.locator('#step-heading').waitFor();
  for (let i = 0; i < KB.questions.length + 1; i++) {
    const step = await currentStep(page);
    if (step.kind !== 'question') return step;
    const unsure = step.item.answers.find((a) => a.unsure);
    await page.getByRole('button', { name: unsure.label, exact: true }).click();
    await waitForNewStep(page, step.heading);
  }
  throw new Error('no fix after every question');
}

test('the app built with a learned pack offers what the records taught', async (t) => {
  const builtin = await open(t, browser());
  const stock = await firstFixNotSure(builtin.page, await baseUrl());
  assert.equal(stock.kind, 'fix');
  assert.equal(stock.heading, fixTitle('force-restart'), 'the built-in numbers start with a force restart');
  builtin.check();

  const learned = await open(t, browser());
  const step = await firstFixNotSure(learned.page, await packUrl());
  assert.equal(step.kind, 'fix');
  assert.equal(step.heading, fixTitle('restart-iphone'), 'the learned numbers start with a plain restart');
  await screenshot(learned.page, 'learned-pack-first-fix-1280');
  learned.check();
  await packServer?.close();
});
