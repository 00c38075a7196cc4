import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { OffsetPageQueryDto } from './query-params.dto';

const fieldsOf = (query: Record<string, string>) =>
  validateSync(plainToInstance(OffsetPageQueryDto, query), { whitelist: true, forbidNonWhitelisted: true }).map((e) => [e.property, Object.keys(e.constraints ?? {})]);

describe('OffsetPageQueryDto', () => {
  it('given offset=1e308 (an integer to JavaScript, an error to PostgreSQL), when validated, then it names offset and its maximum', () => {
    expect(fieldsOf({ offset: '1e308' })).toEqual([['offset', ['max']]]);
  });

  it.each(['0x10', 'true', ''])('given offset=%p, when validated, then it is not a number', (offset) => {
    expect(fieldsOf({ offset })).toEqual([['offset', expect.arrayContaining(['isInt'])]]);
  });

  it('given offset=20 and limit=100, when validated, then they pass as numbers', () => {
    const dto = plainToInstance(OffsetPageQueryDto, { offset: '20', limit: '100' });
    expect(validateSync(dto)).toEqual([]);
    expect([dto.offset, dto.limit]).toEqual([20, 100]);
  });
});
