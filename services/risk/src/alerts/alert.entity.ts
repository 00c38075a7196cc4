import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'alert' })
export class AlertEntity {
  @PrimaryColumn({ name: 'alert_id', type: 'text' })
  alertId!: string;

  @Column({ name: 'rule_id', type: 'text' })
  ruleId!: string;

  @Column({ name: 'as_of', type: 'timestamptz' })
  asOf!: Date;

  @Column({ type: 'jsonb' })
  alert!: Record<string, unknown>;
}
