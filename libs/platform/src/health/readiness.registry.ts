import { Injectable } from '@nestjs/common';

export type ReadinessCheck = () => Promise<Record<string, unknown>>;

/** Features add their own readiness checks (e.g. ingest's adapters); a check throws when not ready. */
@Injectable()
export class ReadinessRegistry {
  readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }
}
