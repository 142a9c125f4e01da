// The workspace store: what the user asked borderlens to keep in this browser (IndexedDB), and
// "erase everything". Nothing here runs unless the user turned the workspace on, and nothing
// creates the database but `save` (which is only called while the workspace is on).
//
// Database `borderlens-workspace`, three object stores (out-of-line keys):
// - meta:    'enabled' → true, 'state' → the app's JSON (settings, language, files' mappings, demo)
// - files:   dataset id → {id, name, file} (File objects are stored as they are)
// - layouts: file-layout signature → the mapping JSON the user chose for that layout
//
// Every operation is queued behind the previous one, so writes land in the order they were made
// and an erase is never overtaken by a save that started before it.

const DB = 'borderlens-workspace';
const STORES = ['meta', 'files', 'layouts'];
// The service worker's caches of the app's own files: kept, so the app still works offline.
const APP_CACHE_PREFIX = 'borderlens-app-';

let queue = Promise.resolve();
let connection = null; // a Promise<IDBDatabase> while open

function enqueue(work) {
  const run = queue.then(work);
  queue = run.catch(() => {});
  return run;
}

function request(r) {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function finished(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
  });
}

async function exists() {
  if (typeof indexedDB.databases !== 'function') return null; // unknown: open() finds out
  return (await indexedDB.databases()).some((d) => d.name === DB);
}

// Opens the database; with `create` false, resolves to null instead of creating it.
async function open(create) {
  if (connection) return connection;
  if (!create && (await exists()) === false) return null;
  const opened = new Promise((resolve, reject) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = (event) => {
      if (event.oldVersion === 0 && !create) {
        r.transaction.abort(); // a new, empty database: undo it
        return;
      }
      for (const name of STORES) if (!r.result.objectStoreNames.contains(name)) r.result.createObjectStore(name);
    };
    r.onsuccess = () => {
      const db = r.result;
      // Another tab (or an erase) deletes the database: let it.
      db.onversionchange = () => { db.close(); connection = null; };
      resolve(db);
    };
    r.onerror = (event) => {
      event.preventDefault();
      if (create) reject(r.error);
      else resolve(null);
    };
  });
  const db = await opened;
  if (db) connection = opened;
  return db;
}

async function close() {
  const c = connection;
  connection = null;
  if (c) (await c.catch(() => null))?.close();
}

/** The kept workspace, or null when the workspace is off: {state: string, files: [{id, name, file}]}. */
export function load() {
  return enqueue(async () => {
    const db = await open(false);
    if (!db) return null;
    const tx = db.transaction(['meta', 'files'], 'readonly');
    const meta = tx.objectStore('meta');
    const [enabled, state, files] = await Promise.all([
      request(meta.get('enabled')),
      request(meta.get('state')),
      request(tx.objectStore('files').getAll()),
    ]);
    if (enabled !== true || typeof state !== 'string') return null;
    return { state, files };
  });
}

/** Keeps the app's state and exactly these files ([{id, name, file}]); files kept before stay as they are. */
export function save(state, files) {
  return enqueue(async () => {
    const db = await open(true);
    const tx = db.transaction(['meta', 'files'], 'readwrite');
    const done = finished(tx);
    const meta = tx.objectStore('meta');
    meta.put(true, 'enabled');
    meta.put(state, 'state');
    const store = tx.objectStore('files');
    const kept = new Set(await request(store.getAllKeys()));
    const wanted = new Set(files.map((f) => f.id));
    for (const id of kept) if (!wanted.has(id)) store.delete(id);
    for (const f of files) if (!kept.has(f.id)) store.put({ id: f.id, name: f.name, file: f.file }, f.id);
    await done;
  });
}

/** The mapping JSON remembered for a file layout, or null. */
export function getLayout(key) {
  return enqueue(async () => {
    const db = await open(false);
    if (!db) return null;
    return (await request(db.transaction('layouts', 'readonly').objectStore('layouts').get(key))) ?? null;
  });
}

/** Remembers the mapping JSON for a file layout (the workspace must be on). */
export function putLayout(key, mapping) {
  return enqueue(async () => {
    const db = await open(true);
    const tx = db.transaction('layouts', 'readwrite');
    tx.objectStore('layouts').put(mapping, key);
    await finished(tx);
  });
}

async function deleteDatabase() {
  await close();
  await new Promise((resolve, reject) => {
    const r = indexedDB.deleteDatabase(DB);
    r.onsuccess = () => resolve();
    r.onerror = () => reject(r.error);
    // Another tab keeps it open: the deletion completes once that tab lets go.
    r.onblocked = () => resolve();
  });
}

/** Turns the workspace off: deletes everything kept. */
export function forget() {
  return enqueue(deleteDatabase);
}

/** Erases every piece of user data and settings this origin keeps in the browser, but not the
 * app's own cached files (`borderlens-app-*` caches) nor the service worker. */
export function eraseAll() {
  return enqueue(async () => {
    await deleteDatabase();
    if (typeof indexedDB.databases === 'function') {
      for (const d of await indexedDB.databases()) {
        if (d.name) await new Promise((resolve) => {
          const r = indexedDB.deleteDatabase(d.name);
          r.onsuccess = r.onerror = r.onblocked = () => resolve();
        });
      }
    }
    try { localStorage.clear(); } catch { /* storage disabled */ }
    try { sessionStorage.clear(); } catch { /* storage disabled */ }
    if (typeof caches !== 'undefined') {
      for (const name of await caches.keys()) {
        if (!name.startsWith(APP_CACHE_PREFIX)) await caches.delete(name);
      }
    }
  });
}
