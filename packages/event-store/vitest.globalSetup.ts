import { sweepTestDatabases } from './src/testing/sweepTestDatabases.js';

/** Drops test databases left behind by interrupted runs before this one starts. */
export default async function setup(): Promise<void> {
  await sweepTestDatabases();
}
