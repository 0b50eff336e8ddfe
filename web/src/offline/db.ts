// The browser's own store (IndexedDB): what the inspector last saw, and what is waiting to be sent. Survives closing
// the app and the phone; nothing here is lost when the connection is.
const NAME = 'samples';
const VERSION = 1;

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(NAME, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('kv')) db.createObjectStore('kv');
      if (!db.objectStoreNames.contains('queue')) db.createObjectStore('queue', { keyPath: 'id' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

let db: Promise<IDBDatabase> | null = null;

async function store(name: 'kv' | 'queue', mode: IDBTransactionMode): Promise<IDBObjectStore> {
  db ??= open();
  return (await db).transaction(name, mode).objectStore(name);
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export async function remember(key: string, value: unknown): Promise<void> {
  await done((await store('kv', 'readwrite')).put(value, key));
}

export async function recall<T>(key: string): Promise<T | undefined> {
  return (await done((await store('kv', 'readonly')).get(key))) as T | undefined;
}

export async function putQueued<T extends { id: string }>(item: T): Promise<void> {
  await done((await store('queue', 'readwrite')).put(item));
}

export async function deleteQueued(id: string): Promise<void> {
  await done((await store('queue', 'readwrite')).delete(id));
}

export async function allQueued<T>(): Promise<T[]> {
  return (await done((await store('queue', 'readonly')).getAll())) as T[];
}
