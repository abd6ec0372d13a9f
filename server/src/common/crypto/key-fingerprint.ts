import { createHmac } from 'node:crypto';

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
