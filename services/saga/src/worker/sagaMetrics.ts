/** What the saga reports as it works; the app's Prometheus metrics implement it. */
export interface SagaObserver {
  inputHandled(type: string): void;
  commandSent(type: string): void;
  timeoutFired(): void;
}

export const silentObserver: SagaObserver = {
  inputHandled: () => {},
  commandSent: () => {},
  timeoutFired: () => {},
};
