import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

/** One event to one subscription: written with the inbox row, worked off by the delivery worker. */
@Entity({ name: 'delivery' })
export class DeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** The webhook-id: the event's id (or a digest's), the same on every attempt. */
  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @Column({ name: 'event_type', type: 'text', nullable: true })
  eventType!: string | null;

  @Column({ name: 'event_time', type: 'timestamptz', nullable: true })
  eventTime!: Date | null;

  /** Unused since subscriptions: the subscription holds the URL. */
  @Column({ name: 'endpoint_url', type: 'text', nullable: true })
  endpointUrl!: string | null;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text', nullable: true })
  traceparent!: string | null;

  @Column({ type: 'text' })
  status!: DeliveryStatus;

  @Column({ type: 'int' })
  attempts!: number;

  /** When the next attempt is due; while an attempt is in flight, when its lease expires. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_status_code', type: 'int', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: 'last_duration_ms', type: 'int', nullable: true })
  lastDurationMs!: number | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'dead_at', type: 'timestamptz', nullable: true })
  deadAt!: Date | null;

  @Column({ type: 'int' })
  replays!: number;

  /** Queued to delivered, in milliseconds. */
  @Column({ name: 'latency_ms', type: 'int', nullable: true })
  latencyMs!: number | null;
}
