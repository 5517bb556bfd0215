// Backup Doctor's service worker: makes the app work offline after the
// first visit. `cargo xtask precache` writes this build's id and file list
// into dist/sw.js after every build (file names are hashed, so the list
// cannot be written by hand). Each build has its own cache, so the JS and
// wasm of one build are never served with the index.html of another.

const BUILD = '__BD_BUILD_ID__';
const PRECACHE = ['__BD_PRECACHE__'];
const PREFIX = 'backup-doctor-';
const CACHE = PREFIX + BUILD;

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
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(request, { ignoreSearch: true }))
      .then((hit) => hit || fetch(request))
  );
});
