import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SecretCipherError, type SecretCipher } from './secret-cipher';
import { parseSecretKeys, SECRET_KEYS_VARIABLE, type SecretKey } from './secret-keys';

const VERSION = 'v1';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM with keys from the environment. Sealed form: v1:<key id>:<nonce b64>:<ciphertext+tag b64>.
 * The version and key id are authenticated too (additional data), so neither can be swapped.
 */
export class LocalAesGcmCipher implements SecretCipher {
  private readonly active: SecretKey;
  private readonly byId: Map<string, Buffer>;

  constructor(keys: SecretKey[]) {
    if (keys.length === 0) throw new Error(`${SECRET_KEYS_VARIABLE} holds no key`);
    this.active = keys[0];
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  static fromEnv(value: string | undefined): LocalAesGcmCipher {
    return new LocalAesGcmCipher(parseSecretKeys(value));
  }

  async encrypt(plain: string): Promise<string> {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.active.key, nonce);
    cipher.setAAD(Buffer.from(`${VERSION}:${this.active.id}`));
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${VERSION}:${this.active.id}:${nonce.toString('base64')}:${sealed.toString('base64')}`;
  }

  async decrypt(sealed: string): Promise<string> {
    const { keyId, nonce, body } = parse(sealed);
    const key = this.byId.get(keyId);
    if (!key) throw new SecretCipherError(`sealed with key ${keyId}, which ${SECRET_KEYS_VARIABLE} does not hold`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, nonce);
      decipher.setAAD(Buffer.from(`${VERSION}:${keyId}`));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretCipherError(`sealed with key ${keyId} but does not authenticate: the key differs or the value was altered`);
    }
  }

  isStale(sealed: string): boolean {
    return parse(sealed).keyId !== this.active.id;
  }
}

function parse(sealed: string): { keyId: string; nonce: Buffer; body: Buffer } {
  const parts = sealed.split(':');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretCipherError(`not a ${VERSION} sealed secret`);
  const nonce = Buffer.from(parts[2], 'base64');
  const body = Buffer.from(parts[3], 'base64');
  if (nonce.length !== NONCE_BYTES || body.length <= TAG_BYTES) throw new SecretCipherError(`a malformed ${VERSION} sealed secret (key ${parts[1]})`);
  return { keyId: parts[1], nonce, body };
}
