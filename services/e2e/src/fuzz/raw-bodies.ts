import fc from 'fast-check';
import { stringifyDeep } from './deep-json';
import { badTimestamp, hugeNumber, illFormedString, nested, notANumber } from './bad-values';
import { preview } from './body-mutations';

/**
 * Uploads the documents describe by media type only (no schema): ingest's NDJSON batch and daily CSV.
 * Every generated file carries at least one record that breaks the format, so none may be stored.
 */

const PRICE = { kind: 'btc-price', priceUsd: 87133.51, observedAt: '2025-12-29T23:59:59Z', source: 'fuzz' };
const SNAPSHOT = { kind: 'network-snapshot', height: 930086, difficulty: 148258433855481.3, feesBtcPerBlock: 0.0182, observedAt: '2025-12-29T23:59:59Z', source: 'fuzz' };

const badNdjsonLine = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.tuple(fc.constantFrom(PRICE, SNAPSHOT), fc.constantFrom('priceUsd', 'height', 'difficulty', 'observedAt', 'source', 'kind'), fc.oneof(notANumber(), badTimestamp(), illFormedString(), hugeNumber()))
      .map(([record, field, bad]) => stringifyDeep({ ...record, [field]: bad })),
    fc.constantFrom('{', 'null', '[]', '"text"', '{"kind":"btc-price"}', '{"kind":"no-such-kind"}', stringifyDeep(nested(5_000, true)), stringifyDeep(nested(40, false))),
    illFormedString().map((s) => JSON.stringify({ ...PRICE, source: s })),
  );

export interface RawBody {
  body: string;
  describe: string;
}

/** An NDJSON batch: some bad lines, maybe mixed with plausible ones (all or nothing: none may be stored). */
export const badNdjson = (): fc.Arbitrary<RawBody> =>
  fc.tuple(fc.array(badNdjsonLine(), { minLength: 1, maxLength: 4 }), fc.boolean(), fc.constantFrom('\n', '\r\n')).map(([bad, withGood, eol]) => {
    const lines = withGood ? [JSON.stringify(PRICE), ...bad] : bad;
    return { body: lines.join(eol), describe: `ndjson ${preview(lines, 160)}` };
  });

const HEADER = 'date,price_usd,hashrate_ths,blocks,issuance_btc,fees_btc';
const GOOD_ROW = '2019-01-01,3808.11783167738,41615985.2733756,149,1862.5,11.26348285';

const badCsvCell = (): fc.Arbitrary<string> =>
  fc.oneof(notANumber().map((v) => JSON.stringify(v) ?? ''), fc.constantFrom('1e308', '-1', 'NaN', '0x10', '', '"1,5"', '\u0000'), illFormedString());

/** A daily CSV with at least one row whose date does not exist or whose cells are not numbers. */
export const badCsv = (): fc.Arbitrary<RawBody> =>
  fc.tuple(
    fc.constantFrom('2015-02-30', '2019-13-01', '2019-01-01T00:00:00', '01/02/2019', '', '2019-1-1'),
    fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), badCsvCell()), { maxLength: 3 }),
    fc.constantFrom(HEADER, HEADER.toUpperCase(), 'date;price_usd', 'price_usd,blocks', `${HEADER},${HEADER}`),
  ).map(([badDate, badCells, header]) => {
    const rows = [GOOD_ROW.replace('2019-01-01', badDate)];
    for (const [column, cell] of badCells) {
      const cells = GOOD_ROW.replace('2019-01-01', '2019-01-02').split(',');
      cells[column] = cell;
      rows.push(cells.join(','));
    }
    const csv = [header, ...rows].join('\n');
    return { body: csv, describe: `csv ${preview(csv, 160)}` };
  });
