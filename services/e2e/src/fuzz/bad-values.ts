import fc from 'fast-check';

/** Bad values from issue #13's findings, by what the field expects. Each is refused by a correct service. */

const NUL = String.fromCharCode(0);
const HIGH = String.fromCharCode(0xd800);
const LOW = String.fromCharCode(0xdc00);

/** A string carrying a NUL or a lone surrogate somewhere. */
export const illFormedString = (): fc.Arbitrary<string> =>
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(NUL, HIGH, LOW, `${LOW}${HIGH}`), fc.string({ maxLength: 8 })).map(([a, bad, b]) => `${a}${bad}${b}`);

/** Not a JSON number: booleans, numeric-looking strings (hex, NaN, 1e308), containers, null. */
export const notANumber = (): fc.Arbitrary<unknown> =>
  fc.constantFrom<unknown>(true, false, '0x10', '12', '1e308', 'NaN', 'Infinity', '-Infinity', '', ' 7 ', null, [], {}, [1], { value: 1 });

/** A JSON number outside any plausible bound. */
export const hugeNumber = (): fc.Arbitrary<number> =>
  fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, -Number.MAX_VALUE, 1e21, -1, -1e-9, 2 ** 53 + 2, 5e-324);

/** Not a string. */
export const notAString = (): fc.Arbitrary<unknown> => fc.constantFrom<unknown>(42, -0.5, true, null, [], ['a'], {}, { a: 'b' });

/** Dates that do not exist and timestamps with no zone (or no time). */
export const badTimestamp = (): fc.Arbitrary<unknown> =>
  fc.constantFrom<unknown>(
    '2015-02-30', '2015-02-30T00:00:00Z', '2025-02-29T12:00:00Z', '2025-04-31T00:00:00Z', '2025-13-01T00:00:00Z',
    '2025-01-01T25:00:00Z', '2025-01-01T00:60:00Z', '2025-01-01T00:00:00', '2025-01-01 00:00:00', '2025-01-01T00:00:00+25:00',
    '0000-00-00T00:00:00Z', '+275760-09-14T00:00:00Z', '20250101T000000Z', '1735689600', 1735689600, 'yesterday', '',
  );

/** Input nested `depth` levels deep (5,000 blew the stack once). Built iteratively: no recursion here. */
export function nested(depth: number, asArrays: boolean): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = asArrays ? [value] : { a: value };
  return value;
}

export const deepValue = (): fc.Arbitrary<unknown> =>
  fc.tuple(fc.constantFrom(33, 64, 1_000, 5_000), fc.boolean()).map(([depth, asArrays]) => nested(depth, asArrays));

/** Object keys that are ill-formed, or that JavaScript treats specially. */
export const badKey = (): fc.Arbitrary<string> =>
  fc.oneof(illFormedString(), fc.constantFrom('__proto__', 'constructor', 'prototype', '', 'x'.repeat(300), 'a.b', '$where'));

/** Raw (already percent-encoded) query or path values: bad numbers, NUL, bad UTF-8, dates, oversize. */
export const badRawNumber = (): fc.Arbitrary<string> =>
  fc.constantFrom('1e308', '-1e308', 'NaN', 'Infinity', '-Infinity', '0x10', 'true', '', '%20', '1.5e-400', '9'.repeat(400), '-1', '1,2', '%00', '%ED%A0%80', '%FF', '1%002', 'null', '%5B%5D');

export const badRawString = (): fc.Arbitrary<string> =>
  fc.constantFrom('%00', 'a%00b', '%ED%A0%80', '%ED%B0%80', '%FF%FE', '%C0%80', 'x'.repeat(3_000), '..%2F..%2Fetc%2Fpasswd', '%27%3B--', '%E2%80%AE', '%2F', '%25', '%');

export const badRawTimestamp = (): fc.Arbitrary<string> =>
  badTimestamp().map((v) => encodeURIComponent(String(v)));

/** Path segments: not an id of the expected shape, or not decodable. */
export const badPathSegment = (): fc.Arbitrary<string> =>
  fc.oneof(
    badRawString(),
    fc.constantFrom('00000000-0000-0000-0000-000000000000', '11111111-1111-1111-1111-111111111111', 'not-a-uuid', '1e308', '-1', 'null', 'undefined', '%20', 'RIOT%00', 'riot', 'R'.repeat(300)),
  );
