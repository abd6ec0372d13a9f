import type { EntityManager } from 'typeorm';

/**
 * Runs `work` with sealed records visible, inside the caller's transaction, and hides them again
 * afterwards. A sealed person's `trainee` row is hidden from the app's database role by a row-level
 * security policy (the RecordSealing migration); only the sealing job, an approved unsealing and the
 * outcome table's refresh (aggregate reports still count the person) look past it — each on purpose,
 * here. `set_config(…, true)` lasts until the transaction ends: `m` must be a transaction's manager.
 */
export async function withSealedRecords<T>(m: EntityManager, work: () => Promise<T>): Promise<T> {
  if (!m.queryRunner?.isTransactionActive) throw new Error('withSealedRecords needs a transaction');
  await m.query(`SELECT set_config('jbh.sealed_access', 'on', true)`);
  try {
    return await work();
  } finally {
    await m.query(`SELECT set_config('jbh.sealed_access', 'off', true)`);
  }
}
