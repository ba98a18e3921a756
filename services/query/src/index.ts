export { buildQueryApp, DEFAULT_MIN_POSITION_WAIT_MS, type QueryAppDeps } from './app.js';
export { seedOrderFlows } from './bench/seedEvents.js';
export {
  loadQueryConfig,
  loadRebuildConfig,
  type QueryConfig,
  queryConfigSchema,
  type RebuildConfig,
  rebuildConfigSchema,
  type StackConfig,
  stackConfigSchema,
} from './config.js';
export { awaitPosition } from './consistency/awaitPosition.js';
export {
  type CheckpointWatcher,
  type CheckpointWatcherOptions,
  createCheckpointWatcher,
} from './consistency/checkpointWatcher.js';
export { MIGRATIONS_FOLDER, migrateReadModel, migrationSet } from './db/migrate.js';
export { type ApplyOutcome, applyEvent } from './projection/applyEvent.js';
export { UnexpectedEventError } from './projection/errors.js';
export type { ProjectableEvent, ProjectedEvent } from './projection/events.js';
export {
  createOrderSummaryProjection,
  ORDER_SUMMARIES_SUBSCRIBER,
  type OrderSummaryProjection,
} from './projection/orderSummaryProjection.js';
export { projectOrderSummaries, projectOrderSummary } from './projection/projectOrderSummary.js';
export { type FoldedReadModel, foldFromStore } from './rebuild/foldFromStore.js';
export type { RebuildProgress } from './rebuild/progress.js';
export {
  type RebuildOptions,
  type RebuildResult,
  RebuildSwitchError,
  rebuildReadModel,
} from './rebuild/rebuildReadModel.js';
export { RebuildInProgressError } from './rebuild/shadowTables.js';
export * as schema from './schema/index.js';
export { buildQueryService, type QueryService, type QueryServiceDeps } from './service.js';
