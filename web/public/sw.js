// The app's service worker: the built files are cached on install (listed in precache.json), so the app opens with no
// connection; pages are served cache-first and refreshed in the background. The API is never cached here: the app
// keeps what it last saw, and what it must send, in IndexedDB itself (src/offline).
const CACHE = 'samples-app-v1';

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const list = await (await fetch('precache.json', { cache: 'no-store' })).json();
    const cache = await caches.open(CACHE);
    await cache.addAll(list);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || !url.pathname.startsWith('/app/')) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const key = url.pathname === '/app/' || url.pathname === '/app/index.html' ? './' : event.request;
    const cached = await cache.match(key);
    const fresh = fetch(event.request).then(async (response) => {
      if (response.ok) await cache.put(key, response.clone());
      return response;
    }).catch(() => undefined);
    return cached ?? (await fresh) ?? new Response('离线 Offline', { status: 503 });
  })());
});
