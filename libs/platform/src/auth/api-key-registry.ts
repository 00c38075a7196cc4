import type { ApiKeyChanged } from '@hashdesk/contracts';
import { hashApiKey, isApiScope, type ApiPrincipal } from './api-key';

/** The id the operator's bootstrap key (HASHDESK_ADMIN_API_KEY) goes by. */
export const BOOTSTRAP_KEY_ID = 'bootstrap-admin';

/**
 * Every key this service accepts, by the hash of the key: the operator's bootstrap key from the
 * environment plus the newest state of each key published on identity.api-key.changed.v1.
 */
export class ApiKeyRegistry {
  private readonly byHash = new Map<string, ApiPrincipal>();
  private readonly hashById = new Map<string, string>();

  constructor(bootstrapAdminKey?: string) {
    if (bootstrapAdminKey) this.byHash.set(hashApiKey(bootstrapAdminKey), { keyId: BOOTSTRAP_KEY_ID, owner: 'operator', scopes: ['admin'] });
  }

  /** Folds one key's newest state: issued (or re-scoped) replaces, revoked removes. */
  apply(change: ApiKeyChanged): void {
    const previous = this.hashById.get(change.keyId);
    if (previous) this.byHash.delete(previous);
    this.hashById.delete(change.keyId);
    if (change.revokedAt || !/^[0-9a-f]{64}$/.test(change.secretSha256)) return;
    const scopes = change.scopes.filter(isApiScope);
    this.byHash.set(change.secretSha256, { keyId: change.keyId, owner: change.owner, scopes });
    this.hashById.set(change.keyId, change.secretSha256);
  }

  authenticate(key: string): ApiPrincipal | undefined {
    return this.byHash.get(hashApiKey(key));
  }

  get size(): number {
    return this.byHash.size;
  }
}
