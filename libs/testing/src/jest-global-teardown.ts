export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __hashdeskStopStack?: () => Promise<void> }).__hashdeskStopStack?.();
}
