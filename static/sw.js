// Backup Doctor's service worker: makes the app work offline after the
// first visit. `cargo xtask precache` writes this build's id and file list
// into dist/sw.js after every build (file names are hashed, so the list
// cannot be written by hand). Each build has its own cache, so the JS and
// wasm of one build are never served with the index.html of another.

const BUILD = '__BD_BUILD_ID__';
const PRECACHE = ['__BD_PRECACHE__'];
const PREFIX = 'backup-doctor-';
const CACHE = PREFIX + BUILD;
// Each language's pack and pre-rendered screens (code -> file); only
// English is in the precache.
const LANGS = '__BD_LANGS__';
const SCREENS = '__BD_SCREENS__';
// A language's file: `lang/<code>-<16 hex digits>.<json|html>`, the code
// of any number of parts (`de`, `pt-BR`, `es-419`, `zh-Hant-TW`).
const PACK = /\/lang\/([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)-[0-9a-f]{16}\.(?:json|html)$/;

// The code of LANGS that a language tag asks for (as src/ui/language.rs
// and boot.js choose): the same tag, else the same primary language.
function pick(tag) {
  if (!tag) return null;
  const codes = Object.keys(LANGS);
  const t = String(tag).toLowerCase();
  return codes.find((c) => c.toLowerCase() === t) || codes.find((c) => c.toLowerCase().split('-')[0] === t.split('-')[0]) || null;
}

// The languages to keep offline, each its pack and its screens: the
// browser's first language the app offers, and every language an earlier
// build's cache held (the person chose it).
async function wantedPacks() {
  const want = new Set();
  const add = (code) => {
    if (LANGS[code]) want.add(LANGS[code]);
    if (SCREENS[code]) want.add(SCREENS[code]);
  };
  const detected = (self.navigator.languages || [self.navigator.language]).map(pick).find(Boolean);
  if (detected) add(detected);
  for (const key of await caches.keys()) {
    if (!key.startsWith(PREFIX) || key === CACHE) continue;
    const old = await caches.open(key);
    for (const request of await old.keys()) {
      const m = new URL(request.url).pathname.match(PACK);
      if (m) add(m[1]);
    }
  }
  return [...want];
}

// Installs only a whole, matching build: if the server already (or still)
// has another build's index.html (a deploy in progress), the install fails
// and is retried on a later visit, rather than caching a mixed build.
self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
      const index = await cache.match('index.html');
      const html = index ? await index.text() : '';
      if (!html.includes('content="' + BUILD + '"')) {
        await caches.delete(CACHE);
        throw new Error('index.html is not from build ' + BUILD);
      }
      // A language's file that cannot be fetched now is fetched when the
      // language is used; each is kept on its own (offline support for
      // English does not depend on them).
      const wanted = await wantedPacks().catch(() => []);
      await Promise.all(wanted.map((url) => cache.add(new Request(url, { cache: 'reload' })).catch(() => {})));
    })
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)))
      )
      .then(() => self.clients.claim())
  );
});

// The page asks a waiting worker to take over when the person accepts the
// "new version" offer; otherwise it takes over once every tab is closed.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (data && data.type === 'backup-doctor:skip-waiting') self.skipWaiting();
  if (data && data.type === 'backup-doctor:build' && event.source) {
    event.source.postMessage({ type: 'backup-doctor:build', build: BUILD });
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Every page of the app is index.html (routing is in the hash); query
    // strings carry embedding options, so they are ignored here.
    event.respondWith(
      caches
        .open(CACHE)
        .then((cache) => cache.match('index.html'))
        .then((hit) => hit || fetch(request))
    );
    return;
  }
  // A language's pack and screens are kept once fetched: a language
  // chosen once works offline from then on.
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      const hit = await cache.match(request, { ignoreSearch: true });
      if (hit) return hit;
      const response = await fetch(request);
      if (response.ok && PACK.test(url.pathname)) await cache.put(request, response.clone());
      return response;
    })
  );
});
