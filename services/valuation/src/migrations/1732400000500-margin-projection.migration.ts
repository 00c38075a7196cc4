import type { MigrationInterface, QueryRunner } from 'typeorm';

/** margin_projection: one projected and one confirmed margin change per company and difficulty period. */
export class MarginProjection1732400000500 implements MigrationInterface {
  name = 'MarginProjection1732400000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE margin_projection (
      ticker text NOT NULL,
      retarget_height integer NOT NULL,
      status text NOT NULL,
      projection_id text NOT NULL UNIQUE,
      as_of timestamptz NOT NULL,
      current_difficulty double precision NOT NULL,
      next_difficulty double precision NOT NULL,
      message jsonb NOT NULL,
      PRIMARY KEY (ticker, retarget_height, status))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE margin_projection');
  }
}
