import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The newest input of each kind by event time (btc-price, network-snapshot), with its event identity for lineage. */
@Entity({ name: 'network_input' })
export class NetworkInputEntity {
  @PrimaryColumn({ type: 'text' })
  kind!: 'btc-price' | 'network-snapshot';

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime!: Date;

  @Column({ type: 'jsonb' })
  values!: Record<string, number>;
}
