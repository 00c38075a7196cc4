import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Every hashprice figure published, queryable by time. */
@Entity({ name: 'hashprice_metric' })
export class HashpriceMetricEntity {
  @PrimaryColumn({ name: 'metric_id', type: 'text' })
  metricId!: string;

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;

  @Column({ name: 'hashprice_usd_per_ph_day', type: 'double precision' })
  hashpriceUsdPerPhDay!: number;

  /** When hashdesk could first have computed it: the later of its inputs' learned times. */
  @Column({ name: 'known_at', type: 'timestamptz', nullable: true })
  knownAt!: Date | null;

  /** The published message as protobuf JSON. */
  @Column({ type: 'jsonb' })
  metric!: Record<string, unknown>;
}
