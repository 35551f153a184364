/* The caretaker's service worker: the application shell from the cache, the sector's pages
 * from the network when there is one and from the cache when there is none. Personal data
 * (pages, the sector's JSON) lives in the "agir-sector" cache, which signing out deletes. */
const VERSION = "{{ version }}";
const SHELL = `agir-shell-${VERSION}`;
const SECTOR = "agir-sector";
const SHELL_FILES = {{ shell|safe }};
const STATIC = {{ static|safe }};
const SCOPE = new URL(self.registration.scope).pathname;
const NEW_REQUEST = `${SCOPE}nouvelle/`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("agir-shell-") && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith(STATIC)) event.respondWith(fromCacheFirst(request));
  else if (url.pathname.startsWith(SCOPE) && !url.pathname.endsWith(".pdf")) event.respondWith(fromNetworkFirst(request, url));
});

async function fromCacheFirst(request) {
  const kept = await caches.match(request, { ignoreSearch: true, ignoreVary: true });
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) (await caches.open(SHELL)).put(request, response.clone());
  return response;
}

async function fromNetworkFirst(request, url) {
  const cache = await caches.open(SECTOR);
  try {
    const response = await fetch(request);
    const type = response.headers.get("Content-Type") || "";
    if (response.ok && !response.redirected && /text\/html|application\/json/.test(type)) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (offline) {
    let kept = await cache.match(request, { ignoreVary: true });
    // The new-request steps are drawn by the page from the kept data: any kept step will do.
    if (!kept && url.pathname === NEW_REQUEST) kept = await cache.match(NEW_REQUEST, { ignoreSearch: true, ignoreVary: true });
    if (!kept && request.mode === "navigate") kept = await cache.match(SCOPE, { ignoreVary: true });
    return kept || Response.error();
  }
}
