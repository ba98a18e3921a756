import type { RunnerStatus } from '@causeway/jetstream';
import type { ReadinessCheck } from '@causeway/service-kit';

/** The projection consumer still runs: a halted one (a poison event under the halt policy) never catches up. */
export const projectionCheck =
  (status: () => RunnerStatus | undefined): ReadinessCheck =>
  async () => {
    if (status() === 'halted') throw new Error('The projection consumer halted');
  };
