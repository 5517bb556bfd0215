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
  // languages, else English. Only English is pre-rendered: for another,
  // <html data-bd-lang-wait> keeps the screens unpainted until the app
  // renders them in that language (no English flash).
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
      early.click = { screen: start, index: Array.prototype.indexOf.call(pre.querySelectorAll('button'), button) };
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
