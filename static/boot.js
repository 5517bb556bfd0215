// Runs before the first paint (a small classic script in <head>; the
// Content-Security-Policy forbids inline scripts). index.html holds two
// pre-rendered screens (examples/prerender.rs): the home screen and the
// first question of a fresh check. This picks which one paints, before the
// wasm has loaded, and keeps what a person does before the app takes over:
//
// - <html data-bd-start="home|check|shell">: the home screen; the first
//   question for a fresh `#/check`; or only the page's frame (header and
//   footer, the page itself blank) for any other address, any option in the
//   query, or a check with saved progress, which the app shows once it runs.
// - <html data-bd-saved>: progress is saved, so home's Start button is not
//   painted (the app shows "Continue" in its place).
// - <html data-bd-lang-wait>: the person's language is not English; the
//   screens are not painted until the same screens in that language have
//   been fetched and put in place (or the app has rendered them).
// - A click on a pre-rendered button is remembered and a form is not
//   submitted; the loader (loader.js) replays the click once the app has
//   rendered the same screen. Links work as links (the app reads the
//   address when it starts).
(function () {
  var root = document.documentElement;
  var saved = false;
  try {
    saved = window.localStorage.getItem('backup-doctor:session') !== null;
  } catch (_) {
    // Storage refused: nothing saved can be shown.
  }
  var hash = location.hash;
  var start = 'shell';
  if (!location.search) {
    if (hash === '' || hash === '#' || hash === '#/') start = 'home';
    else if (!saved && /^#\/check(\/0)?$/.test(hash)) start = 'check';
  }
  root.setAttribute('data-bd-start', start);
  if (saved) root.setAttribute('data-bd-saved', '');

  // The language, chosen as the app chooses it (src/ui/language.rs): the
  // person's remembered choice, the page's `lang` option, the browser's
  // languages, else English. index.html holds the English screens: for
  // another language, <html data-bd-lang-wait> keeps them unpainted until
  // that language's screens replace them (no English flash).
  var lang = 'en';
  try {
    var meta = document.querySelector('meta[name="backup-doctor-langs"]');
    var offered = meta ? (meta.getAttribute('content') || '').split(' ') : ['en'];
    var match = function (wanted) {
      if (!wanted) return null;
      var w = String(wanted).toLowerCase();
      var i;
      for (i = 0; i < offered.length; i++) if (offered[i].toLowerCase() === w) return offered[i];
      var primary = w.split(/[-_]/)[0];
      for (i = 0; i < offered.length; i++) if (offered[i].toLowerCase().split('-')[0] === primary) return offered[i];
      return null;
    };
    var params = new URLSearchParams(location.search);
    var ns = params.get('ns');
    var remembered = null;
    try {
      remembered = window.localStorage.getItem(ns ? 'backup-doctor:' + ns + ':lang' : 'backup-doctor:lang');
    } catch (_) {
      // Storage refused: nothing was remembered.
    }
    var wanted = [remembered, params.get('lang')].concat(navigator.languages || [navigator.language]);
    for (var k = 0; k < wanted.length; k++) {
      var found = match(wanted[k]);
      if (found) {
        lang = found;
        break;
      }
    }
  } catch (_) {
    lang = 'en';
  }
  if (lang !== 'en') {
    root.setAttribute('lang', lang);
    root.setAttribute('data-bd-lang-wait', '');
    paintIn(lang);
  }

  // The screens pre-rendered in that language (`lang/<code>-<hash>.html`,
  // named by a <meta>, with the page's title in that language): fetched
  // now and put in place of the English ones,
  // so that they paint long before the wasm and the language's pack have
  // arrived. If they cannot be fetched, the screens stay unpainted until
  // the app renders them; once the app has rendered, nothing is put in.
  function paintIn(code) {
    var file = null;
    var meta = document.querySelector('meta[name="backup-doctor-screens"]');
    var entries = meta ? (meta.getAttribute('content') || '').split(' ') : [];
    for (var i = 0; i < entries.length; i++) {
      var eq = entries[i].indexOf('=');
      if (eq > 0 && entries[i].slice(0, eq) === code) file = entries[i].slice(eq + 1);
    }
    if (!file || !window.fetch || !window.Promise) return;
    var html = fetch(file).then(function (response) {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.text();
    });
    var parsed = new Promise(function (resolve) {
      if (document.readyState !== 'loading') resolve();
      else document.addEventListener('DOMContentLoaded', resolve);
    });
    Promise.all([html, parsed])
      .then(function (done) {
        var app = document.getElementById('app');
        var old = app ? app.querySelectorAll('.bd-pre') : [];
        if (!old.length) return;
        var template = document.createElement('template');
        template.innerHTML = done[0];
        // Only this language's screens, every one of them: a host that
        // answers a missing file with another page (its index.html, a
        // "not found" page) changes nothing.
        var swaps = [];
        for (var j = 0; j < old.length; j++) {
          var fresh = template.content.querySelector('.bd-pre[data-bd-pre="' + old[j].getAttribute('data-bd-pre') + '"]');
          var body = fresh && fresh.querySelector('.bd-lang');
          if (!body || body.getAttribute('lang') !== code) return;
          swaps.push([old[j], fresh]);
        }
        var title = template.content.querySelector('title');
        if (title) document.title = title.textContent;
        for (var k = 0; k < swaps.length; k++) swaps[k][0].replaceWith(swaps[k][1]);
        root.removeAttribute('data-bd-lang-wait');
      })
      .catch(function () {
        // Offline and not kept, or a broken file: the app paints instead.
      });
  }

  var early = { click: null, inputs: {} };
  window.backupDoctorEarly = early;
  function screen(target) {
    var pre = target && target.closest ? target.closest('.bd-pre') : null;
    return pre && pre.getAttribute('data-bd-pre') === start ? pre : null;
  }
  document.addEventListener(
    'click',
    function (e) {
      var pre = screen(e.target);
      var button = pre && e.target.closest('button');
      if (!button) return;
      e.preventDefault();
      // Counted within the page's <main> when it is there: the app may
      // show notices, with buttons of their own, above it.
      var main = button.closest('main');
      var scope = main || pre;
      early.click = { screen: start, inMain: !!main, index: Array.prototype.indexOf.call(scope.querySelectorAll('button'), button) };
      button.setAttribute('aria-busy', 'true');
    },
    true
  );
  document.addEventListener(
    'submit',
    function (e) {
      if (screen(e.target)) e.preventDefault();
    },
    true
  );
  document.addEventListener(
    'input',
    function (e) {
      if (screen(e.target) && e.target.id) early.inputs[e.target.id] = e.target.value;
    },
    true
  );
})();
