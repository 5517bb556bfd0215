// The troubleshooting wizard, driven as people would drive it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, open, baseUrl, closeShared, waitForApp, screenshot } from './harness.mjs';
import { KB, currentStep, takeStep, playRun, waitForNewStep } from './persona.mjs';

const browser = useBrowser();

async function startCheck(page) {
  await page.goto(await baseUrl());
  await waitForApp(page);
  await page.getByRole('button', { name: 'Start troubleshooting' }).click();
  await page.locator('#step-heading').waitFor();
}

const fixTitle = (id) => KB.fixes.find((f) => f.id === id).title;

// Causes whose own fix works (q >= 0.5), and the fix expected to end the run.
const RESOLVED = [
  ['not-enough-icloud-storage', 'check-icloud-storage'],
  ['wifi-problem', 'better-wifi'],
  ['low-battery', 'charge-and-plug-in'],
  ['wrong-date-time', 'check-date-time'],
  ['apple-id-password', null],
  ['vpn-or-content-blocker', null],
  ['ios-update-needed', 'update-ios'],
  ['corrupt-backup', 'delete-icloud-backup'],
];

for (const [cause, fix] of RESOLVED) {
  test(`a person whose cause is ${cause} ends with a working backup`, async (t) => {
    const { page, check } = await open(t, browser());
    await startCheck(page);
    const run = await playRun(page, cause);
    assert.equal(run.end, 'resolved', `steps: ${run.taken.map((s) => s.heading).join(' > ')}`);
    const fixed = await page.locator('.resolved').textContent();
    if (fix) assert.ok(fixed.includes(fixTitle(fix)), `ended by ${fix}: ${fixed}`);
    assert.ok(run.taken.length <= KB.questions.length + KB.fixes.length + 1);
    check();
  });
}

test('when nothing works, the run ends with Apple Support, a summary and the computer backup', async (t) => {
  const { page, check } = await open(t, browser());
  await startCheck(page);
  const allFail = Object.fromEntries(KB.fixes.map((f) => [f.id, 'fails']));
  const run = await playRun(page, 'something-else', allFail);
  assert.equal(run.end, 'escalated');
  await page.getByRole('heading', { name: 'Summary for Apple Support' }).waitFor();
  const summary = await page.locator('#summary-text').inputValue();
  assert.match(summary, /Fixes tried:/);
  for (const step of run.taken.filter((s) => s.kind === 'fix')) assert.ok(summary.includes(step.item.title), step.item.title);
  await page.getByRole('heading', { name: KB.fixes.find((f) => f.kind === 'way-out').title }).waitFor();
  check();
});

test('a reload at any step resumes exactly there', async (t) => {
  const { page, check } = await open(t, browser());
  await startCheck(page);
  const run = await playRun(page, 'wifi-problem', {}, {
    onStep: async (step) => {
      await page.reload();
      await waitForApp(page);
      // After a reload the address is still the check, so the step shows.
      assert.equal((await currentStep(page)).heading, step.heading);
    },
  });
  assert.equal(run.end, 'resolved');
  await page.reload();
  await page.getByRole('heading', { name: 'Your backup is working again' }).waitFor();
  check();
});

test('Back undoes the last step; Start over asks first, then begins again', async (t) => {
  const { page, check } = await open(t, browser());
  await startCheck(page);
  const first = await currentStep(page);
  await takeStep(page, 'low-battery');
  const second = await currentStep(page);
  assert.notEqual(second.heading, first.heading);
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await waitForNewStep(page, second.heading);
  assert.equal((await currentStep(page)).heading, first.heading);

  await takeStep(page, 'low-battery');
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByRole('heading', { name: 'Start over?' }).waitFor();
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await currentStep(page)).heading, second.heading, 'cancel keeps the run');
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByRole('button', { name: 'Yes, start over' }).click();
  await page.getByText('Step 1', { exact: true }).waitFor();
  assert.equal((await currentStep(page)).heading, first.heading);
  check();
});

test('changing an earlier answer asks first and drops what came after it', async (t) => {
  const { page, check } = await open(t, browser());
  await startCheck(page);
  const first = await currentStep(page);
  await takeStep(page, 'low-battery');
  await takeStep(page, 'low-battery');
  await page.getByRole('button', { name: 'Change step 1' }).click();
  await page.getByRole('button', { name: 'Yes, change it' }).click();
  await page.getByText('Step 1', { exact: true }).waitFor();
  assert.equal((await currentStep(page)).heading, first.heading);
  check();
});

test('a data-losing step shows its warning and needs a confirmation first', async (t) => {
  const { page, check } = await open(t, browser());
  await startCheck(page);
  const risky = KB.fixes.filter((f) => f.risk !== 'none').map((f) => f.title);
  let seen = false;
  await playRun(page, 'too-much-data', { 'check-icloud-storage': 'fails' }, {
    onStep: async (step) => {
      if (step.kind !== 'fix' || !risky.includes(step.item.title) || seen) return;
      seen = true;
      await page.getByText(/Careful: this step/).waitFor();
      const riskyStep = step.item.variants.flatMap((v) => v.steps).find((s) => s.risky);
      assert.equal(await page.getByText(riskyStep.text, { exact: false }).count(), 0, 'the risky step is hidden');
      assert.equal(await page.getByRole('button', { name: 'Yes, it backed up' }).count(), 0);
      await page.getByRole('button', { name: 'I understand, show me the steps' }).click();
      await page.getByRole('button', { name: 'Yes, it backed up' }).waitFor();
      assert.ok((await page.getByText(riskyStep.text, { exact: false }).count()) > 0, 'now shown');
      await screenshot(page, 'fix-risky-confirmed-1280');
    },
  });
  assert.ok(seen, 'the run met a risky fix');
  check();
});

const BAD_VALUES = {
  corrupt: '{"version":1,"saved_at":',
  'wrong shape': '{"hello":"world"}',
  'future version': '{"version":99,"saved_at":1,"session":{"version":99,"content_version":99,"events":[]}}',
};
for (const [name, raw] of Object.entries(BAD_VALUES)) {
  test(`a ${name} saved value is kept aside and the app starts fresh with a notice`, async (t) => {
    const { page, check } = await open(t, browser(), { allowConsole: [] });
    await page.goto(await baseUrl());
    await waitForApp(page);
    await page.evaluate((raw) => localStorage.setItem('backup-doctor:session', raw), raw);
    await page.reload();
    await page.getByText("We couldn't read your saved progress, so we started fresh.").waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('backup-doctor:session-unreadable')), raw);
    await page.getByRole('button', { name: 'Start troubleshooting' }).click();
    await page.locator('#step-heading').waitFor();
    await takeStep(page, 'wifi-problem');
    // Still kept, never overwritten; a second bad value gets its own key.
    assert.equal(await page.evaluate(() => localStorage.getItem('backup-doctor:session-unreadable')), raw);
    await page.evaluate(() => localStorage.setItem('backup-doctor:session', 'garbage'));
    await page.reload();
    await page.getByText("We couldn't read your saved progress").waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('backup-doctor:session-unreadable')), raw);
    assert.equal(await page.evaluate(() => localStorage.getItem('backup-doctor:session-unreadable-1')), 'garbage');
    check();
  });
}

test('an unreadable saved value with unpaired UTF-16 surrogates is kept aside unaltered', async (t) => {
  const { page, check } = await open(t, browser(), { allowConsole: [] });
  await page.goto(await baseUrl());
  await waitForApp(page);
  // Built in the page, so the lone surrogates never cross a JSON boundary.
  const RAW = `() => '{"version":1,"saved_at":' + String.fromCharCode(0xd800) + 'x' + String.fromCharCode(0xdfff, 0x41, 0xdc00, 0xd83d) + '"'`;
  await page.evaluate(`localStorage.setItem('backup-doctor:session', (${RAW})())`);
  await page.reload();
  await page.getByText("We couldn't read your saved progress, so we started fresh.").waitFor();
  const kept = await page.evaluate(`(() => {
    const kept = localStorage.getItem('backup-doctor:session-unreadable');
    const raw = (${RAW})();
    return { same: kept === raw, codes: kept && Array.from({ length: kept.length }, (_, i) => kept.charCodeAt(i)).slice(-6) };
  })()`);
  assert.deepEqual(kept, { same: true, codes: [0x78, 0xdfff, 0x41, 0xdc00, 0xd83d, 0x22] });
  assert.equal(await page.evaluate(() => localStorage.getItem('backup-doctor:session')), null, 'the main key is free for the new run');
  check();
});

test('in a sandboxed iframe without storage the app works and says progress is not kept', async (t) => {
  const url = await baseUrl();
  const { page, check } = await open(t, browser(), { origins: [new URL(url).origin], allowConsole: [/offline support is unavailable/] });
  await page.setContent(`<iframe sandbox="allow-scripts" src="${url}" title="Backup Doctor" width="800" height="900"></iframe>`);
  const frame = page.frameLocator('iframe');
  await frame.getByText("This browser won't let us save your progress").waitFor();
  await frame.getByRole('button', { name: 'Start troubleshooting' }).click();
  await frame.locator('#step-heading').waitFor();
  const heading = await frame.locator('#step-heading').textContent();
  await frame.getByRole('button', { name: "I'm not sure" }).click();
  await frame.locator('#step-heading').filter({ hasNotText: heading }).waitFor();
  check();
});

test('when storage is full the app keeps working and says so', async (t) => {
  const { page, check } = await open(t, browser());
  await startCheck(page);
  await page.evaluate(() => {
    const chunk = 'x'.repeat(512 * 1024);
    for (let i = 0; i < 40; i++) {
      try {
        localStorage.setItem('filler-' + i, chunk);
      } catch {
        break;
      }
    }
    for (let size = 65536; size >= 1; size = Math.floor(size / 2)) {
      try {
        localStorage.setItem('filler-small-' + size, 'y'.repeat(size));
      } catch {}
    }
    // The last few bytes, one key at a time, until the browser refuses.
    for (let i = 0; i < 100000; i++) {
      try {
        localStorage.setItem('f' + i, 'z');
      } catch {
        break;
      }
    }
  });
  const before = await currentStep(page);
  await takeStep(page, 'wifi-problem');
  await page.getByText("Your browser's storage is full").waitFor();
  assert.notEqual((await currentStep(page)).heading, before.heading, 'the step was taken anyway');
  await takeStep(page, 'wifi-problem');
  check();
});

test('two tabs: a step in one is followed by the other, never silently overwritten', async (t) => {
  const { page, context, check } = await open(t, browser());
  await startCheck(page);
  await takeStep(page, 'low-battery');
  const other = await context.newPage();
  await other.goto(page.url());
  await other.locator('#step-heading').waitFor();
  assert.equal((await currentStep(other)).heading, (await currentStep(page)).heading);
  await takeStep(page, 'low-battery');
  const now = (await currentStep(page)).heading;
  await other.getByText('This check moved on in another tab').waitFor();
  assert.equal((await currentStep(other)).heading, now);
  // The other tab takes the next step; the first follows.
  await takeStep(other, 'low-battery');
  await page.waitForFunction((h) => document.getElementById('step-heading')?.textContent.trim() !== h, now);
  assert.equal((await currentStep(page)).heading, (await currentStep(other)).heading);
  check();
});

test('focus lands on the step heading after every step, and a live region announces it', async (t) => {
  const { page, check } = await open(t, browser());
  await startCheck(page);
  assert.equal(await page.locator('#announcer').getAttribute('aria-live'), 'polite');
  for (let i = 0; i < 3; i++) {
    const step = await takeStep(page, 'wifi-problem');
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'step-heading');
    const heading = (await currentStep(page)).heading;
    await page.waitForFunction((h) => document.getElementById('announcer').textContent.includes(h), heading);
    assert.ok(step);
  }
  check();
});

test('a whole run works with the keyboard alone', async (t) => {
  const { page, check } = await open(t, browser());
  await page.goto(await baseUrl());
  await waitForApp(page);
  // Tab to a control by its accessible text, then press Enter.
  const press = async (locator) => {
    const target = await locator.first().evaluate((el) => el.textContent.trim());
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent.trim());
      if (focused === target) {
        await page.keyboard.press('Enter');
        return;
      }
    }
    throw new Error('could not reach ' + target + ' with Tab');
  };
  await press(page.getByRole('button', { name: 'Start troubleshooting' }));
  await page.locator('#step-heading').waitFor();
  const run = await playRun(page, 'low-battery', {}, { press });
  assert.equal(run.end, 'resolved');
  const outline = await page.evaluate(() => {
    const b = document.querySelector('.resolved button');
    b.focus();
    return getComputedStyle(b).outlineStyle;
  });
  assert.notEqual(outline, 'none', 'focus is visible');
  check();
});

test('Copy summary puts the summary on the clipboard', async (t) => {
  const url = await baseUrl();
  const { page, context, check } = await open(t, browser());
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
  await startCheck(page);
  await playRun(page, 'something-else', Object.fromEntries(KB.fixes.map((f) => [f.id, 'fails'])));
  await page.getByRole('button', { name: 'Copy summary' }).click();
  await page.getByText('The summary is copied.').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.locator('#summary-text').inputValue());
  assert.match(copied, /^Backup Doctor summary/);
  check();
});

test('an error code typed on the home page starts a check seeded with it', async (t) => {
  const { page, check } = await open(t, browser());
  await page.goto(await baseUrl());
  await waitForApp(page);
  await page.getByLabel(/Type the code/).fill('9006');
  await page.getByRole('button', { name: 'Look it up' }).click();
  await page.locator('#step-heading').waitFor();
  await page.getByText('Your screen says').waitFor();
  const top = await page.locator('.cause-bar .cause-name').first().textContent();
  assert.equal(top, KB.causes.find((c) => c.id === 'not-enough-icloud-storage').title);
  await page.goto(await baseUrl());
  await page.getByLabel(/Type the code/).fill('1234');
  await page.getByRole('button', { name: 'Look it up' }).click();
  await page.getByText("We don't recognise \u201c1234\u201d").waitFor();
  await page.getByText('The codes we know are 9006, 9007, 9010, 9011, 9012.', { exact: false }).waitFor();
  check();
});

test(`"Forget my progress" asks first, then removes this app's keys and only them`, async (t) => {
  const { page, check } = await open(t, browser());
  await startCheck(page);
  await takeStep(page, 'wifi-problem');
  await page.evaluate(() => {
    localStorage.setItem('portal-setting', 'keep me');
    localStorage.setItem('backup-doctor:session-unreadable', 'old');
    // Another namespace's run (a portal's instance on this origin).
    localStorage.setItem('backup-doctor:portal:session', 'theirs');
  });
  await page.getByRole('button', { name: 'Forget my progress' }).click();
  await page.getByRole('heading', { name: 'Forget your progress?' }).waitFor();
  await page.getByRole('button', { name: 'Yes, forget it' }).click();
  await page.getByText('Your saved progress has been removed from this browser.').waitFor();
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.deepEqual(keys, ['backup-doctor:portal:session', 'portal-setting']);
  check();
});
