import { plainToInstance } from 'class-transformer';
import { ToDecimalNumber } from './decimal-number.transform';

class Probe {
  @ToDecimalNumber()
  value!: unknown;
}

const read = (value: unknown) => plainToInstance(Probe, { value }).value;

describe('ToDecimalNumber', () => {
  it.each([['12', 12], ['-3.5', -3.5], ['1e12', 1e12], ['.5', 0.5], [42, 42]])('given %p, then %p', (raw, expected) => {
    expect(read(raw)).toBe(expected);
  });

  it.each([true, '0x10', '', ' 7', '1_000', 'Infinity', null])('given %p, then it is left as it came, for the validators to refuse', (raw) => {
    expect(read(raw)).toBe(raw);
  });
});
