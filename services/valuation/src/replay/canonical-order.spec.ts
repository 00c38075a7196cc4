import { canonicalOrder } from './canonical-order';

const record = (topic: string, eventTimeMs: number, eventId: string) => ({ topic, eventTimeMs, eventId });

describe('canonicalOrder', () => {
  const price = record('ingest.price.observed.v1', 1_000, 'p');
  const snapshot = record('ingest.network.observed.v1', 1_000, 'n');
  const profile = record('ingest.company-profile.recorded.v1', 1_000, 'c');
  const earlier = record('ingest.price.observed.v1', 500, 'z');
  const twin = record('ingest.price.observed.v1', 1_000, 'a');

  it('orders by event time, then profile, quote, snapshot, price, then event id', () => {
    expect(canonicalOrder([price, snapshot, profile, earlier, twin]).map((r) => r.eventId)).toEqual(['z', 'c', 'n', 'a', 'p']);
  });

  it('gives the same order whatever order the records came in', () => {
    const records = [price, snapshot, profile, earlier, twin];
    const reversed = [...records].reverse();
    expect(canonicalOrder(reversed)).toEqual(canonicalOrder(records));
    expect(records[0]).toBe(price); // the input is left as it was
  });
});
