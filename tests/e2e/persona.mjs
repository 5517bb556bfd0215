// A simulated person who knows their true cause: reads the step on screen,
// answers each question the way that cause makes most likely, and reports
// whether each fix worked by its chance of fixing that cause. Reads the
// knowledge base's own data files, so it follows content changes.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

const data = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, 'src', 'knowledge', 'data', name), 'utf8'));
export const KB = {
  ...data('meta.json'),
  ...data('causes.json'),
  ...data('questions.json'),
  ...data('fixes.json'),
  ...data('codes.json'),
};

const byCause = (map, cause) => (cause in map ? map[cause] : map['*'] ?? 0);

// What this person answers to a question: the informative answer with the
// highest likelihood under their cause (first one on ties), unless a
// script says otherwise.
export function answerFor(question, cause, script = {}) {
  if (script[question.id]) return question.answers.find((a) => a.id === script[question.id]);
  let best = null;
  for (const a of question.answers) {
    if (a.unsure) continue;
    if (!best || byCause(a.likelihoods, cause) > byCause(best.likelihoods, cause)) best = a;
  }
  return best;
}

// 'works' | 'fails' for a fix, by its chance for the cause (>= 0.5 works).
export function fixResult(fix, cause, script = {}) {
  if (script[fix.id]) return script[fix.id];
  return byCause(fix.fixes || {}, cause) >= 0.5 ? 'works' : 'fails';
}

// The step now on screen: { kind: 'question'|'fix'|'resolved'|'escalated', item, heading }.
export async function currentStep(page) {
  const heading = (await page.locator('#step-heading').first().textContent({ timeout: 10000 })).trim();
  if (heading === 'Your backup is working again') return { kind: 'resolved', heading };
  if (heading === 'Time to ask Apple for help') return { kind: 'escalated', heading };
  const question = KB.questions.find((q) => q.text === heading);
  if (question) return { kind: 'question', item: question, heading };
  const fix = KB.fixes.find((f) => f.title === heading);
  if (fix) return { kind: 'fix', item: fix, heading };
  throw new Error('unknown step on screen: ' + heading);
}

// Waits until the step's heading is `heading`.
export async function waitForHeading(page, heading) {
  await page.waitForFunction((h) => document.getElementById('step-heading')?.textContent.trim() === h, heading);
}

// Waits until the heading is no longer `heading`.
export async function waitForNewStep(page, heading) {
  await page.waitForFunction((h) => {
    const el = document.getElementById('step-heading');
    return el && el.textContent.trim() !== h;
  }, heading);
}

// Takes one step as this person would. `press(locator)` clicks by
// default; the keyboard test passes its own.
export async function takeStep(page, cause, script = {}, press = (l) => l.click()) {
  const step = await currentStep(page);
  if (step.kind === 'question') {
    const answer = answerFor(step.item, cause, script);
    await press(page.getByRole('button', { name: answer.label, exact: true }));
  } else if (step.kind === 'fix') {
    const understand = page.getByRole('button', { name: 'I understand, show me the steps' });
    if (await understand.count()) await press(understand);
    const result = fixResult(step.item, cause, script);
    await press(page.getByRole('button', { name: result === 'works' ? 'Yes, it backed up' : 'No, still failing' }));
  } else {
    return step;
  }
  await waitForNewStep(page, step.heading);
  return step;
}

// Plays a whole run; returns the steps taken and how it ended.
export async function playRun(page, cause, script = {}, { onStep, press } = {}) {
  const taken = [];
  for (let i = 0; i < 60; i++) {
    const step = await currentStep(page);
    if (step.kind === 'resolved' || step.kind === 'escalated') return { end: step.kind, taken };
    if (onStep) await onStep(step, i);
    await takeStep(page, cause, script, press);
    taken.push(step);
  }
  throw new Error('the run did not end within 60 steps');
}

// The persona's functions take a Page; this gives them one instance of
// the app: locators inside the host element (Playwright's CSS and role
// locators pierce open shadow roots), and the one waitForFunction the
// persona uses (the step heading changed), looked up in the shadow root.
export function within(page, selector) {
  const root = page.locator(selector);
  return {
    locator: (s) => root.locator(s),
    getByRole: (role, o) => root.getByRole(role, o),
    getByText: (text, o) => root.getByText(text, o),
    waitForFunction: (fn, heading) => {
      assert.match(String(fn), /step-heading/, 'the adapter knows only waitForNewStep');
      return page.waitForFunction(
        ([sel, h]) => {
          const el = document.querySelector(sel)?.shadowRoot?.getElementById('step-heading');
          return el && el.textContent.trim() !== h;
        },
        [selector, heading]
      );
    },
  };
}
