import type { MigrationInterface, QueryRunner } from 'typeorm';

/** company_profile_version.learned_time: when ingest learned each version (its known-at time); rows kept before it take their event time. */
export class ProfileVersionLearnedTime1732400000360 implements MigrationInterface {
  name = 'ProfileVersionLearnedTime1732400000360';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE company_profile_version ADD COLUMN learned_time timestamptz');
    await q.query('UPDATE company_profile_version SET learned_time = event_time');
    await q.query('ALTER TABLE company_profile_version ALTER COLUMN learned_time SET NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE company_profile_version DROP COLUMN learned_time');
  }
}
