/*
 * The service worker of the installable pages, the holder's app (`?app=mijn`) and the venue's counter
 * (`?app=scanner`): it keeps the page and its scripts, so either opens without a connection. Files come from the
 * network first and from the cache only when the network fails; calls to the API always go to the network.
 */
'use strict';

(function () {
  const COMMON = [
    '/assets/pages.css',
    '/assets/pages.js',
    '/assets/camera.js',
    '/assets/app-icon.svg',
    '/assets/vendor/jsQR.js',
    '/assets/words-nl.js',
    '/assets/words-en.js',
  ];
  /** @type {Readonly<Record<string, readonly string[]>>} */
  const PAGES = {
    mijn: ['/mijn/', '/mijn/manifest.webmanifest', '/assets/mijn.js', '/assets/vendor/qrcode.js'],
    scanner: ['/scanner', '/scanner.webmanifest', '/assets/scanner.js', '/assets/counter-offline.js'],
  };
  const app = new URL(location.href).searchParams.get('app') ?? '';
  const CACHE = `stadspas-${app}-1`;
  const SHELL = [...(PAGES[app] ?? []), ...COMMON];
  /**
   * The worker's own scope, typed by hand: the pages' scripts are checked against the DOM's types.
   * @type {{
   *   addEventListener(type: string, listener: (event: any) => void): void;
   *   skipWaiting(): Promise<void>;
   *   clients: { claim(): Promise<void> };
   * }}
   */
  const worker = /** @type {any} */ (self);

  worker.addEventListener('install', (event) => {
    event.waitUntil(
      caches
        .open(CACHE)
        .then((cache) => cache.addAll(SHELL))
        .then(() => worker.skipWaiting()),
    );
  });

  worker.addEventListener('activate', (event) => {
    event.waitUntil(
      caches
        .keys()
        .then((names) =>
          Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))),
        )
        .then(() => worker.clients.claim()),
    );
  });

  /**
   * A kept file, fresh from the network when it answers, else as kept.
   * @param {Request} request
   * @returns {Promise<Response>}
   */
  async function networkFirst(request) {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(request);
      if (response.ok) {
        await cache.put(request, response.clone());
      }
      return response;
    } catch (error) {
      const kept = await cache.match(request, { ignoreSearch: true });
      if (kept) {
        return kept;
      }
      throw error;
    }
  }

  worker.addEventListener('fetch', (event) => {
    const request = /** @type {Request} */ (event.request);
    const url = new URL(request.url);
    if (request.method === 'GET' && url.origin === location.origin && SHELL.includes(url.pathname)) {
      event.respondWith(networkFirst(request));
    }
  });
})();
