import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every share quote received, by event time: a valuation uses the newest one dated at or before its market point. */
@Entity({ name: 'equity_quote' })
export class EquityQuoteEntity {
  @PrimaryColumn({ type: 'text' })
  ticker!: string;

  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime!: Date;

  @Column({ name: 'learned_time', type: 'timestamptz' })
  learnedTime!: Date;

  @Column({ name: 'price_usd', type: 'double precision' })
  priceUsd!: number;
}
