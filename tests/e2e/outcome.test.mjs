// The `outcome` event (README, "The outcome record"): sent to an embedding
// portal that asks for it (outcomes=1) once per ending (resolved, handed
// over, or left unfinished when the page is hidden or goes away), ids only, and checked
// by embed.js like every other event. Never sent without the option, and
// never by the standalone app.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, open, startStaticServer, CSP, DIST, baseUrl, closeShared, waitForApp, RECORD_RAW } from './harness.mjs';
import { KB, playRun, takeStep, within } from './persona.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const PORTAL_DIR = path.join(here, 'portal');
const allFail = Object.fromEntries(KB.fixes.map((f) => [f.id, 'fails']));

let browser, app, portal;
const origin = (server) => new URL(server.url).origin;

before(async () => {
  browser = await launch();
  portal = await startStaticServer({ dir: PORTAL_DIR, csp: null });
  app = await startStaticServer({ dir: DIST, csp: `${CSP}; frame-ancestors ${origin(portal)}` });
});
after(async () => {
  await browser?.close();
  for (const server of [app, portal]) await server?.close();
  await closeShared();
});

const ID = /^[a-z0-9-]+$/;
const FIELDS = ['source', 'version', 'type', 'schema', 'content_version', 'answers', 'fixes', 'end', 'steps', 'handover', 'day'];

// Checks one outcome event against schema 1: the documented fields only,
// every string an id or a fixed word, nothing a person typed.
function assertOutcome(e) {
  const keys = Object.keys(e).filter((k) => k !== 'seed' && k !== 'language');
  assert.deepEqual(keys.sort(), [...FIELDS].sort(), 'only the documented fields: ' + JSON.stringify(e));
  assert.equal(e.type, 'outcome');
  assert.equal(e.schema, 1);
  assert.equal(e.content_version, KB.content_version);
  assert.ok(['resolved', 'handed-over', 'unfinished'].includes(e.end), e.end);
  assert.ok(['self-service', 'balanced', 'quick'].includes(e.handover), e.handover);
  assert.match(e.day, /^\d{4}-\d{2}-\d{2}$/, 'a day, nothing finer');
  assert.ok(Number.isInteger(e.steps) && e.steps >= 0);
  for (const a of e.answers) {
    assert.deepEqual(Object.keys(a).sort(), ['answer', 'question']);
    const q = KB.questions.find((x) => x.id === a.question);
    assert.ok(q && q.answers.some((x) => x.id === a.answer), 'known ids: ' + JSON.stringify(a));
  }
  for (const f of e.fixes) {
    assert.deepEqual(Object.keys(f).sort(), ['fix', 'result']);
    assert.ok(KB.fixes.some((x) => x.id === f.fix), f.fix);
    assert.ok(['worked', 'failed', 'couldnt'].includes(f.result), f.result);
  }
  const strings = [];
  const walk = (v) => (typeof v === 'string' ? strings.push(v) : v && typeof v === 'object' && Object.values(v).forEach(walk));
  walk(e);
  for (const s of strings) assert.ok(ID.test(s) || /^\d{4}-\d{2}-\d{2}$/.test(s) || s === 'backup-doctor', 'no free text: ' + s);
}

function portalUrl(file, params = {}) {
  const url = new URL(file, portal.url);
  url.searchParams.set('app', app.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.href;
}

async function openIframe(t, params) {
  const opened = await open(t, browser, { origins: [origin(app)], context: { viewport: { width: 1280, height: 900 } } });
  await opened.context.addInitScript(RECORD_RAW);
  await opened.page.goto(portalUrl('iframe.html', params));
  const element = await opened.page.waitForSelector('iframe#backup-doctor');
  const frame = await element.contentFrame();
  await frame.locator('#app .site-header').waitFor();
  await frame.getByRole('button', { name: 'Start troubleshooting' }).click();
  await frame.locator('#step-heading').waitFor();
  return { ...opened, frame };
}

// The outcome events embed.js handed to the portal, and those the app sent.
const delivered = (page) => page.evaluate(() => window.portalEvents.filter((e) => e.type === 'outcome'));
const sent = (page) => page.evaluate((o) => window.rawMessages.filter((m) => m.origin === o && m.data && m.data.type === 'outcome').map((m) => m.data), origin(app));

// A round trip through the app, so that anything it already sent has arrived.
async function flush(page) {
  await page.evaluate(() => window.rawMessages.splice(0));
  await page.evaluate((o) => document.getElementById('backup-doctor').contentWindow.postMessage({ source: 'backup-doctor-host', version: 1, type: 'request-resize' }, o), origin(app));
  await page.waitForFunction(() => window.rawMessages.some((m) => m.data && m.data.type === 'resize'));
}

// After the app's frame has gone to another page: a message from the new
// page, posted after anything the old one sent while leaving, has arrived,
// so whatever the app sent is in by then.
async function afterLeaving(page, frame) {
  await frame.evaluate(() => parent.postMessage({ marker: 'left' }, '*'));
  await page.waitForFunction(() => window.rawMessages.some((m) => m.data && m.data.marker === 'left'));
}

test('outcomes=1: a resolved run sends one outcome with its answers and fixes, checked by embed.js', async (t) => {
  const { page, frame, check } = await openIframe(t, { ns: 'outcome-resolved', outcomes: '1' });
  const run = await playRun(frame, 'low-battery');
  assert.equal(run.end, 'resolved');
  await page.waitForFunction(() => window.portalEvents.some((e) => e.type === 'outcome'));
  const [e, ...more] = await delivered(page);
  assert.equal(more.length, 0, 'one outcome');
  assertOutcome(e);
  assert.equal(e.end, 'resolved');
  assert.deepEqual(e.answers.map((a) => a.question), run.taken.filter((s) => s.kind === 'question').map((s) => s.item.id));
  const fixes = run.taken.filter((s) => s.kind === 'fix').map((s) => s.item.id);
  assert.deepEqual(e.fixes.map((f) => f.fix), fixes);
  assert.deepEqual(e.fixes.map((f) => f.result), fixes.map((_, i) => (i === fixes.length - 1 ? 'worked' : 'failed')));
  assert.equal(e.steps, run.taken.length);
  // Visiting another page and coming back to the ending sends nothing more.
  await frame.getByRole('link', { name: 'Error codes' }).first().click();
  await frame.getByRole('heading', { name: 'Error codes and messages' }).waitFor();
  await frame.evaluate(() => history.back());
  await frame.locator('.resolved').waitFor();
  await flush(page);
  assert.equal((await delivered(page)).length, 1, 'still one outcome');
  check();
});

test('outcomes=1: a handed-over run sends one outcome that says so; leaving then sends nothing', async (t) => {
  const { page, frame, check } = await openIframe(t, { ns: 'outcome-escalated', outcomes: '1' });
  const run = await playRun(frame, 'something-else', allFail);
  assert.equal(run.end, 'escalated');
  await page.waitForFunction(() => window.portalEvents.some((e) => e.type === 'outcome'));
  const [e] = await delivered(page);
  assertOutcome(e);
  assert.equal(e.end, 'handed-over');
  assert.ok(e.fixes.length > 0 && e.fixes.every((f) => f.result === 'failed'));
  // The frame goes away: the ended run is not sent again.
  await frame.goto(portal.url + 'other.html');
  await afterLeaving(page, frame);
  assert.equal((await delivered(page)).length, 1);
  check();
});

// Hides or shows the app's page as switching tabs or apps does.
const setHidden = (frame, hidden) =>
  frame.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);

test('outcomes=1: a run left unfinished is sent when the page is hidden, again only after a new step', async (t) => {
  const { page, frame, check } = await openIframe(t, { ns: 'outcome-unfinished', outcomes: '1' });
  const first = await takeStep(frame, 'wifi-problem');
  const second = await takeStep(frame, 'wifi-problem');
  assert.equal((await delivered(page)).length, 0, 'nothing while the run goes on');
  await setHidden(frame, true);
  await page.waitForFunction(() => window.portalEvents.some((e) => e.type === 'outcome'));
  const [e] = await delivered(page);
  assertOutcome(e);
  assert.equal(e.end, 'unfinished');
  assert.equal(e.steps, 2);
  const ids = [first, second].map((s) => s.item.id);
  assert.deepEqual([...e.answers.map((a) => a.question), ...e.fixes.map((f) => f.fix)].sort(), [...ids].sort());
  // Back, hidden again with no new step: nothing new.
  await setHidden(frame, false);
  await setHidden(frame, true);
  await setHidden(frame, false);
  await flush(page);
  assert.equal((await delivered(page)).length, 1);
  // One more step, hidden: the run as it now stands.
  await takeStep(frame, 'wifi-problem');
  await setHidden(frame, true);
  await page.waitForFunction(() => window.portalEvents.filter((e) => e.type === 'outcome').length === 2);
  const later = (await delivered(page))[1];
  assertOutcome(later);
  assert.equal(later.steps, 3);
  check();
});

test('mounted, outcomes: "1": a run left unfinished is dispatched while the page itself goes away', async (t) => {
  const { page, context, check } = await open(t, browser, { origins: [origin(app)], context: { viewport: { width: 1280, height: 900 } } });
  // The portal keeps what arrives during its own pagehide (as sendBeacon would).
  await context.addInitScript(() =>
    document.addEventListener('backup-doctor', (e) => e.detail.type === 'outcome' && localStorage.setItem('outcome-' + localStorage.length, JSON.stringify(e.detail)), true)
  );
  await page.goto(portalUrl('mount.html', { outcomes: '1', start: 'check', hostile: '0' }));
  await page.waitForFunction(() => window.portalMounted === true);
  const left = within(page, '#bd-left');
  await left.locator('#step-heading').waitFor();
  await takeStep(left, 'wifi-problem');
  await page.goto(portal.url + 'other.html');
  const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('outcome-')).map((k) => JSON.parse(localStorage.getItem(k))));
  assert.equal(kept.length, 1, JSON.stringify(kept));
  assertOutcome(kept[0]);
  assert.equal(kept[0].end, 'unfinished');
  assert.equal(kept[0].steps, 1);
  check();
});

test('without outcomes=1 no outcome is sent, at an ending or when the page goes away', async (t) => {
  const { page, frame, check } = await openIframe(t, { ns: 'outcome-off' });
  const run = await playRun(frame, 'low-battery');
  assert.equal(run.end, 'resolved');
  await page.waitForFunction(() => window.portalEvents.some((e) => e.type === 'resolved'));
  await frame.getByRole('button', { name: 'Start a new check' }).first().click();
  await takeStep(frame, 'wifi-problem');
  await frame.goto(portal.url + 'other.html');
  await afterLeaving(page, frame);
  assert.deepEqual(await sent(page), [], 'the app sent no outcome');
  check();
});

test('embed.js passes a valid outcome and drops one with free text or unknown fields', async (t) => {
  const { page, frame, check } = await openIframe(t, { ns: 'outcome-validate', outcomes: '1' });
  const good = { source: 'backup-doctor', version: 1, type: 'outcome', schema: 1, content_version: KB.content_version, answers: [{ question: 'wifi-signal', answer: 'weak' }], fixes: [{ fix: 'better-wifi', result: 'worked' }], end: 'resolved', steps: 2, handover: 'balanced', day: '2026-12-01' };
  const bad = [
    { ...good, answers: [{ question: 'wifi-signal', answer: 'my name is Jo' }] },
    { ...good, day: '2026-12-01T10:11:12Z' },
    { ...good, end: 'gave-up' },
    { ...good, fixes: [{ fix: 'better-wifi', result: 'sort of' }] },
    { ...good, schema: 2 },
    { ...good, seed: { code: '9006', alert: 'x' } },
  ];
  // Posted from inside the frame (the app's window and origin), as the app would.
  await frame.evaluate(([msgs, to]) => msgs.forEach((m) => window.parent.postMessage(m, to)), [[...bad, { ...good, extra: 'dropped', seed: { code: '9006' } }], origin(portal)]);
  await page.waitForFunction(() => window.portalEvents.some((e) => e.type === 'outcome'));
  await flush(page);
  const got = await delivered(page);
  assert.equal(got.length, 1, 'only the valid one: ' + JSON.stringify(got));
  assert.equal(got[0].extra, undefined, 'undocumented fields are dropped');
  assert.deepEqual(got[0].seed, { code: '9006' });
  assertOutcome(got[0]);
  check();
});

test('mounted with outcomes: "1": the outcome is a CustomEvent on the element', async (t) => {
  const { page, check } = await open(t, browser, { origins: [origin(app)], context: { viewport: { width: 1280, height: 900 } } });
  await page.goto(portalUrl('mount.html', { outcomes: '1', start: 'check', hostile: '0' }));
  await page.waitForFunction(() => window.portalMounted === true);
  const left = within(page, '#bd-left');
  await left.locator('#step-heading').waitFor();
  const run = await playRun(left, 'low-battery');
  assert.equal(run.end, 'resolved');
  await page.waitForFunction(() => window.portalEvents.some((e) => e.type === 'outcome'));
  const outcomes = await page.evaluate(() => window.portalEvents.filter((e) => e.type === 'outcome'));
  assert.equal(outcomes.length, 1);
  assert.equal(outcomes[0].instance, 'customer');
  const { instance, ...e } = outcomes[0];
  assertOutcome(e);
  assert.equal(e.end, 'resolved');
  check();
});

test('the standalone app sends nothing, even with outcomes=1', async (t) => {
  const { page, check } = await open(t, browser);
  await page.addInitScript(() => {
    window.seen = [];
    window.addEventListener('message', (e) => window.seen.push(e.data));
    document.addEventListener('backup-doctor', (e) => window.seen.push(e.detail), true);
  });
  await page.goto((await baseUrl()) + '?outcomes=1&origins=' + encodeURIComponent(origin(portal)));
  await waitForApp(page);
  await page.getByRole('button', { name: 'Start troubleshooting' }).click();
  await page.locator('#step-heading').waitFor();
  const run = await playRun(page, 'low-battery');
  assert.equal(run.end, 'resolved');
  // A message to itself, queued after anything the app posted, marks the end.
  await page.evaluate(() => window.postMessage({ marker: 'done' }, '*'));
  await page.waitForFunction(() => window.seen.some((d) => d && d.marker === 'done'));
  assert.deepEqual(await page.evaluate(() => window.seen.filter((d) => !(d && d.marker === 'done'))), []);
  check();
});
