import { derivedEventId, derivedUuid } from './derived-event-id';

// Pinned values: ids are stored and deduplicated on, so the same parts must keep giving the same id.
describe('derivedEventId', () => {
  it('gives the id that was stored before for the same parts', () => {
    expect(derivedEventId('company-profile', 'RIOT', 42)).toBe('68c81aa6-8098-8e12-afce-fcadd67d01b3');
  });

  it('hashes the parts joined by "|", so one pre-joined part gives the same id', () => {
    expect(derivedEventId('network.hashprice-floor', 'm-1')).toBe(derivedEventId('network.hashprice-floor|m-1'));
  });

  it('lays the digest out as a version-8 UUID', () => {
    expect(derivedEventId('price', 'coinbase', 'BTC-USD', '2024-01-01T00:00:00.000Z')).toBe('d8417876-8ffe-8379-a9f8-b12beb7fc338');
  });
});

describe('derivedUuid', () => {
  it('writes the variant nibble it is given', () => {
    expect(derivedUuid(['price', 'http', '{"x":1}', 'priceUsd:band'], 'b')).toBe('a16a6912-3bef-8282-b216-765c5cafffc1');
  });
});
