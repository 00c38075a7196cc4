import type { FuzzResult } from './fuzz-runner';
import { namesAField, offences } from './response-contract';

const result = (status: number, json: unknown, body?: string): FuzzResult => ({
  request: { operation: 'risk POST /v1/x', method: 'POST', target: '/v1/x', headers: {}, body, describe: 'case' },
  index: 0, status, text: JSON.stringify(json), json,
});

describe('fuzz response contract', () => {
  it('takes a 400 as naming a field only when every violation has one', () => {
    expect(namesAField({ violations: [{ field: 'rule.threshold', rule: 'isNumber', message: 'x' }] })).toBe(true);
    expect(namesAField({ violations: [] })).toBe(false);
    expect(namesAField({ violations: [{ rule: 'isNumber' }] })).toBe(false);
    expect(namesAField({ message: 'Bad Request' })).toBe(false);
  });

  it('flags 5xx, a 400 with no field, no answer and a refused credential; passes 2xx, 404 and named 400s', () => {
    const kinds = offences([
      result(500, { message: 'Internal server error' }),
      result(503, { code: 'MONTE_CARLO_BUSY' }),
      result(400, { message: 'bad' }),
      result(0, undefined),
      result(429, { message: 'slow down' }),
      result(400, { violations: [{ field: 'name' }] }),
      result(404, { message: 'not found' }),
      result(202, {}),
    ]).map((o) => o.kind);
    expect(kinds).toEqual(['server error', 'server error', '400 without a field', 'no answer', 'not authenticated']);
  });

  it('excuses nothing now that every framework 400 names a field: the answers once excused are offences again', () => {
    const unnamed = [
      result(400, { message: 'Failed to decode param \'%ED%A0%80\'' }),
      result(400, { message: 'Validation failed (uuid v 4 is expected)' }),
      result(400, { message: 'Unexpected token \'n\', "null" is not valid JSON' }, 'null'),
    ];
    expect(offences(unnamed)).toHaveLength(3);
    expect(offences([result(400, { message: '(path): must be valid percent-encoded UTF-8', violations: [{ field: '(path)', rule: 'isDecodable', message: 'x' }] })])).toEqual([]);
  });
});
