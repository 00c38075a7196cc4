import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every company profile version received from ingest (never updated). */
@Entity({ name: 'company_profile' })
export class CompanyProfileEntity {
  @PrimaryColumn({ type: 'text' })
  ticker!: string;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime!: Date;

  @Column({ name: 'learned_time', type: 'timestamptz' })
  learnedTime!: Date;

  @Column({ name: 'profile_json', type: 'text' })
  profileJson!: string;

  @Column({ name: 'share_price', type: 'jsonb', nullable: true })
  sharePrice!: { priceUsd: number; asOf: string; source: string } | null;
}
