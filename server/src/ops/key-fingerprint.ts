import { createHmac } from 'node:crypto';
import { FieldCipher } from '../common/crypto/field-cipher';
import { ConfigError } from '../config/env';

/**
 * Names the field-encryption key without revealing it: an HMAC of a fixed label under the key.
 * A plain hash of the key would do too for a random key, but a MAC says so by construction, and
 * nothing that can be computed from the fingerprint helps to recover or test guesses of the key
 * faster than the identity hashes already in the database would.
 */
export function keyFingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('jinbuhuan/field-encryption-key-fingerprint/v1').digest('hex');
}

/** The first 16 hex digits: enough to tell keys apart in a message a person reads. */
export const shortFingerprint = (fingerprint: string): string => fingerprint.slice(0, 16);

export const WRONG_KEY_HINT = "Restore the key that was backed up with this database, see README 'Backups and restore'.";

type Query = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

/**
 * Checked at every boot (after migrations, under the boot lock). The first boot after the
 * `installation` table appears records the key — but only after proving, on an existing identity
 * number, that the key opens what is already there, so an upgrade with the wrong key is refused
 * rather than blessed.
 */
export async function verifyInstallationKey(query: Query, key: Buffer, log: (msg: string) => void): Promise<void> {
  const current = keyFingerprint(key);
  const [row] = await query<{ key_fingerprint: string }>('SELECT key_fingerprint FROM installation WHERE id = 1');
  if (row) {
    if (row.key_fingerprint !== current) {
      throw new ConfigError(
        `FIELD_ENCRYPTION_KEY does not match the one this database was made with (fingerprint ${shortFingerprint(row.key_fingerprint)}, ` +
          `the configured key's is ${shortFingerprint(current)}). ${WRONG_KEY_HINT}`,
      );
    }
    return;
  }
  const [sample] = await query<{ cipher: Buffer }>('SELECT identity_number_cipher AS cipher FROM trainee LIMIT 1');
  if (sample) {
    try {
      new FieldCipher(key).decrypt(sample.cipher);
    } catch {
      throw new ConfigError(
        `FIELD_ENCRYPTION_KEY cannot decrypt the identity numbers already in this database: it is not the key they were encrypted with. ${WRONG_KEY_HINT}`,
      );
    }
  }
  // ON CONFLICT: another process may have recorded it between our read and this write (it holds the same key or it would have failed).
  await query('INSERT INTO installation (id, key_fingerprint) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [current]);
  log(`recorded the field-encryption key fingerprint ${shortFingerprint(current)}`);
}
