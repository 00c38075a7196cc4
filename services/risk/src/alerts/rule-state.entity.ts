import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'rule_state' })
export class RuleStateEntity {
  @PrimaryColumn({ name: 'rule_id', type: 'text' })
  ruleId!: string;

  @Column({ type: 'boolean' })
  breached!: boolean;

  @Column({ name: 'last_value', type: 'double precision' })
  lastValue!: number;

  @Column({ name: 'last_metric_id', type: 'text' })
  lastMetricId!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
