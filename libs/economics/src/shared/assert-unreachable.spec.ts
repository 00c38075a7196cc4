import { assertUnreachable } from './assert-unreachable';

describe('assertUnreachable', () => {
  it('names a primitive that slipped past the types', () => {
    expect(() => assertUnreachable('carrier-pigeon' as never)).toThrow('unreachable: carrier-pigeon');
  });

  it('prints an object as JSON rather than [object Object]', () => {
    expect(() => assertUnreachable({ kind: 'band' } as never)).toThrow('unreachable: {"kind":"band"}');
  });
});
