// Starts Backup Doctor. Loaded as an external module (the page's
// Content-Security-Policy forbids inline scripts): it imports this build's
// wasm-bindgen JS and wasm, whose hashed names the page's <script> tag
// carries, and shows the recovery screen when the app cannot start.

const PREFIX = 'backup-doctor';

function crashScreen() {
  return document.getElementById('bd-crash');
}

// Shows the plain-HTML recovery screen. Also called by the app's panic hook.
function showCrash(detail) {
  const crash = crashScreen();
  if (!crash) return;
  const app = document.getElementById('app');
  if (app) app.hidden = true;
  crash.hidden = false;
  const note = document.getElementById('bd-crash-detail');
  localizeCrash();
  if (note && detail) note.textContent = (note.getAttribute('data-bd-details') || '') + ' ' + String(detail).slice(0, 300);
  const reload = document.getElementById('bd-crash-reload');
  if (reload) reload.focus();
}

// Puts the recovery screen's words in the page's language (`<html lang>`,
// which boot.js and then the app set), from the template the build wrote.
function localizeCrash() {
  const lang = document.documentElement.getAttribute('lang') || 'en';
  const template = document.getElementById('bd-crash-texts');
  const texts = template && template.content ? template.content.querySelector('[lang="' + lang + '"]') : null;
  if (!texts) return;
  texts.querySelectorAll('[data-k]').forEach((p) => {
    const key = p.getAttribute('data-k');
    if (key === 'crash.details') {
      const note = document.getElementById('bd-crash-detail');
      if (note) note.setAttribute('data-bd-details', p.textContent);
      return;
    }
    const target = document.querySelector('#bd-crash [data-bd-t="' + key + '"]');
    if (target) target.textContent = p.textContent;
  });
}

// Removes this page's saved progress: the keys of its namespace (the `ns`
// option) and no other's, as the app's own "Forget my progress" does.
function forgetProgress() {
  try {
    const ns = new URLSearchParams(location.search).get('ns');
    const prefix = ns ? `${PREFIX}:${ns}:` : `${PREFIX}:`;
    const store = window.localStorage;
    const keys = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key && key.startsWith(prefix) && !key.slice(prefix.length).includes(':')) keys.push(key);
    }
    keys.forEach((key) => store.removeItem(key));
  } catch (_) {
    // Storage is blocked: there is nothing of ours to clear.
  }
}

function wireCrashButtons() {
  const reload = document.getElementById('bd-crash-reload');
  const reset = document.getElementById('bd-crash-reset');
  if (reload) reload.addEventListener('click', () => location.reload());
  if (reset) {
    reset.addEventListener('click', () => {
      forgetProgress();
      location.hash = '';
      location.reload();
    });
  }
}

// Keeps only the pre-rendered screen that boot.js chose (the other one's
// ids would be duplicates until the app takes over).
function dropOtherScreens() {
  const start = document.documentElement.getAttribute('data-bd-start') || 'home';
  document.querySelectorAll('#app .bd-pre').forEach((pre) => {
    if (pre.getAttribute('data-bd-pre') !== (start === 'shell' ? 'home' : start)) pre.remove();
  });
}

// Once the app has rendered its first screen in place of the pre-rendered
// one (its start-up is split over a few tasks), gives it what was typed
// and clicked there (boot.js).
function replayEarly() {
  const early = window.backupDoctorEarly;
  const app = document.getElementById('app');
  if (!early || !app) return;
  window.backupDoctorEarly = undefined;
  const rendered = () => !app.querySelector('.bd-pre') && app.querySelector(':scope > .bd-lang > .site-header');
  if (rendered()) replay(early);
  else {
    const watch = new MutationObserver(() => {
      if (!rendered()) return;
      watch.disconnect();
      replay(early);
    });
    watch.observe(app, { childList: true });
  }
}

function replay(early) {
  // The app has rendered: nothing pre-rendered is left to keep unpainted.
  document.documentElement.removeAttribute('data-bd-lang-wait');
  setTimeout(() => {
    for (const [id, value] of Object.entries(early.inputs)) {
      const input = document.getElementById(id);
      if (input) {
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    }
    const app = document.getElementById('app');
    if (early.click && app) {
      // The same button of the same screen, counted within <main>: the
      // app may show a notice with a button of its own above it (when
      // the person's language could not be loaded, say), and the screen
      // is the same in every language.
      const scope = early.click.inMain ? app.querySelector('main') : app;
      const button = scope ? scope.querySelectorAll('button')[early.click.index] : null;
      if (button) button.click();
    }
  }, 0);
}

async function start() {
  wireCrashButtons();
  dropOtherScreens();
  const tag = document.querySelector('script[data-bd-js]');
  if (!tag) {
    showCrash('the page is missing its start-up script tag');
    return;
  }
  // The pre-rendered screen paints from the HTML and CSS alone: the wasm
  // (most of the first load) starts once the browser reports that first
  // paint, not before it, so it never competes with it for a slow
  // connection (a hidden tab does not paint: it starts at once; 300 ms at
  // the latest in any case).
  await new Promise((resolve) => {
    if (document.visibilityState === 'hidden') return resolve();
    setTimeout(resolve, 300);
    try {
      if (performance.getEntriesByType('paint').length) return resolve();
      new PerformanceObserver((list, observer) => {
        observer.disconnect();
        resolve();
      }).observe({ type: 'paint', buffered: true });
    } catch (_) {
      requestAnimationFrame(() => requestAnimationFrame(resolve));
    }
  });
  const base = document.baseURI;
  const js = new URL(tag.getAttribute('data-bd-js'), base).href;
  const wasm = new URL(tag.getAttribute('data-bd-wasm'), base).href;
  try {
    const bindings = await import(js);
    await bindings.default({ module_or_path: wasm });
    replayEarly();
  } catch (err) {
    // A panic has already shown the screen with its own message.
    const crash = crashScreen();
    if (crash && crash.hidden) showCrash(err && err.message ? err.message : err);
    throw err;
  }
}

window.backupDoctorShowCrash = showCrash;
start();
