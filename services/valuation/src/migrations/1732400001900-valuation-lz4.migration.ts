import type { MigrationInterface, QueryRunner } from 'typeorm';
import { preferLz4Compression, restoreDefaultCompression } from '@hashdesk/persistence';

/** company_valuation.valued (about 11 kB of JSON each, a company per market point) and outbox payloads compress with lz4. */
export class ValuationLz41732400001900 implements MigrationInterface {
  name = 'ValuationLz41732400001900';

  async up(q: QueryRunner): Promise<void> {
    await preferLz4Compression(q, 'company_valuation', 'valued');
    await preferLz4Compression(q, 'outbox_event', 'payload');
  }

  async down(q: QueryRunner): Promise<void> {
    await restoreDefaultCompression(q, 'company_valuation', 'valued');
    await restoreDefaultCompression(q, 'outbox_event', 'payload');
  }
}
