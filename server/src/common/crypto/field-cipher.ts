import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts sensitive fields at rest (AES-256-GCM, random 96-bit IV, 128-bit tag) and gives each a
 * keyed hash (HMAC-SHA256) for duplicate detection and exact look-up without decrypting.
 * The two keys are derived from one configured master key, so one secret is enough to deploy.
 */
export class FieldCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('field encryption key must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jinbuhuan/field-encryption/v1', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'jinbuhuan/lookup-hash/v1', 32));
  }

  /** `iv (12) ‖ tag (16) ‖ ciphertext`. */
  encrypt(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decrypt(blob: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, blob.subarray(0, 12));
    decipher.setAuthTag(blob.subarray(12, 28));
    return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash of a normalised value (hex). */
  lookupHash(plain: string): string {
    return createHmac('sha256', this.macKey).update(plain.trim().toUpperCase()).digest('hex');
  }
}
