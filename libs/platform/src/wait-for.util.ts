/** Retries `probe` until it succeeds or `timeoutMs` passes; then fails naming the dependency and the fix. */
export async function waitForDependency<T>(name: string, probe: () => Promise<T>, fix: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (let delay = 200; Date.now() < deadline; delay = Math.min(delay * 2, 2_000)) {
    try {
      return await probe();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  throw new Error(`${name} is not reachable after ${timeoutMs / 1000} s (${(lastError as Error)?.message}). ${fix}`);
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}
