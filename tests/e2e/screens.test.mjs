// Every screen of the wizard: zero axe-core violations (WCAG 2.0/2.1 A and
// AA, 2.2 AA), at a phone's and a desktop's width, light and dark. The
// screenshots land in tests/e2e/artifacts/ to be looked at.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, open, baseUrl, waitForApp, screenshot, axe, ROOT } from './harness.mjs';
import { KB, currentStep, takeStep, playRun } from './persona.mjs';

const browser = useBrowser();

const allFail = Object.fromEntries(KB.fixes.map((f) => [f.id, 'fails']));

// Walks through every kind of screen, calling visit(name) at each.
async function tour(page, visit) {
  await page.goto(await baseUrl());
  await waitForApp(page);
  await visit('home');
  await page.getByLabel(/Type the code/).fill('no such thing');
  await page.getByRole('button', { name: 'Look it up' }).click();
  await page.getByText("We don't recognise").waitFor();
  await visit('home-unknown-code');
  await page.getByRole('button', { name: 'Start a check anyway' }).click();
  await page.locator('#step-heading').waitFor();
  await visit('question');
  await page.locator('details.why summary').click();
  await visit('question-why-open');
  // Reach a fix, then a risky fix.
  let sawFix = false;
  let sawRisky = false;
  await playRun(page, 'too-much-data', { 'check-icloud-storage': 'fails' }, {
    onStep: async (step) => {
      if (step.kind === 'fix' && !sawFix && step.item.risk === 'none') {
        sawFix = true;
        await visit('fix');
      }
      if (step.kind === 'fix' && !sawRisky && step.item.risk !== 'none') {
        sawRisky = true;
        await visit('fix-risky-warning');
        await page.getByRole('button', { name: 'I understand, show me the steps' }).click();
        await visit('fix-risky-steps');
      }
    },
  });
  await visit('resolved');
  await page.getByRole('button', { name: 'Start a new check' }).click();
  await page.locator('#step-heading').waitFor();
  await page.getByRole('button', { name: 'Start over' }).click();
  await page.getByRole('heading', { name: 'Start over?' }).waitFor();
  await visit('confirm-start-over');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await playRun(page, 'something-else', allFail);
  await visit('escalation');
  await page.goto((await baseUrl()) + '#/no/such/page');
  await page.getByRole('heading', { name: "We can't find that page" }).waitFor();
  await visit('not-found');
  await page.goto(await baseUrl());
  await page.getByRole('heading', { name: 'Continue where you left off' }).waitFor();
  await visit('home-resume');
}

for (const colorScheme of ['light', 'dark']) {
  for (const width of [360, 1280]) {
    test(`every screen, ${colorScheme}, ${width} px: no axe violation, no sideways scroll`, async (t) => {
      const { page, check } = await open(t, browser(), {
        context: { colorScheme, viewport: { width, height: 900 }, bypassCSP: true },
      });
      const violations = [];
      await tour(page, async (name) => {
        violations.push(...(await axe(page, name)));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px`);
        const small = await page.evaluate(() =>
          [...document.querySelectorAll('button, a[href], summary, input')]
            .filter((el) => el.offsetParent !== null)
            .map((el) => [el.textContent.trim() || el.id, el.getBoundingClientRect()])
            .filter(([, r]) => r.width < 24 || r.height < 24)
            .map(([n, r]) => `${n} ${Math.round(r.width)}x${Math.round(r.height)}`)
        );
        assert.deepEqual(small, [], `${name}: targets smaller than 24x24`);
        await screenshot(page, `${name}-${colorScheme}-${width}`);
      });
      assert.deepEqual(violations, []);
      check();
    });
  }
}

test('the engine step time in the browser (a measurement, written to target/bench/browser.json)', async (t) => {
  const { page, check } = await open(t, browser());
  await page.goto(await baseUrl());
  await waitForApp(page);
  const js = await page.locator('script[data-bd-js]').getAttribute('data-bd-js');
  const [median, p99, samples] = await page.evaluate(async (src) => {
    const m = await import(new URL(src, document.baseURI).href);
    return m.backupDoctorStepMicros(400, 50);
  }, js);
  assert.ok(samples === 400 && median > 0 && p99 >= median);
  const fs = await import('node:fs');
  fs.mkdirSync(path.join(ROOT, 'target', 'bench'), { recursive: true });
  const out = { browser_step_us_median: +median.toFixed(2), browser_step_us_p99: +p99.toFixed(2), samples, batch: 50 };
  fs.writeFileSync(path.join(ROOT, 'target', 'bench', 'browser.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(`# browser engine step: median ${out.browser_step_us_median} µs, p99 ${out.browser_step_us_p99} µs`);
  check();
});
