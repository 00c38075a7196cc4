import { plainToInstance } from 'class-transformer';
import { ToDecimalNumber } from './decimal-number.transform';
import { InputShapePipe } from './input-shape.pipe';

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

describe('ToDecimalNumber inside a JSON body', () => {
  it('leaves a string in a JSON body a string (InputShapePipe marked it), so the number validator refuses it', () => {
    class Body {
      @ToDecimalNumber()
      priceUsd!: unknown;
    }
    const body = { priceUsd: '12' };
    new InputShapePipe().transform(body, { type: 'body', metatype: Body, data: undefined });
    expect(plainToInstance(Body, body).priceUsd).toBe('12');
    expect(plainToInstance(Body, { priceUsd: '12' }).priceUsd).toBe(12); // a query object: converted
  });
});
