import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The "email" channel: a subscription then carries the address to send to. */
export class EmailChannel1732400000430 implements MigrationInterface {
  name = 'EmailChannel1732400000430';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE subscription ADD COLUMN email text');
    await q.query('ALTER TABLE subscription DROP CONSTRAINT subscription_channel_check');
    await q.query(`ALTER TABLE subscription ADD CONSTRAINT subscription_channel_check CHECK (channel IN ('webhook', 'slack', 'kafka', 'sse', 'email'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM subscription WHERE channel = 'email'`);
    await q.query('ALTER TABLE subscription DROP CONSTRAINT subscription_channel_check');
    await q.query(`ALTER TABLE subscription ADD CONSTRAINT subscription_channel_check CHECK (channel IN ('webhook', 'slack', 'kafka', 'sse'))`);
    await q.query('ALTER TABLE subscription DROP COLUMN email');
  }
}
