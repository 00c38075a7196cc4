import type { MigrationInterface, QueryRunner } from 'typeorm';

/** stop_line.enabled: a line can be switched off (PATCH) without losing its hysteresis state. */
export class StopLineEnabled1732400000350 implements MigrationInterface {
  name = 'StopLineEnabled1732400000350';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE stop_line ADD COLUMN enabled boolean NOT NULL DEFAULT true');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE stop_line DROP COLUMN enabled');
  }
}
