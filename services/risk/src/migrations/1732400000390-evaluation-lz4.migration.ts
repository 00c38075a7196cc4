import type { MigrationInterface, QueryRunner } from 'typeorm';
import { preferLz4Compression, restoreDefaultCompression } from '@hashdesk/persistence';

/** scenario_evaluation.evaluation (about 45 kB of JSON each, one per valuation) and outbox payloads compress with lz4. */
export class EvaluationLz41732400000390 implements MigrationInterface {
  name = 'EvaluationLz41732400000390';

  async up(q: QueryRunner): Promise<void> {
    await preferLz4Compression(q, 'scenario_evaluation', 'evaluation');
    await preferLz4Compression(q, 'outbox_event', 'payload');
  }

  async down(q: QueryRunner): Promise<void> {
    await restoreDefaultCompression(q, 'scenario_evaluation', 'evaluation');
    await restoreDefaultCompression(q, 'outbox_event', 'payload');
  }
}
