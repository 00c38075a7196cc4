import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { DataSource } from 'typeorm';
import { PolicyEventRecordedSchema, Topics } from '@hashdesk/contracts';
import { derivedEventId, type OutboxRelay, type OutboxWriter } from '@hashdesk/messaging';
import { DATA_SOURCE, OUTBOX_RELAY, OUTBOX_WRITER } from '@hashdesk/platform';
import type { PolicyEventRequestDto } from './policy-event.request.dto';

export interface RecordPolicyEventResult {
  eventId: string;
  jurisdiction: string;
  published: boolean;
}

/**
 * Records one register entry and its event in one transaction (outbox). The id derives from the
 * jurisdiction, kind, effective date and source, so the same entry submitted again publishes nothing.
 */
@Injectable()
export class RecordPolicyEventUseCase {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(OUTBOX_WRITER) private readonly outbox: OutboxWriter,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  async execute(dto: PolicyEventRequestDto, learnedAt = new Date()): Promise<RecordPolicyEventResult> {
    const effectiveAt = new Date(dto.effectiveAt);
    const tickers = [...new Set(dto.tickers ?? [])].sort();
    const eventId = derivedEventId('policy-event', dto.jurisdiction, dto.kind, effectiveAt.toISOString(), dto.sourceUrl);
    const authority = dto.authority ?? '';
    const published = await this.dataSource.transaction(async (em) => {
      const inserted: unknown[] = await em.query(
        `INSERT INTO policy_event (event_id, jurisdiction, tickers, kind, impact, effective_at, learned_at, title, source_url, authority)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
        [eventId, dto.jurisdiction, tickers, dto.kind, dto.impact, effectiveAt, learnedAt, dto.title, dto.sourceUrl, authority],
      );
      if (inserted.length === 0) return false;
      const message = create(PolicyEventRecordedSchema, {
        eventId, jurisdiction: dto.jurisdiction, tickers, kind: dto.kind, impact: dto.impact, effectiveAt: timestampFromDate(effectiveAt),
        learnedTime: timestampFromDate(learnedAt), title: dto.title, sourceUrl: dto.sourceUrl, authority,
      });
      await this.outbox.add(em, { entry: Topics.policyEventRecorded, message, eventId, eventTime: effectiveAt, subject: dto.jurisdiction });
      return true;
    });
    if (published) this.relay.kick();
    return { eventId, jurisdiction: dto.jurisdiction, published };
  }
}
