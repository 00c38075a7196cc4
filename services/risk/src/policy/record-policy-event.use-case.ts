import { Inject, Injectable } from '@nestjs/common';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import type { DataSource } from 'typeorm';
import type { PolicyEventRecorded, Topics } from '@hashdesk/contracts';
import { PoisonMessageError, tryMarkProcessed, type DecodedEvent } from '@hashdesk/messaging';
import { DATA_SOURCE } from '@hashdesk/platform';
import { PolicyRegisterRepository } from './policy-register.repository';

/** Keeps each register entry ingest publishes, once (inbox in the same transaction). */
@Injectable()
export class RecordPolicyEventUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly register: PolicyRegisterRepository,
  ) {}

  async execute(event: DecodedEvent<typeof Topics.policyEventRecorded.schema>): Promise<void> {
    const m: PolicyEventRecorded = event.message;
    if (!m.jurisdiction || !m.effectiveAt) throw new PoisonMessageError('INCOMPLETE_POLICY_EVENT', 'jurisdiction and effective_at are required');
    if (!Number.isInteger(m.impact) || m.impact === 0 || Math.abs(m.impact) > 3) throw new PoisonMessageError('INVALID_IMPACT', `impact must be -3 … 3 and not 0, got ${m.impact}`);
    await this.dataSource.transaction(async (em) => {
      if (!(await tryMarkProcessed(em, 'risk', event.meta.id, event.topic))) return;
      await this.register.save(em, {
        eventId: event.meta.id, jurisdiction: m.jurisdiction, tickers: m.tickers.map((t) => t.toUpperCase()), kind: m.kind, impact: m.impact,
        effectiveAt: timestampDate(m.effectiveAt as Timestamp), learnedAt: m.learnedTime ? timestampDate(m.learnedTime as Timestamp) : event.meta.time,
        title: m.title, sourceUrl: m.sourceUrl, authority: m.authority,
      });
    });
  }
}
