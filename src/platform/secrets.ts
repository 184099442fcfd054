/**
 * The Okteto token, kept in the extension origin's IndexedDB: content scripts run with the page's
 * origin and cannot open it, in both browsers (Firefox cannot close storage.local to them).
 * Stored with the instance origin it was issued for; every use re-checks that origin.
 */
export interface Secret {
  token: string;
  /** The Okteto instance origin the token belongs to. */
  origin: string;
}

const DB = 'divert-switch-secrets';
const STORE = 'secrets';
const KEY = 'okteto';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(mode: IDBTransactionMode, op: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = op(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result as T);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

const isSecret = (x: unknown): x is Secret =>
  !!x && typeof (x as Secret).token === 'string' && typeof (x as Secret).origin === 'string';

/** Each instance's token under its own key; versions before 0.3 kept the one token under `okteto`. */
const keyOf = (origin: string) => `${KEY}:${origin}`;

/** The token stored for `origin`, only when it was issued for that origin. */
export async function readSecret(origin: string): Promise<Secret | undefined> {
  const got = await run<unknown>('readonly', (s) => s.get(keyOf(origin)));
  if (isSecret(got)) return got.origin === origin ? got : undefined;
  const legacy = await run<unknown>('readonly', (s) => s.get(KEY));
  return isSecret(legacy) && legacy.origin === origin ? legacy : undefined;
}

/** The one token versions before 0.3 kept, whatever its origin (moved at the next wake: legacy.ts). */
async function readLegacySecret(): Promise<Secret | undefined> {
  const got = await run<unknown>('readonly', (s) => s.get(KEY));
  return isSecret(got) ? got : undefined;
}

export async function writeSecret(secret: Secret): Promise<void> {
  await run('readwrite', (s) => s.put({ token: secret.token, origin: secret.origin }, keyOf(secret.origin)));
}

/** Forgets the token of `origin` (and the legacy one, when it was that origin's). */
export async function removeSecret(origin: string): Promise<void> {
  await run('readwrite', (s) => s.delete(keyOf(origin)));
  if ((await readLegacySecret())?.origin === origin) await run('readwrite', (s) => s.delete(KEY));
}

/** Moves the legacy token to its origin's own key (same token, same origin). */
export async function moveLegacySecret(): Promise<void> {
  const legacy = await readLegacySecret();
  if (!legacy) return;
  if (!(await run<unknown>('readonly', (s) => s.get(keyOf(legacy.origin))))) await writeSecret(legacy);
  await run('readwrite', (s) => s.delete(KEY));
}
