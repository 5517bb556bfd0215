// The engine's step time in the browser, two builds side by side:
//     node xtask/ab-step.mjs OLD_DIST NEW_DIST [ROUNDS]
// serves both, and alternately times backupDoctorStepMicros(400, 50) in
// each (Debian's Chromium), so that the machine's noise hits both alike.
import { launch, startStaticServer } from '../tests/e2e/harness.mjs';
const [oldDir, newDir, rounds = '4'] = process.argv.slice(2);
const servers = { old: await startStaticServer({ dir: oldDir }), new: await startStaticServer({ dir: newDir }) };
const browser = await launch();
const results = { old: [], new: [] };
for (let r = 0; r < +rounds; r++) {
  for (const v of ['old', 'new']) {
    const page = await browser.newPage();
    await page.goto(servers[v].url);
    await page.waitForSelector('script[data-bd-js]', { state: 'attached' });
    await page.waitForTimeout(500);
    const js = await page.locator('script[data-bd-js]').getAttribute('data-bd-js');
    const [median, p99] = await page.evaluate(async (src) => (await import(new URL(src, document.baseURI).href)).backupDoctorStepMicros(400, 50), js);
    results[v].push([median, p99]);
    console.log(v, median.toFixed(1), p99.toFixed(1));
    await page.close();
  }
}
await browser.close();
for (const s of Object.values(servers)) await s.close();
const med = (a) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
for (const v of ['old', 'new']) console.log(v, 'median of medians', med(results[v].map((x) => x[0])), 'median p99', med(results[v].map((x) => x[1])));
