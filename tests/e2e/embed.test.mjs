// Embedding in a support portal (README, "Embedding in a support portal"):
// the app in an iframe sized by static/embed.js, and mounted into elements
// of a host page. dist/ is served on one loopback port and the example
// portal pages (tests/e2e/portal/) on others, so the portal is a different
// origin, as in real deployments:
//
//   app     dist/, with the app's CSP plus frame-ancestors for the portal;
//   portal  tests/e2e/portal/, no CSP (its pages have inline scripts);
//   strict  tests/e2e/portal/ again, with a strict host CSP naming the app;
//   other   tests/e2e/portal/ again: a third origin, for impostor messages.
//
// Screenshots of the portal pages land in tests/e2e/artifacts/.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, startStaticServer, CSP, DIST, ROOT, ARTIFACTS, RECORD_RAW } from './harness.mjs';
import { KB, currentStep, takeStep, playRun, within } from './persona.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORTAL_DIR = path.join(here, 'portal');
const AXE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const VIEWPORT = { width: 1280, height: 900 };
const allFail = Object.fromEntries(KB.fixes.map((f) => [f.id, 'fails']));

let browser, app, portal, strict, other;
const origin = (server) => new URL(server.url).origin;

before(async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'embed.js')), `${DIST}/embed.js is missing: build first (cargo xtask build --release)`);
  browser = await launch();
  portal = await startStaticServer({ dir: PORTAL_DIR, csp: null });
  other = await startStaticServer({ dir: PORTAL_DIR, csp: null });
  // The deployer's guide: the app's own CSP, plus the portals that may frame it.
  app = await startStaticServer({ dir: DIST, csp: `${CSP}; frame-ancestors ${origin(portal)} ${origin(other)}` });
  const a = origin(app);
  strict = await startStaticServer({
    dir: PORTAL_DIR,
    csp: `default-src 'self'; script-src 'self' ${a} 'wasm-unsafe-eval'; style-src 'self' ${a}; connect-src 'self' ${a}; img-src 'self' ${a} data:`,
  });
});
after(async () => {
  await browser?.close();
  for (const server of [app, portal, strict, other]) await server?.close();
});

// The address of a portal page, with the app's address and more query parameters.
function portalUrl(server, file, params = {}) {
  const url = new URL(file, server.url);
  url.searchParams.set('app', app.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

function saveShot(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name + '.png');
}

// Checks one message from the app against event schema v1 (README table).
const FIELDS = { ready: [], step: ['step', 'count'], resolved: ['fix', 'cause'], escalated: ['summary'], resize: ['height'] };
function assertSchema(data) {
  assert.equal(typeof data, 'object', JSON.stringify(data));
  assert.equal(data.source, 'backup-doctor');
  assert.equal(data.version, 1);
  assert.ok(data.type in FIELDS, 'known type: ' + data.type);
  assert.deepEqual(Object.keys(data).sort(), ['source', 'version', 'type', ...FIELDS[data.type]].sort(), 'only the documented fields: ' + JSON.stringify(data));
  if (data.type === 'step') {
    assert.match(data.step, /^(question:[a-z0-9-]+|fix:[a-z0-9-]+|escalation|resolved)$/, 'a step id, no free text');
    assert.ok(Number.isInteger(data.count) && data.count >= 0, 'count: ' + data.count);
  }
  if (data.type === 'resolved') {
    assert.ok(KB.fixes.some((f) => f.id === data.fix), 'a fix id: ' + data.fix);
    assert.ok(KB.causes.some((c) => c.id === data.cause), 'a cause id: ' + data.cause);
  }
  if (data.type === 'escalated') assert.equal(typeof data.summary, 'string');
  if (data.type === 'resize') assert.ok(Number.isFinite(data.height) && data.height > 0, 'height: ' + data.height);
}

// ---------------------------------------------------------------- iframe

// Opens iframe.html (with `params` for the app) and waits for the app in
// the frame. Returns the harness's { page, check, ... } plus the frame.
async function openIframe(t, params = {}, options = {}) {
  const opened = await open(t, browser, {
    origins: [origin(app), ...(options.origins || [])],
    allowConsole: options.allowConsole,
    context: { viewport: VIEWPORT, ...(options.context || {}) },
  });
  await opened.context.addInitScript(RECORD_RAW);
  if (options.warnings) opened.page.on('console', (msg) => msg.type() === 'warning' && options.warnings.push(msg.text()));
  await opened.page.goto(portalUrl(portal, 'iframe.html', params));
  const element = await opened.page.waitForSelector('iframe#backup-doctor');
  const frame = await element.contentFrame();
  await frame.locator('#app .site-header').waitFor();
  return { ...opened, frame, element };
}

// The iframe's height in CSS px, as laid out in the portal.
const frameHeight = (page) => page.evaluate(() => document.getElementById('backup-doctor').getBoundingClientRect().height);

// Waits until the frame is exactly as tall as its content: no inner scroll
// bar (the document fits the frame) and no empty space below the content.
async function waitFits(frame) {
  await frame.waitForFunction(() => {
    const doc = document.documentElement;
    const body = document.body;
    const style = getComputedStyle(body);
    const content = body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
    return doc.scrollHeight <= doc.clientHeight + 1 && doc.scrollWidth <= doc.clientWidth + 1 && window.innerHeight <= content + 24;
  });
}

const events = (page) => page.evaluate(() => window.portalEvents);
const waitForEvent = (page, predicate, arg) => page.waitForFunction(([p, a]) => window.portalEvents.some((e) => new Function('e', 'a', 'return ' + p)(e, a)), [predicate, arg]);

// The messages the app sent to the portal, each checked against the schema.
async function appMessages(page) {
  const raw = await page.evaluate(() => window.rawMessages);
  const fromApp = raw.filter((m) => m.origin === origin(app) && !(m.data && m.data.testMarker));
  for (const m of fromApp) assertSchema(m.data);
  return fromApp.map((m) => m.data);
}

test('iframe: the frame height follows the content through a run, with no inner scroll bar', async (t) => {
  const { page, frame, element, check } = await openIframe(t, { ns: 'height' });
  await waitFits(frame);
  const heights = [await frameHeight(page)];
  const record = async () => {
    await waitFits(frame);
    heights.push(await frameHeight(page));
  };
  assert.equal(await element.getAttribute('scrolling'), 'no', 'embed.js turned the inner scroll bar off');
  await frame.getByRole('button', { name: 'Start troubleshooting' }).click();
  await frame.locator('#step-heading').waitFor();
  const run = await playRun(frame, 'something-else', allFail, { onStep: record });
  assert.equal(run.end, 'escalated');
  await record();
  await page.screenshot({ path: saveShot('portal-iframe-escalation-1280'), fullPage: true });
  // From the long escalation screen back to a short first question.
  await frame.getByRole('button', { name: 'Start over' }).click();
  await frame.getByRole('button', { name: 'Yes, start over' }).click();
  await frame.getByText('Step 1', { exact: true }).waitFor();
  await record();
  const grew = heights.some((h, i) => i > 0 && h > heights[i - 1] + 20);
  const shrank = heights.some((h, i) => i > 0 && h < heights[i - 1] - 20);
  assert.ok(grew && shrank, 'the height grew and shrank with the content: ' + heights.join(', '));
  await appMessages(page);
  check();
});

test('iframe: a resolved run sends ready, one step per screen, then resolved', async (t) => {
  const { page, frame, check } = await openIframe(t, { ns: 'resolved' });
  await frame.getByRole('button', { name: 'Start troubleshooting' }).click();
  await frame.locator('#step-heading').waitFor();
  const run = await playRun(frame, 'low-battery');
  assert.equal(run.end, 'resolved');
  await waitForEvent(page, "e.type === 'resolved'");
  await waitForEvent(page, "e.type === 'step' && e.step === 'resolved'");
  const seen = await events(page);
  assert.equal(seen[0].type, 'ready', 'ready comes first');
  assert.equal(seen.filter((e) => e.type === 'ready').length, 1, 'one ready');
  const steps = seen.filter((e) => e.type === 'step');
  assert.deepEqual(steps.map((e) => e.step), [...run.taken.map((s) => `${s.kind}:${s.item.id}`), 'resolved']);
  for (let i = 1; i < steps.length; i++) assert.equal(steps[i].count, steps[i - 1].count + 1, 'count goes up one step at a time');
  const lastFix = run.taken.filter((s) => s.kind === 'fix').at(-1);
  assert.deepEqual(seen.filter((e) => e.type === 'resolved').map((e) => e.fix), [lastFix.item.id]);
  // Charging worked: the cause it points at, not the one before it.
  assert.deepEqual(seen.filter((e) => e.type === 'resolved').map((e) => e.cause), ['low-battery']);
  assert.equal(seen.filter((e) => e.type === 'escalated').length, 0);
  // The portal's visible log shows them too.
  await page.locator('#event-log li', { hasText: 'resolved' }).first().waitFor();
  await page.screenshot({ path: saveShot('portal-iframe-1280'), fullPage: true });
  await appMessages(page);
  check();
});

test('iframe: an escalating run sends escalated, with the summary, only after "Send this summary"', async (t) => {
  const { page, frame, check } = await openIframe(t, { ns: 'escalated' });
  await frame.getByRole('button', { name: 'Start troubleshooting' }).click();
  await frame.locator('#step-heading').waitFor();
  const run = await playRun(frame, 'something-else', allFail);
  assert.equal(run.end, 'escalated');
  await waitForEvent(page, "e.type === 'step' && e.step === 'escalation'");
  const summary = await frame.locator('#summary-text').inputValue();
  // Flush: a round trip through the app, so any escalated event already sent has arrived.
  await page.evaluate(() => window.rawMessages.splice(0));
  await page.evaluate((o) => document.getElementById('backup-doctor').contentWindow.postMessage({ source: 'backup-doctor-host', version: 1, type: 'request-resize' }, o), origin(app));
  await page.waitForFunction(() => window.rawMessages.some((m) => m.data && m.data.type === 'resize'));
  assert.equal((await events(page)).filter((e) => e.type === 'escalated').length, 0, 'nothing is sent before the person agrees');

  await frame.getByRole('button', { name: /Send this summary/ }).click();
  await waitForEvent(page, "e.type === 'escalated'");
  const seen = await events(page);
  const escalated = seen.filter((e) => e.type === 'escalated');
  assert.equal(escalated.length, 1);
  assert.equal(escalated[0].summary, summary, 'the summary the person saw');
  const steps = seen.filter((e) => e.type === 'step').map((e) => e.step);
  assert.deepEqual(steps, [...run.taken.map((s) => `${s.kind}:${s.item.id}`), 'escalation']);
  assert.equal(seen.filter((e) => e.type === 'resolved').length, 0);
  // The portal pre-fills its ticket form with it.
  assert.equal(await page.locator('#ticket-summary').inputValue(), summary);
  await page.screenshot({ path: saveShot('portal-iframe-ticket-1280'), fullPage: true });
  await appMessages(page);
  check();
});

// Posts each message, then a marker, from `sender` (a Frame or Page, in
// its own window) to the portal window, and waits until the portal has
// seen the marker: by then embed.js has handled everything sent before it
// (same sender, same receiver: in order; embed.js listens first).
async function postToPortal(page, sender, messages) {
  const marker = 'marker-' + Math.random();
  await page.evaluate((m) => {
    window.markers = window.markers || [];
    window.addEventListener('message', (e) => e.data && e.data.testMarker === m && window.markers.push(m));
  }, marker);
  await sender.evaluate(([list, m]) => {
    const target = window === window.top ? window : window.parent;
    for (const data of list) target.postMessage(data, '*');
    target.postMessage({ testMarker: m }, '*');
  }, [messages, marker]);
  await page.waitForFunction((m) => (window.markers || []).includes(m), marker);
}

const VALID = [
  { source: 'backup-doctor', version: 1, type: 'resize', height: 321 },
  { source: 'backup-doctor', version: 1, type: 'step', step: 'question:forged', count: 7 },
  { source: 'backup-doctor', version: 1, type: 'resolved', fix: 'forged' },
  { source: 'backup-doctor', version: 1, type: 'escalated', summary: 'forged summary' },
  { source: 'backup-doctor', version: 1, type: 'ready' },
];
const MALFORMED = [
  'resize',
  '{"source":"backup-doctor","version":1,"type":"resize","height":321}',
  null,
  42,
  [],
  [{ source: 'backup-doctor', version: 1, type: 'ready' }],
  {},
  { source: 'backup-doctor', version: 2, type: 'resize', height: 321 },
  { source: 'backup-doctor', version: '1', type: 'resize', height: 321 },
  { source: 'Backup-Doctor', version: 1, type: 'ready' },
  { source: 'backup-doctor-host', version: 1, type: 'ready' },
  { source: 'backup-doctor', version: 1, type: 'navigate', to: '/' },
  { source: 'backup-doctor', version: 1, type: 'resize', height: '321' },
  { source: 'backup-doctor', version: 1, type: 'resize', height: -5 },
  { source: 'backup-doctor', version: 1, type: 'resize', height: 1e9 },
  { source: 'backup-doctor', version: 1, type: 'resize', height: Number.NaN },
  { source: 'backup-doctor', version: 1, type: 'resize', height: Number.POSITIVE_INFINITY },
  { source: 'backup-doctor', version: 1, type: 'resize' },
  { source: 'backup-doctor', version: 1, type: 'step', step: 42, count: 1 },
  { source: 'backup-doctor', version: 1, type: 'step', step: 'question:x' },
  { source: 'backup-doctor', version: 1, type: 'step', step: 'x'.repeat(5000), count: 1 },
  { source: 'backup-doctor', version: 1, type: 'step', step: '<img src=x onerror=alert(1)>', count: 1 },
  { source: 'backup-doctor', version: 1, type: 'step', step: 'question:x', count: -1 },
  { source: 'backup-doctor', version: 1, type: 'resolved' },
  { source: 'backup-doctor', version: 1, type: 'resolved', fix: { id: 'x' } },
  { source: 'backup-doctor', version: 1, type: 'escalated', summary: 12 },
  { source: 'backup-doctor', version: 1, type: 'escalated', summary: 'x'.repeat(100001) },
];

test('iframe: embed.js ignores messages from another window, another origin, and malformed ones', async (t) => {
  const { page, frame, element, check } = await openIframe(t, { ns: 'impostors' }, { origins: [origin(other)] });
  await waitFits(frame);
  await waitForEvent(page, "e.type === 'ready'");
  const height = await frameHeight(page);
  const before = (await events(page)).length;

  // 1. The portal's own window (wrong source, right-looking messages).
  await postToPortal(page, page, VALID);
  // 2. A frame from a third origin on the page (wrong source and origin).
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.id = 'impostor';
    f.title = 'Another site';
    f.src = src;
    document.body.append(f);
  }, new URL('other.html', other.url).href);
  const impostor = await (await page.waitForSelector('iframe#impostor')).contentFrame();
  await impostor.waitForLoadState();
  await postToPortal(page, impostor, VALID);
  // 3. The app's own frame (right source and origin), malformed messages.
  await postToPortal(page, frame, MALFORMED);

  assert.equal(await frameHeight(page), height, 'the frame kept its height');
  assert.equal((await events(page)).length, before, 'no event reached the portal');

  // A well-formed resize from the frame is obeyed (the check above is not
  // vacuous), with the frame's 1px borders added (the portal's CSS uses
  // box-sizing: border-box).
  await postToPortal(page, frame, [{ source: 'backup-doctor', version: 1, type: 'resize', height: 500 }]);
  assert.equal(await element.evaluate((el) => el.style.height), '502px');

  // 4. The same frame window, navigated to another origin (right source, wrong origin).
  await frame.evaluate((src) => location.assign(src), new URL('other.html', other.url).href);
  await frame.waitForURL(new URL('other.html', other.url).href + '*');
  await postToPortal(page, frame, VALID);
  assert.equal(await element.evaluate((el) => el.style.height), '502px', 'a message from another origin in that frame is ignored');
  assert.equal((await events(page)).length, before, 'no event reached the portal');
  check();
});

test('iframe: detach stops embed.js listening; attaching to a frame already loaded asks the app for its height', async (t) => {
  const { page, frame, element, check } = await openIframe(t, { ns: 'late' });
  await waitFits(frame);
  await waitForEvent(page, "e.type === 'ready'");
  const fitted = await frameHeight(page);
  await page.evaluate(() => window.portalEmbed.detach());
  await postToPortal(page, frame, [{ source: 'backup-doctor', version: 1, type: 'resize', height: 300 }, ...VALID.slice(1)]);
  assert.equal(await frameHeight(page), fitted, 'after detach, resize messages are ignored');
  assert.equal((await events(page)).length, 1, 'after detach, no event is passed on');

  // As in the README snippet when the script runs after the frame has
  // loaded: attach sends request-resize at once, and the app answers.
  await element.evaluate((el) => (el.style.height = '200px'));
  await page.evaluate(() => {
    window.lateEvents = [];
    window.BackupDoctorEmbed.attach(document.getElementById('backup-doctor'), { onEvent: (e) => window.lateEvents.push(e) });
  });
  await page.waitForFunction((h) => Math.abs(document.getElementById('backup-doctor').getBoundingClientRect().height - h) <= 1, fitted);
  await frame.getByRole('button', { name: 'Start troubleshooting' }).click();
  await page.waitForFunction(() => window.lateEvents.some((e) => e.type === 'step'));
  await waitFits(frame);
  check();
});

test('iframe: the app ignores garbage posted into it, and requests from an origin it does not allow', async (t) => {
  const { page, frame, check } = await openIframe(t, { ns: 'garbage' }, { origins: [origin(other)] });
  await frame.getByRole('button', { name: 'Start troubleshooting' }).click();
  await frame.locator('#step-heading').waitFor();
  await takeStep(frame, 'wifi-problem');
  await waitFits(frame);
  const snapshot = () =>
    frame.evaluate(() => ({
      url: location.href,
      heading: document.getElementById('step-heading')?.textContent,
      html: document.getElementById('app').innerHTML,
      storage: Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])),
    }));
  const before = await snapshot();
  await page.evaluate(() => window.rawMessages.splice(0));

  // Garbage from the allowed portal, sent to the app's exact origin.
  const garbage = [
    'request-resize',
    null,
    7,
    [],
    { source: 'backup-doctor-host', version: 2, type: 'request-resize' },
    { source: 'backup-doctor-host', version: 1, type: 'navigate', to: '#/codes' },
    { source: 'backup-doctor-host', version: 1, type: 'reset' },
    { source: 'backup-doctor-host', version: 1 },
    { source: 'backup-doctor', version: 1, type: 'step', step: 'fix:update-ios', count: 3 },
    { source: 'backup-doctor', version: 1, type: 'request-resize' },
    'x'.repeat(1 << 20),
    { source: ['backup-doctor-host'], version: 1, type: 'request-resize' },
    { source: 'backup-doctor-host', version: '1', type: 'request-resize' },
  ];
  await page.evaluate(([list, o]) => {
    const target = document.getElementById('backup-doctor').contentWindow;
    for (const data of list) target.postMessage(data, o);
  }, [garbage, origin(app)]);

  // A well-formed request from a third origin on the page, which the app's
  // `origins` does not list.
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.id = 'impostor';
    f.title = 'Another site';
    f.src = src;
    document.body.append(f);
  }, new URL('other.html', other.url).href);
  const impostor = await (await page.waitForSelector('iframe#impostor')).contentFrame();
  await impostor.waitForLoadState();
  await impostor.evaluate(() => window.parent.frames[0].postMessage({ source: 'backup-doctor-host', version: 1, type: 'request-resize' }, '*'));

  // Flush: wait two frames in the app, then a marker from the app's
  // window to the portal arrives after anything the app sent before it.
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await frame.evaluate(() => window.parent.postMessage({ testMarker: 'flush' }, '*'));
  await page.waitForFunction(() => window.rawMessages.some((m) => m.data && m.data.testMarker === 'flush'));
  const answered = (await page.evaluate(() => window.rawMessages)).filter((m) => m.origin === origin(app) && !(m.data && m.data.testMarker));
  assert.deepEqual(answered, [], 'the app sent nothing in answer to garbage or to the impostor');
  assert.deepEqual(await snapshot(), before, 'nothing changed in the app');

  // The real request works (the check above is not vacuous).
  await page.evaluate((o) => document.getElementById('backup-doctor').contentWindow.postMessage({ source: 'backup-doctor-host', version: 1, type: 'request-resize' }, o), origin(app));
  await page.waitForFunction(() => window.rawMessages.some((m) => m.data && m.data.type === 'resize'));
  await appMessages(page);
  check();
});

test('iframe: invalid options fall back to the defaults with a visible note and a console warning', async (t) => {
  const warnings = [];
  const { page, frame, check } = await openIframe(t, { ns: 'badopts', accent: 'red;x', radius: '999', scheme: 'purple' }, { warnings, context: { colorScheme: 'light' } });
  for (const name of ['accent', 'radius', 'scheme']) {
    await frame.getByText(new RegExp(`\\b${name}\\b`)).first().waitFor();
    assert.ok(warnings.some((w) => w.includes(name)), `a console warning names ${name}: ${warnings.join(' | ')}`);
  }
  const look = await frame.getByRole('button', { name: 'Start troubleshooting' }).evaluate((b) => {
    const s = getComputedStyle(b);
    return { background: s.backgroundColor, radius: s.borderTopLeftRadius, scheme: getComputedStyle(document.body).backgroundColor };
  });
  await page.screenshot({ path: saveShot('portal-iframe-bad-options-1280') });
  assert.equal(look.background, 'rgb(29, 95, 209)', 'the default accent');
  assert.equal(look.scheme, 'rgb(246, 248, 251)', 'the light scheme (auto, in a light browser)');
  const defaultRadius = look.radius;

  // Valid values do apply (so the fallback above is a fallback).
  await page.goto(portalUrl(portal, 'iframe.html', { ns: 'goodopts', accent: '#c2410c', radius: '0', scheme: 'dark' }));
  const good = await (await page.waitForSelector('iframe#backup-doctor')).contentFrame();
  const button = good.getByRole('button', { name: 'Start troubleshooting' });
  await button.waitFor();
  const themed = await button.evaluate((b) => ({ radius: getComputedStyle(b).borderTopLeftRadius, body: getComputedStyle(document.body).backgroundColor }));
  assert.equal(themed.radius, '0px');
  assert.notEqual(defaultRadius, '0px');
  assert.equal(themed.body, 'rgb(15, 23, 36)', 'the dark scheme');
  await page.screenshot({ path: saveShot('portal-iframe-themed-1280') });
  check();
});

test('iframe: sandboxed without allow-same-origin, the app works and says progress is not kept', async (t) => {
  const { page, check } = await open(t, browser, {
    origins: [origin(app)],
    allowConsole: [/offline support is unavailable/],
    context: { viewport: VIEWPORT },
  });
  await page.goto(portalUrl(portal, 'iframe.html', { sandbox: 'allow-scripts' }));
  const element = await page.waitForSelector('iframe#backup-doctor');
  const frame = await element.contentFrame();
  await frame.getByText("This browser won't let us save your progress").waitFor();
  await frame.getByRole('button', { name: 'Start troubleshooting' }).click();
  await frame.locator('#step-heading').waitFor();
  await takeStep(frame, 'wifi-problem');
  await takeStep(frame, 'wifi-problem');
  // An opaque origin cannot be verified: embed.js accepts nothing from it,
  // so the frame keeps the portal's height and its own scroll bar.
  await page.screenshot({ path: saveShot('portal-iframe-sandboxed-1280') });
  assert.deepEqual(await events(page), []);
  assert.notEqual(await element.getAttribute('scrolling'), 'no');
  assert.equal(await frameHeight(page), 640);
  check();
});

test('iframe: axe-core finds no violation inside the framed app', async (t) => {
  const { page, frame, check } = await openIframe(t, { ns: 'axe' }, { context: { bypassCSP: true } });
  const violations = [];
  const axe = async (name) => {
    if (!(await frame.evaluate(() => typeof window.axe !== 'undefined'))) await frame.addScriptTag({ path: AXE });
    const result = await frame.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
    assert.ok(result.passes.length > 10, `${name}: axe ran its checks`);
    violations.push(...result.violations.map((v) => `${name}: ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
  };
  await axe('home');
  await frame.getByRole('button', { name: 'Start troubleshooting' }).click();
  await frame.locator('#step-heading').waitFor();
  await axe('first question');
  await playRun(frame, 'something-else', allFail);
  await axe('escalation');
  assert.deepEqual(violations, []);
  assert.ok(page);
  check();
});

// ----------------------------------------------------------------- mount

async function openMount(t, file, params = {}, options = {}) {
  const server = options.server || portal;
  const opened = await open(t, browser, {
    origins: [origin(app)],
    allowConsole: options.allowConsole,
    context: { viewport: VIEWPORT, ...(options.context || {}) },
  });
  await opened.page.goto(portalUrl(server, file, params));
  return opened;
}

// An instance is ready when it has rendered and its shadow root's
// stylesheet has loaded (sizes read before that are the browser's defaults).
const waitForInstance = async (page, selector) => {
  await page.locator(`${selector} .site-header`).waitFor();
  await page.waitForFunction((sel) => {
    const link = document.querySelector(sel)?.shadowRoot?.querySelector('link[rel="stylesheet"]');
    return !!(link && link.sheet);
  }, selector);
};

// The host page's place: address, history length, navigation events.
const hostPlace = (page) => page.evaluate(() => ({ href: location.href, length: history.length, navigations: window.hostNavigations || [] }));

test('mount: the host page address never changes through a run and the in-app pages', async (t) => {
  const { page, check } = await openMount(t, 'mount.html');
  const start = await page.evaluate(() => ({ href: window.hostStart.href, length: window.hostStart.historyLength, navigations: [] }));
  await waitForInstance(page, '#bd-left');
  await waitForInstance(page, '#bd-right');
  const left = within(page, '#bd-left');
  await left.getByRole('button', { name: 'Start troubleshooting' }).click();
  await left.locator('#step-heading').waitFor();
  const run = await playRun(left, 'low-battery');
  assert.equal(run.end, 'resolved');
  assert.deepEqual(await hostPlace(page), start);
  // Links inside the app open its pages in memory.
  await left.getByRole('link', { name: 'Error codes' }).first().click();
  await left.getByRole('heading', { name: 'Error codes and messages' }).waitFor();
  assert.deepEqual(await hostPlace(page), start);
  assert.equal(await page.getByRole('heading', { name: 'Error codes and messages' }).count(), 1, 'only the left instance moved');

  // The events arrive on the host element, from that instance only.
  await page.waitForFunction(() => window.portalEvents.some((e) => e.type === 'resolved'));
  const seen = await page.evaluate(() => window.portalEvents);
  for (const e of seen) {
    const { instance, ...data } = e;
    assert.ok(instance);
    assertSchema(data);
    assert.notEqual(data.type, 'resize', 'no resize in mount mode');
  }
  const customer = seen.filter((e) => e.instance === 'customer');
  assert.equal(customer[0].type, 'ready');
  assert.deepEqual(customer.filter((e) => e.type === 'step').map((e) => e.step), [...run.taken.map((s) => `${s.kind}:${s.item.id}`), 'resolved']);
  assert.deepEqual(seen.filter((e) => e.instance === 'agent').map((e) => e.type), ['ready']);
  check();
});

// Compares two PNGs pixel by pixel in a blank page; returns the share of
// pixels that differ (1 when the sizes differ).
async function pixelDiff(context, a, b) {
  const page = await context.newPage();
  try {
    return await page.evaluate(async ([a, b]) => {
      const load = (src) => new Promise((resolve, reject) => {
        const img = new Image();
        img.onload = () => resolve(img);
        img.onerror = reject;
        img.src = 'data:image/png;base64,' + src;
      });
      const [ia, ib] = await Promise.all([load(a), load(b)]);
      if (ia.width !== ib.width || ia.height !== ib.height) return { share: 1, sizes: [ia.width, ia.height, ib.width, ib.height] };
      const pixels = (img) => {
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext('2d');
        g.drawImage(img, 0, 0);
        return g.getImageData(0, 0, img.width, img.height).data;
      };
      const pa = pixels(ia);
      const pb = pixels(ib);
      let differ = 0;
      for (let i = 0; i < pa.length; i += 4) {
        if (Math.abs(pa[i] - pb[i]) + Math.abs(pa[i + 1] - pb[i + 1]) + Math.abs(pa[i + 2] - pb[i + 2]) > 24) differ++;
      }
      return { share: differ / (pa.length / 4), sizes: [ia.width, ia.height] };
    }, [a.toString('base64'), b.toString('base64')]);
  } finally {
    await page.close();
  }
}

test("mount: the check's Back and the in-app links move through the app's own history, never the host's", async (t) => {
  const { page, check } = await openMount(t, 'mount.html');
  const start = await page.evaluate(() => ({ href: window.hostStart.href, length: window.hostStart.historyLength, navigations: [] }));
  await waitForInstance(page, '#bd-left');
  const left = within(page, '#bd-left');
  await left.getByRole('button', { name: 'Start troubleshooting' }).click();
  await left.locator('#step-heading').waitFor();
  const first = await takeStep(left, 'low-battery');
  const second = await takeStep(left, 'low-battery');
  const third = await currentStep(left);
  assert.notEqual(second.heading, third.heading);
  // Back goes back one step at a time, in memory.
  await left.getByRole('button', { name: 'Back', exact: true }).click();
  await left.getByRole('heading', { name: second.heading, exact: true }).waitFor();
  await left.getByRole('button', { name: 'Back', exact: true }).click();
  await left.getByRole('heading', { name: first.heading, exact: true }).waitFor();
  assert.deepEqual(await hostPlace(page), start);
  // A link, then the browser's Back: the host page's history is its own.
  await left.getByRole('link', { name: 'FAQ' }).first().click();
  await left.getByRole('heading', { name: 'Frequently asked questions' }).waitFor();
  assert.deepEqual(await hostPlace(page), start);
  check();
});

test('mount: numeric options from the host script are read as the numbers they are', async (t) => {
  const { page, check } = await openMount(t, 'mount.html', { radius: '12' }, { allowConsole: [/option `radius`/] });
  await waitForInstance(page, '#bd-left');
  const start = page.locator('#bd-left').getByRole('button', { name: 'Start troubleshooting' });
  assert.equal(await start.evaluate((b) => getComputedStyle(b).borderTopLeftRadius), '12px');
  // A number that is not a whole one is refused with the usual note.
  await page.goto(portalUrl(portal, 'mount.html', { radius: '2.5' }));
  await waitForInstance(page, '#bd-left');
  await page.locator('#bd-left').getByText(/\bradius\b/).first().waitFor();
  check();
});

test("mount: the host's hostile CSS (*, button, h1) does not change the app's look", async (t) => {
  const { page, context, check } = await openMount(t, 'mount.html', { hostile: '0' });
  await waitForInstance(page, '#bd-left');
  await waitForInstance(page, '#bd-right');
  const right = within(page, '#bd-right');
  await right.getByRole('button', { name: 'Start troubleshooting' }).click();
  await right.locator('#step-heading').waitFor();
  const setHostile = (on) =>
    page.evaluate(async (on) => {
      document.getElementById('hostile').disabled = !on;
      document.getElementById('hostile-toggle').checked = on;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }, on);
  const shots = async (tag) => ({
    home: await page.locator('#bd-left').screenshot({ animations: 'disabled', path: saveShot(`portal-mount-left-${tag}`) }),
    step: await page.locator('#bd-right').screenshot({ animations: 'disabled', path: saveShot(`portal-mount-right-${tag}`) }),
  });
  const plain = await shots('plain');
  await setHostile(true);
  assert.equal(await page.locator('#host-lead').evaluate((h) => getComputedStyle(h).fontFamily), 'serif', 'the hostile CSS is on');
  const hostile = await shots('hostile');
  await page.screenshot({ path: saveShot('portal-mount-1280'), fullPage: true });
  for (const name of ['home', 'step']) {
    const diff = await pixelDiff(context, plain[name], hostile[name]);
    assert.ok(diff.share <= 0.001, `${name}: ${(diff.share * 100).toFixed(3)}% of the pixels changed (${diff.sizes})`);
  }
  check();
});

// The host's own elements and the properties compared before and after mounting.
const HOST_ELEMENTS = ['html', 'body', '.nw-header', '.nw-logo', '.nw-nav a', '#host-title', '#host-lead', '#host-button', '.nw-toolbar label', '.nw-toolbar input', '#left-title', '.nw-log', '.nw-footer p'];
const PROPS = ['color', 'background-color', 'font-family', 'font-size', 'font-weight', 'font-style', 'line-height', 'letter-spacing', 'text-transform', 'text-decoration-line', 'text-align', 'border-top-width', 'border-top-color', 'border-top-left-radius', 'padding-top', 'padding-left', 'margin-top', 'margin-bottom', 'box-sizing', 'display', 'outline-style', 'cursor', 'color-scheme', 'accent-color', '--bd-accent', '--bd-font'];
// The mount elements are the app's to style (:host), but not over what the
// portal's own CSS gives them.
const MOUNT_PROPS = ['display', 'background-color', 'border-top-width', 'border-top-color', 'border-top-left-radius', 'overflow-x', 'margin-top'];
const hostStyles = (page) =>
  page.evaluate(
    ([selectors, props, mountProps]) => {
      const read = (sel, list) => {
        const s = getComputedStyle(document.querySelector(sel));
        return [sel, Object.fromEntries(list.map((p) => [p, s.getPropertyValue(p)]))];
      };
      return {
        sheets: document.styleSheets.length,
        adopted: document.adoptedStyleSheets.length,
        styles: Object.fromEntries([...selectors.map((sel) => read(sel, props)), read('#bd-left', mountProps), read('#bd-right', mountProps)]),
      };
    },
    [HOST_ELEMENTS, PROPS, MOUNT_PROPS]
  );

test("mount: the app's CSS does not change the host's own elements", async (t) => {
  for (const hostile of ['0', '1']) {
    const { page, check } = await openMount(t, 'mount.html', { manual: '1', hostile });
    const before = await hostStyles(page);
    await page.evaluate(() => window.portalMountAll());
    await waitForInstance(page, '#bd-left');
    await waitForInstance(page, '#bd-right');
    const after = await hostStyles(page);
    const changed = [];
    for (const [sel, props] of Object.entries(before.styles)) {
      for (const [p, v] of Object.entries(props)) if (after.styles[sel][p] !== v) changed.push(`${sel} ${p}: ${v} -> ${after.styles[sel][p]}`);
    }
    assert.deepEqual(changed, [], `hostile=${hostile}: the host's elements changed`);
    assert.equal(after.sheets, before.sheets, 'no style sheet added to the host document');
    assert.equal(after.adopted, before.adopted, 'no adopted style sheet on the host document');
    check();
  }
});

test('mount: two instances keep separate progress (their own ns)', async (t) => {
  const { page, check } = await openMount(t, 'mount.html', { start: 'check' });
  const left = within(page, '#bd-left');
  const right = within(page, '#bd-right');
  await left.locator('#step-heading').waitFor();
  await right.locator('#step-heading').waitFor();
  await takeStep(left, 'low-battery');
  await takeStep(left, 'low-battery');
  await takeStep(right, 'wifi-problem');
  await left.getByText('Step 3', { exact: true }).waitFor();
  await right.getByText('Step 2', { exact: true }).waitFor();
  const before = [(await currentStep(left)).heading, (await currentStep(right)).heading];
  await page.reload();
  await left.getByText('Step 3', { exact: true }).waitFor();
  await right.getByText('Step 2', { exact: true }).waitFor();
  assert.deepEqual([(await currentStep(left)).heading, (await currentStep(right)).heading], before);
  check();
});

// The window's 'error' and 'unhandledrejection' listeners, as DevTools lists them.
async function windowErrorListeners(context, page) {
  const cdp = await context.newCDPSession(page);
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
  await cdp.detach();
  return listeners.filter((l) => l.type === 'error' || l.type === 'unhandledrejection').map((l) => `${l.type}:${l.scriptId}:${l.lineNumber}`);
}

test("mount: the host's onerror and error listeners are untouched and still see the host's errors", async (t) => {
  const { page, context, check } = await openMount(t, 'mount.html', { manual: '1' }, { allowConsole: [/portal's own error/] });
  const before = await windowErrorListeners(context, page);
  assert.equal(before.length, 2, 'the portal has its onerror and its error listener');
  await page.evaluate(() => window.portalMountAll());
  await waitForInstance(page, '#bd-left');
  const left = within(page, '#bd-left');
  await left.getByRole('button', { name: 'Start troubleshooting' }).click();
  await left.locator('#step-heading').waitFor();
  await takeStep(left, 'wifi-problem');
  assert.deepEqual(await windowErrorListeners(context, page), before, 'the app added no global error listener');
  assert.ok(await page.evaluate(() => window.onerror === window.hostOnError && window.onunhandledrejection === null), 'window.onerror is the portal\'s');
  await page.evaluate(() => setTimeout(() => { throw new Error("the portal's own error"); }));
  await page.waitForFunction(() => window.hostErrors.length >= 2);
  const seen = await page.evaluate(() => window.hostErrors);
  assert.deepEqual(seen.map((e) => e.via).sort(), ['listener', 'onerror']);
  for (const e of seen) assert.match(e.message, /the portal's own error/);
  check();
});

test('mount: a host page with a strict CSP runs the app with no violation', async (t) => {
  const { page, check } = await openMount(t, 'mount-strict.html', {}, { server: strict });
  const violations = [];
  page.on('console', (msg) => /CSP violation|Content Security Policy/i.test(msg.text()) && violations.push(msg.text()));
  assert.match((await page.request.get(portalUrl(strict, 'mount-strict.html'))).headers()['content-security-policy'], /script-src 'self' http:\/\/127\.0\.0\.1:\d+ 'wasm-unsafe-eval'/);
  await waitForInstance(page, '#troubleshooter');
  const bd = within(page, '#troubleshooter');
  await bd.getByRole('button', { name: 'Start troubleshooting' }).click();
  await bd.locator('#step-heading').waitFor();
  const run = await playRun(bd, 'wifi-problem');
  assert.equal(run.end, 'resolved');
  await page.waitForFunction(() => window.portalEvents.some((e) => e.type === 'resolved'));
  await page.screenshot({ path: saveShot('portal-mount-strict-1280'), fullPage: true });
  assert.deepEqual(violations, []);
  check();
});

test('mount: axe-core finds no violation inside the mounted apps', async (t) => {
  const { page, check } = await openMount(t, 'mount.html');
  await waitForInstance(page, '#bd-left');
  await waitForInstance(page, '#bd-right');
  const violations = [];
  const axe = async (name) => {
    if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.addScriptTag({ path: AXE });
    const result = await page.evaluate((tags) => window.axe.run({ include: [['#bd-left'], ['#bd-right']] }, { runOnly: { type: 'tag', values: tags } }), TAGS);
    assert.ok(result.passes.length > 10, `${name}: axe ran its checks`);
    violations.push(...result.violations.map((v) => `${name}: ${v.id}: ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`));
  };
  await axe('home');
  const left = within(page, '#bd-left');
  await left.getByRole('button', { name: 'Start troubleshooting' }).click();
  await left.locator('#step-heading').waitFor();
  await axe('first question');
  await playRun(left, 'something-else', allFail);
  await axe('escalation');
  assert.deepEqual(violations, []);
  check();
});

test("mount: the portal's root font size does not resize the app", async (t) => {
  const { page, check } = await openMount(t, 'mount.html', { hostile: '0' });
  await waitForInstance(page, '#bd-left');
  const sizes = () =>
    page.evaluate(() => {
      const root = document.querySelector('#bd-left').shadowRoot;
      const px = (sel) => getComputedStyle(root.querySelector(sel)).fontSize;
      return [px('h1'), px('.lead'), px('button.primary')];
    });
  const before = await sizes();
  // A common portal habit: a 10px root so that 1rem = 10px.
  await page.evaluate(() => document.documentElement.style.setProperty('font-size', '62.5%'));
  assert.deepEqual(await sizes(), before);
  check();
});
