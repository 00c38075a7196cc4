/** The DI token of the SecretCipher the service uses. */
export const SECRET_CIPHER = Symbol('SECRET_CIPHER');

/**
 * Encrypts webhook signing secrets at rest. Small on purpose so a KMS (envelope encryption with a
 * key held elsewhere) can replace the local AES-GCM implementation without touching its callers.
 */
export interface SecretCipher {
  /** The sealed form to store: it names the key that sealed it, so older keys still open it. */
  encrypt(plain: string): Promise<string>;
  /** The plaintext, or a SecretCipherError when the key is unknown or the value was altered. */
  decrypt(sealed: string): Promise<string>;
  /** True when `sealed` was made with a key other than the one encrypt uses now: rotation re-encrypts it. */
  isStale(sealed: string): boolean;
}

/** A sealed value that cannot be opened. Its message names the key id, never the secret. */
export class SecretCipherError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretCipherError';
  }
}
