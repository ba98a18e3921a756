/**
 * Drops test databases left behind by interrupted runs before this one starts. Housekeeping only:
 * global setup resolves modules without the `@causeway/source` condition, so before a build the
 * sweep (which reaches @causeway/kernel) cannot load; the run then goes on without it.
 */
export default async function setup(): Promise<void> {
  try {
    const { sweepTestDatabases } = await import('./src/testing/sweepTestDatabases.js');
    await sweepTestDatabases();
  } catch (error) {
    console.warn(`event-store: skipped sweeping old test databases: ${String(error)}`);
  }
}
