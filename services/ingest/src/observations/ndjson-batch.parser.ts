import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '@hashdesk/platform';
import { BtcPriceRecordDto, NetworkSnapshotRecordDto } from './dto/batch-record.dto';
import type { LineViolation } from './observation.exception';
import { btcPriceFromRequest, networkSnapshotFromRequest } from './observation-request.mapper';
import type { AcceptedObservation } from './observation.types';

export const MAX_BATCH_RECORDS = 10_000;

export interface ParsedRecord {
  /** 1-based line number in the body. */
  line: number;
  observation: AcceptedObservation;
  raw: unknown;
}

export interface ParsedBatch {
  records: ParsedRecord[];
  /** Every shape violation of every line (empty when all lines read). */
  violations: LineViolation[];
}

/**
 * Reads an NDJSON batch: one JSON object per line, each with "kind" ("btc-price" or
 * "network-snapshot") and the fields of the matching single-record endpoint. Blank lines are skipped
 * but counted, so line numbers match what an editor shows. Checks shape only; plausibility comes later.
 */
export function parseNdjsonBatch(body: string): ParsedBatch {
  const records: ParsedRecord[] = [];
  const violations: LineViolation[] = [];
  const lines = body.split('\n');
  lines.forEach((text, i) => {
    const line = i + 1;
    if (text.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      violations.push({ line, field: '(record)', rule: 'isJson', message: `is not JSON: ${(error as Error).message}` });
      return;
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      violations.push({ line, field: '(record)', rule: 'isObject', message: 'must be a JSON object' });
      return;
    }
    const kind = (raw as { kind?: unknown }).kind;
    if (kind !== 'btc-price' && kind !== 'network-snapshot') {
      violations.push({ line, field: 'kind', rule: 'isIn', message: 'must be btc-price or network-snapshot' });
      return;
    }
    const dto: BtcPriceRecordDto | NetworkSnapshotRecordDto = kind === 'btc-price'
      ? plainToInstance(BtcPriceRecordDto, raw as object)
      : plainToInstance(NetworkSnapshotRecordDto, raw as object);
    const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      violations.push(...flattenValidationErrors(errors).map((v) => ({ line, ...v })));
      return;
    }
    const mapped = dto instanceof BtcPriceRecordDto ? btcPriceFromRequest(dto) : networkSnapshotFromRequest(dto);
    if (mapped.violations) violations.push(...mapped.violations.map((v) => ({ line, ...v })));
    else records.push({ line, observation: mapped.observation, raw });
  });
  if (records.length + violations.length === 0) {
    violations.push({ line: 1, field: '(batch)', rule: 'notEmpty', message: 'must contain at least one record' });
  }
  return { records, violations };
}
