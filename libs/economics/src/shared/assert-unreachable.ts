/**
 * The `default:` of an exhaustive switch: the compiler rejects the call while a case is missing, and a
 * value that slips past the types at run time (a new enum member, a bad cast) fails loudly.
 */
export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${describe(value)}`);
}

function describe(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
