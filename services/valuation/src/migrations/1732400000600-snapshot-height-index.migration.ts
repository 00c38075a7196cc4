import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Retarget projections look up a period's earliest snapshot by height on every hashprice figure. */
export class SnapshotHeightIndex1732400000600 implements MigrationInterface {
  name = 'SnapshotHeightIndex1732400000600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX market_input_snapshot_height ON market_input ((("values"->>'height')::bigint), event_time) WHERE kind = 'network-snapshot'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX market_input_snapshot_height');
  }
}
