import type { TestApp } from '../utils/test-app';

/** What a factory needs: a spec's `TestApp` (its `sql`, as the schema owner). */
export type Db = Pick<TestApp, 'sql'>;

let counter = 0;
/** 1, 2, 3… for this spec file (each spec file has its own database). */
export const nextSeq = (): number => ++counter;
/** A code unique in this spec file: the prefix and the counter, zero-padded to `length` characters. */
export const uniqueCode = (prefix: string, length = 8): string => prefix + String(nextSeq()).padStart(length - prefix.length, '0');

const column = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Inserts one row: the keys are the columns in camelCase; undefined values are left to the column's
 * default. Returns the `returning` columns of the new row (its id unless told).
 */
export async function insertRow<T = { id: string }>(db: Db, table: string, row: Record<string, unknown>, returning = 'id'): Promise<T> {
  const entries = Object.entries(row).filter(([, v]) => v !== undefined);
  const columns = entries.map(([k]) => column(k)).join(', ');
  const values = entries.map((_, i) => `$${i + 1}`).join(', ');
  const [created] = await db.sql<T>(
    `INSERT INTO ${table} (${columns}) VALUES (${values}) RETURNING ${returning}`,
    entries.map(([, v]) => v),
  );
  return created!;
}

/** The id of a demo account. */
export async function userIdOf(db: Db, username: string): Promise<string> {
  const [row] = await db.sql<{ id: string }>(`SELECT id FROM app_user WHERE username = $1`, [username]);
  if (!row) throw new Error(`no account ${username}`);
  return row.id;
}

/** The organisation of a demo account. */
export async function organisationOf(db: Db, username: string): Promise<string> {
  const [row] = await db.sql<{ organisation_id: string }>(`SELECT organisation_id FROM app_user WHERE username = $1`, [username]);
  if (!row) throw new Error(`no account ${username}`);
  return row.organisation_id;
}

/**
 * An ISO date `n` days after `iso` (today when omitted). Today in UTC: from 16:00 UTC the server's
 * today (China's) is one day later, so a test that needs "not in the past" there uses n ≥ 1.
 */
export const daysFrom = (n: number, iso?: string): string =>
  new Date((iso ? Date.parse(`${iso}T00:00:00Z`) : Date.now()) + n * 86_400_000).toISOString().slice(0, 10);
