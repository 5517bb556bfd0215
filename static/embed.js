/*! Backup Doctor embed helper. How to use it, and what it accepts: the README, "Embedding". */
/*
 * Backup Doctor embed helper, for support portals that show the
 * troubleshooter in an <iframe>. Plain JavaScript, no dependencies, no build
 * step: include it with a classic <script src=".../embed.js"></script>.
 *
 *   <iframe id="backup-doctor" title="Backup Doctor" width="100%"
 *           src="https://help.example.com/troubleshooter/?ns=portal&origins=https://portal.example.com"></iframe>
 *   <script src="https://help.example.com/troubleshooter/embed.js"></script>
 *   <script>
 *     var embed = BackupDoctorEmbed.attach(document.getElementById('backup-doctor'), {
 *       onEvent: function (event) { console.log(event.type, event); }
 *     });
 *     // later, if the frame is removed: embed.detach();
 *   </script>
 *
 * What it does:
 *   - sets the frame's height (iframe.style.height, which a strict
 *     Content-Security-Policy allows) from the app's `resize` messages, so
 *     the frame is always as tall as its content and never shows an inner
 *     scroll bar;
 *   - hands the other events (ready, step, resolved, escalated, outcome) to your
 *     `onEvent` function, as fresh objects holding only the documented
 *     fields (event schema version 1, see the README).
 *
 * What it accepts: a message only when ALL of these hold, else it is
 * ignored silently:
 *   - it comes from that frame's window (event.source === iframe.contentWindow);
 *   - its origin is exactly the origin of the frame's src
 *     (new URL(iframe.src, location.href).origin);
 *   - its data is an object with source "backup-doctor", version 1, a known
 *     type and well-typed fields.
 *
 * The app sends events only to the origins listed in its `origins` option,
 * so put your portal's origin there (e.g. origins=https://portal.example.com).
 *
 * A frame sandboxed WITHOUT allow-same-origin has an opaque origin ("null")
 * that no one can verify, so embed.js accepts nothing from it: give such a
 * frame a fixed height (it keeps its own scroll bar) and expect no events.
 */
(function () {
  'use strict';

  var SOURCE = 'backup-doctor';
  var HOST_SOURCE = 'backup-doctor-host';
  var VERSION = 1;
  var MAX_HEIGHT = 100000; // CSS px; anything taller is not a real page
  var MAX_ID = 200; // characters in a step or fix id
  var MAX_SUMMARY = 20000; // characters in an escalation summary

  function isString(value, max) {
    return typeof value === 'string' && value.length <= max;
  }

  // An id made by the app: letters, digits, '-', '_', ':' (no free text).
  function isId(value) {
    return isString(value, MAX_ID) && /^[A-Za-z0-9:_-]+$/.test(value);
  }

  function isCount(value) {
    return typeof value === 'number' && isFinite(value) && value >= 0 && value <= 100000 && Math.floor(value) === value;
  }

  var MAX_LIST = 200; // answers or fixes in one outcome record
  var ENDS = ['resolved', 'handed-over', 'unfinished'];
  var RESULTS = ['worked', 'failed', 'couldnt'];
  var HANDOVER = ['self-service', 'balanced', 'quick'];

  function isList(value) {
    return Array.isArray(value) && value.length <= MAX_LIST;
  }

  // The outcome record of a run (schema 1, README "Events"): ids, counts
  // and the day only. Copies the documented fields into `event`, or
  // returns null.
  function outcome(data, event) {
    if (data.schema !== 1 || !isCount(data.content_version) || !isCount(data.steps)) return null;
    if (ENDS.indexOf(data.end) < 0 || HANDOVER.indexOf(data.handover) < 0) return null;
    if (typeof data.day !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(data.day)) return null;
    if (!isList(data.answers) || !isList(data.fixes)) return null;
    event.schema = 1;
    event.content_version = data.content_version;
    if (data.language !== undefined) {
      if (typeof data.language !== 'string' || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/.test(data.language)) return null;
      event.language = data.language;
    }
    if (data.seed !== undefined) {
      var seed = data.seed;
      if (!seed || typeof seed !== 'object' || Array.isArray(seed)) return null;
      if (isId(seed.code) && seed.alert === undefined) event.seed = { code: seed.code };
      else if (isId(seed.alert) && seed.code === undefined) event.seed = { alert: seed.alert };
      else return null;
    }
    event.answers = [];
    for (var i = 0; i < data.answers.length; i++) {
      var a = data.answers[i];
      if (!a || !isId(a.question) || !isId(a.answer)) return null;
      event.answers.push({ question: a.question, answer: a.answer });
    }
    event.fixes = [];
    for (var j = 0; j < data.fixes.length; j++) {
      var f = data.fixes[j];
      if (!f || !isId(f.fix) || RESULTS.indexOf(f.result) < 0) return null;
      event.fixes.push({ fix: f.fix, result: f.result });
    }
    event.end = data.end;
    event.steps = data.steps;
    event.handover = data.handover;
    event.day = data.day;
    return event;
  }

  // Checks one message's data against the event schema (version 1).
  // Returns a fresh event object holding only the documented fields, or
  // null when the data is not a valid event.
  function validate(data) {
    if (!data || typeof data !== 'object' || Array.isArray(data)) return null;
    if (data.source !== SOURCE || data.version !== VERSION) return null;
    var event = { source: SOURCE, version: VERSION, type: data.type };
    switch (data.type) {
      case 'ready':
        return event;
      case 'step':
        // step: "question:<id>", "fix:<id>", "escalation" or "resolved";
        // count: how many steps the person has taken.
        if (!isId(data.step) || !isCount(data.count)) return null;
        event.step = data.step;
        event.count = data.count;
        return event;
      case 'resolved':
        // fix: the id of the fix that worked; cause: the most likely cause
        // given that it worked (absent from older builds).
        if (!isId(data.fix)) return null;
        if (data.cause !== undefined && !isId(data.cause)) return null;
        event.fix = data.fix;
        if (data.cause !== undefined) event.cause = data.cause;
        return event;
      case 'escalated':
        // summary: the plain-text summary the person agreed to send.
        if (!isString(data.summary, MAX_SUMMARY)) return null;
        event.summary = data.summary;
        return event;
      case 'outcome':
        return outcome(data, event);
      case 'resize':
        // height: the content's height in CSS px.
        if (typeof data.height !== 'number' || !isFinite(data.height)) return null;
        if (data.height < 0 || data.height > MAX_HEIGHT) return null;
        event.height = data.height;
        return event;
      default:
        return null;
    }
  }

  // The origin the frame's content must have: the origin of its src,
  // resolved against this page's address. null when there is no usable src.
  function frameOrigin(iframe) {
    var src = iframe.getAttribute('src');
    if (!src) return null;
    try {
      var origin = new URL(src, location.href).origin;
      return origin && origin !== 'null' ? origin : null;
    } catch (e) {
      return null;
    }
  }

  // True when the frame is sandboxed without allow-same-origin: its content
  // has an opaque origin, so messages to or from it cannot be verified.
  function isOpaque(iframe) {
    if (!iframe.hasAttribute('sandbox')) return false;
    var tokens = (iframe.getAttribute('sandbox') || '').toLowerCase().split(/\s+/);
    return tokens.indexOf('allow-same-origin') < 0;
  }

  // Extra height the frame's box needs on top of the content: its borders
  // and padding when the page uses `box-sizing: border-box` (common in
  // portal CSS resets), where style.height includes them.
  function boxExtra(iframe) {
    var style = getComputedStyle(iframe);
    if (style.boxSizing !== 'border-box') return 0;
    var sum = 0;
    ['borderTopWidth', 'borderBottomWidth', 'paddingTop', 'paddingBottom'].forEach(function (name) {
      sum += parseFloat(style[name]) || 0;
    });
    return sum;
  }

  function attach(iframe, options) {
    if (!iframe || !iframe.tagName || iframe.tagName.toLowerCase() !== 'iframe') {
      throw new TypeError('BackupDoctorEmbed.attach: the first argument must be an <iframe> element');
    }
    var onEvent = options && typeof options.onEvent === 'function' ? options.onEvent : null;
    var sized = false;
    var attached = true;

    function onMessage(message) {
      if (!attached) return;
      // 1. From this frame's window, not from another frame or window.
      if (!iframe.contentWindow || message.source !== iframe.contentWindow) return;
      // 2. From exactly the origin of the frame's src.
      var origin = frameOrigin(iframe);
      if (!origin || message.origin !== origin) return;
      // 3. A well-formed event of the version we know.
      var event = validate(message.data);
      if (!event) return;

      if (event.type === 'resize') {
        iframe.style.height = Math.ceil(event.height + boxExtra(iframe)) + 'px';
        if (!sized) {
          // The app now sizes the frame, so it needs no scroll bar of its
          // own. Done only once the app has spoken: a frame whose content
          // never reports its height keeps its scroll bar.
          sized = true;
          iframe.setAttribute('scrolling', 'no');
          iframe.style.overflow = 'hidden';
        }
        return;
      }
      if (onEvent) onEvent(event);
    }

    // Asks the app for a fresh `resize` event, with an explicit target
    // origin, so nothing is sent if the frame shows anything else.
    function requestResize() {
      if (!attached || isOpaque(iframe) || !iframe.contentWindow) return;
      var origin = frameOrigin(iframe);
      if (!origin) return;
      iframe.contentWindow.postMessage({ source: HOST_SOURCE, version: VERSION, type: 'request-resize' }, origin);
    }

    // True when the frame already shows a document from another origin
    // (which this page cannot read), or one from the src's origin. While
    // the frame still holds its first about:blank, posting would fail.
    function frameLoaded() {
      var doc;
      try {
        doc = iframe.contentDocument;
      } catch (e) {
        return true;
      }
      if (!doc) return !!iframe.contentWindow;
      try {
        return doc.URL !== 'about:blank' && new URL(doc.URL).origin === frameOrigin(iframe);
      } catch (e) {
        return false;
      }
    }

    window.addEventListener('message', onMessage);
    iframe.addEventListener('load', requestResize);
    if (frameLoaded()) requestResize();

    return {
      // Stops listening. The frame keeps its last height.
      detach: function () {
        attached = false;
        window.removeEventListener('message', onMessage);
        iframe.removeEventListener('load', requestResize);
      },
    };
  }

  window.BackupDoctorEmbed = { attach: attach, version: VERSION };
})();
