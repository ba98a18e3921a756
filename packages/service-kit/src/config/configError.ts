export interface ConfigIssue {
  /** The environment variable, e.g. `DATABASE_URL`; empty for a rule across several variables. */
  variable: string;
  message: string;
}

/** The environment does not describe a runnable service. The message lists every bad variable at once. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(readonly issues: readonly ConfigIssue[]) {
    super(
      `Invalid configuration (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${issues
        .map((issue) => `  - ${issue.variable || '(config)'}: ${issue.message}`)
        .join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

export const isConfigError = (error: unknown): error is ConfigError => error instanceof ConfigError;
