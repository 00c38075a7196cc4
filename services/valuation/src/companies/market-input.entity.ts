import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every BTC price and network snapshot valuation received, by event time: late inputs are placed by it. */
@Entity({ name: 'market_input' })
export class MarketInputEntity {
  @PrimaryColumn({ type: 'text' })
  kind!: 'btc-price' | 'network-snapshot';

  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime!: Date;

  @Column({ name: 'learned_time', type: 'timestamptz' })
  learnedTime!: Date;

  @Column({ type: 'jsonb' })
  values!: Record<string, number>;
}
