import { InjectionToken } from '@angular/core';

/**
 * One user's waiting visits, sealed: AES-GCM ciphertext and its IV. Nothing here is readable without
 * the user's key; `owner` is the counsellor's account id (staff, not a trainee) and `savedAt` a time.
 */
export interface SealedBox {
  readonly owner: string;
  readonly iv: Uint8Array<ArrayBuffer>;
  readonly data: ArrayBuffer;
  readonly savedAt: number;
}

/** Where the outbox keeps its keys (non-extractable CryptoKeys, one per user) and sealed boxes (one per user). */
export interface OutboxVault {
  key(owner: string): Promise<CryptoKey | undefined>;
  putKey(owner: string, key: CryptoKey): Promise<void>;
  box(owner: string): Promise<SealedBox | undefined>;
  putBox(box: SealedBox): Promise<void>;
  /** Every user with a key or a box here, and when it was last written. */
  owners(): Promise<{ owner: string; savedAt: number }[]>;
  /** Deletes the user's box and key. */
  forget(owner: string): Promise<void>;
}

interface KeyRecord {
  readonly owner: string;
  readonly key: CryptoKey;
  readonly createdAt: number;
}

const DB_NAME = 'jbh-outbox';
const KEYS = 'keys';
const BOXES = 'boxes';

/**
 * IndexedDB: a CryptoKey is structured-cloneable, so the key is stored as the browser's own object —
 * made with `extractable: false`, its bytes can be used by this origin but never read out.
 */
export class IndexedDbVault implements OutboxVault {
  private db: Promise<IDBDatabase> | null = null;

  key(owner: string): Promise<CryptoKey | undefined> {
    return this.run('readonly', (keys) => {
      const r = keys.get(owner) as IDBRequest<KeyRecord | undefined>;
      return () => r.result?.key;
    });
  }

  putKey(owner: string, key: CryptoKey): Promise<void> {
    return this.run('readwrite', (keys) => {
      keys.put({ owner, key, createdAt: Date.now() } satisfies KeyRecord);
      return () => undefined;
    });
  }

  box(owner: string): Promise<SealedBox | undefined> {
    return this.run('readonly', (_, boxes) => {
      const r = boxes.get(owner) as IDBRequest<SealedBox | undefined>;
      return () => r.result;
    });
  }

  putBox(box: SealedBox): Promise<void> {
    return this.run('readwrite', (_, boxes) => {
      boxes.put(box);
      return () => undefined;
    });
  }

  owners(): Promise<{ owner: string; savedAt: number }[]> {
    return this.run('readonly', (keys, boxes) => {
      const k = keys.getAll() as IDBRequest<KeyRecord[]>;
      const b = boxes.getAll() as IDBRequest<SealedBox[]>;
      return () => mergeOwners(k.result, b.result);
    });
  }

  forget(owner: string): Promise<void> {
    return this.run('readwrite', (keys, boxes) => {
      boxes.delete(owner);
      keys.delete(owner);
      return () => undefined;
    });
  }

  /** One transaction over both stores; resolves with `result()` once it has committed. */
  private async run<T>(mode: IDBTransactionMode, work: (keys: IDBObjectStore, boxes: IDBObjectStore) => () => T): Promise<T> {
    const db = await this.open();
    return new Promise<T>((resolve, reject) => {
      const tx = db.transaction([KEYS, BOXES], mode);
      const result = work(tx.objectStore(KEYS), tx.objectStore(BOXES));
      tx.oncomplete = () => resolve(result());
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  }

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore(KEYS, { keyPath: 'owner' });
        req.result.createObjectStore(BOXES, { keyPath: 'owner' });
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab upgrading, or the site's data being cleared: let go, and open afresh next time.
        db.onversionchange = () => {
          db.close();
          this.db = null;
        };
        db.onclose = () => (this.db = null);
        resolve(db);
      };
      req.onerror = () => {
        this.db = null;
        reject(req.error ?? new Error('IndexedDB unavailable'));
      };
    });
    return this.db;
  }
}

/** Kept in memory only: the unit tests' vault, and the fallback where IndexedDB is missing (waiting visits then last until a reload). */
export class MemoryVault implements OutboxVault {
  /** Exposed so tests can inspect exactly what would be stored. */
  readonly keys = new Map<string, KeyRecord>();
  readonly boxes = new Map<string, SealedBox>();

  key(owner: string): Promise<CryptoKey | undefined> {
    return Promise.resolve(this.keys.get(owner)?.key);
  }

  putKey(owner: string, key: CryptoKey): Promise<void> {
    this.keys.set(owner, { owner, key, createdAt: Date.now() });
    return Promise.resolve();
  }

  box(owner: string): Promise<SealedBox | undefined> {
    return Promise.resolve(this.boxes.get(owner));
  }

  putBox(box: SealedBox): Promise<void> {
    this.boxes.set(box.owner, box);
    return Promise.resolve();
  }

  owners(): Promise<{ owner: string; savedAt: number }[]> {
    return Promise.resolve(mergeOwners([...this.keys.values()], [...this.boxes.values()]));
  }

  forget(owner: string): Promise<void> {
    this.keys.delete(owner);
    this.boxes.delete(owner);
    return Promise.resolve();
  }
}

function mergeOwners(keys: readonly KeyRecord[], boxes: readonly SealedBox[]): { owner: string; savedAt: number }[] {
  const at = new Map<string, number>();
  for (const k of keys) at.set(k.owner, k.createdAt);
  for (const b of boxes) at.set(b.owner, Math.max(at.get(b.owner) ?? 0, b.savedAt));
  return [...at].map(([owner, savedAt]) => ({ owner, savedAt }));
}

export const OUTBOX_VAULT = new InjectionToken<OutboxVault>('OUTBOX_VAULT', {
  providedIn: 'root',
  factory: () => (typeof indexedDB === 'undefined' ? new MemoryVault() : new IndexedDbVault()),
});
