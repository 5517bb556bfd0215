import { test } from 'node:test';
import { useBrowser, open, baseUrl, waitForApp, screenshot } from './harness.mjs';
const browser = useBrowser();
for (const locale of ['de-DE', 'ja-JP', 'pt-PT']) {
  test('look ' + locale, async (t) => {
    const { page, check } = await open(t, browser(), { context: { locale, viewport: { width: 360, height: 800 } } });
    await page.goto(await baseUrl());
    await waitForApp(page);
    console.log(locale, await page.evaluate(() => [document.documentElement.lang, document.querySelector('h1').textContent]));
    await screenshot(page, 'zz-home-' + locale);
    await page.locator('.actions button').first().click();
    await page.waitForTimeout(500);
    await screenshot(page, 'zz-check-' + locale);
    check();
  });
}
