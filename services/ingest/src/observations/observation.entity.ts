import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Every raw observation hashdesk accepted, as it arrived: append-only. The id is derived from
 * (kind, source, key, event time), so the same observation ingested twice is stored and published once.
 */
@Entity({ name: 'observation' })
export class ObservationEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  /** e.g. btc-price, network-snapshot */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'text' })
  key!: string;

  /** When the observed fact was true. */
  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime!: Date;

  /** When hashdesk learned it. */
  @Column({ name: 'learned_at', type: 'timestamptz' })
  learnedAt!: Date;

  @Column({ type: 'jsonb' })
  values!: Record<string, unknown>;
}
