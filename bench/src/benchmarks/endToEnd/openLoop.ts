import { Worker } from 'node:worker_threads';

export interface LoadRequest {
  commandUrl: string;
  queryUrl: string;
  /** Orders per second, sent on a fixed schedule. */
  rate: number;
  durationMs: number;
  /** After POST, read the order back with `minPosition` (POST -> visible); otherwise POST only. */
  visible: boolean;
  /** How long to wait for answers once everything is sent. */
  drainMs: number;
  /** Orders awaiting an answer at most; beyond, new ones are shed (not sent) and counted. */
  maxInFlight: number;
}

export interface LoadResult {
  sent: number;
  /** Due but not sent: `maxInFlight` orders were already waiting. */
  shed: number;
  /** Sent but not answered by the drain deadline (their latencies are lower bounds). */
  unanswered: number;
  completed: number;
  /** Time taken to send everything: above durationMs, the generator itself fell behind. */
  sentForMs: number;
  elapsedMs: number;
  /** Per sent order, ms from when it was due to when it was visible (or created), or to the deadline. */
  latencies: number[];
  /** Per answered POST, ms from when it was due to the 201: the write path's share of `latencies`. */
  postLatencies: number[];
  /** Without `visible`: each order's id and when it was due (epoch ms), to time the saga. */
  created: { orderId: string; dueAtEpochMs: number }[];
  errors: number;
  firstErrors: string[];
  /** GETs answered 503 (the read model had not caught up within the bound) and sent again. */
  retries: number;
}

const WORKER = new URL('./loadWorker.ts', import.meta.url).href;
// A worker does not inherit tsx's loader: it registers it, then imports the TypeScript module.
const BOOT = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((api) => { api.register(); return import(${JSON.stringify(WORKER)}); })`;

/** Runs the open-loop generator of `loadWorker.ts` in a worker thread and returns what it saw. */
export const runOpenLoop = (request: LoadRequest): Promise<LoadResult> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, { eval: true, workerData: request });
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with ${code}`));
    });
  });
