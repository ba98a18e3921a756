import { ValidationError } from '@causeway/kernel';

/**
 * Names of every stream and subject, derived from one optional prefix so several environments
 * (and parallel test files) share a server without touching each other.
 *
 * With prefix `p`: streams `p_CAUSEWAY_EVENTS` / `p_CAUSEWAY_COMMANDS`, subjects
 * `p.events.<aggregateType>.<eventType>` / `p.commands.<service>.<commandType>`. The prefix is a
 * whole leading subject token, so no prefixed subject can ever match an unprefixed wildcard such
 * as `events.>`. Without a prefix the names are exactly the architecture's.
 */
export interface TopologyNames {
  readonly prefix: string;
  readonly eventsStream: string;
  readonly commandsStream: string;
  /** `events.>` under the prefix: every event. */
  readonly allEvents: string;
  /** `commands.>` under the prefix: every command. */
  readonly allCommands: string;
  eventSubject(aggregateType: string, eventType: string): string;
  /** Filter for one aggregate type, or one event type of it. */
  eventFilter(filter?: EventFilter): string;
  commandSubject(service: string, commandType: string): string;
  /** Every command addressed to `service`. */
  serviceCommands(service: string): string;
}

export interface EventFilter {
  aggregateType?: string;
  eventType?: string;
}

const PREFIX = /^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/;
const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;

const invalid = (field: string, value: string, rule: string): ValidationError =>
  new ValidationError('topology name', [{ path: field, message: `${rule}, got ${JSON.stringify(value)}` }]);

const token = (field: string, value: string): string => {
  if (!TOKEN.test(value)) throw invalid(field, value, 'must be 1-64 letters, digits, _ or -');
  return value;
};

export const topologyNames = (prefix = ''): TopologyNames => {
  if (prefix !== '' && !PREFIX.test(prefix)) {
    throw invalid('prefix', prefix, 'must be 1-48 letters, digits, _ or -, starting with a letter or digit');
  }
  const subjectRoot = prefix === '' ? '' : `${prefix}.`;
  const streamRoot = prefix === '' ? '' : `${prefix}_`;
  const events = `${subjectRoot}events`;
  return {
    prefix,
    eventsStream: `${streamRoot}CAUSEWAY_EVENTS`,
    commandsStream: `${streamRoot}CAUSEWAY_COMMANDS`,
    allEvents: `${events}.>`,
    allCommands: `${subjectRoot}commands.>`,
    eventSubject: (aggregateType, eventType) =>
      `${events}.${token('aggregateType', aggregateType)}.${token('eventType', eventType)}`,
    eventFilter: (filter = {}) => {
      if (filter.eventType !== undefined && filter.aggregateType === undefined) {
        return `${events}.*.${token('eventType', filter.eventType)}`;
      }
      if (filter.aggregateType === undefined) return `${events}.>`;
      const aggregate = token('aggregateType', filter.aggregateType);
      return filter.eventType === undefined
        ? `${events}.${aggregate}.>`
        : `${events}.${aggregate}.${token('eventType', filter.eventType)}`;
    },
    commandSubject: (service, commandType) =>
      `${subjectRoot}commands.${token('service', service)}.${token('commandType', commandType)}`,
    serviceCommands: (service) => `${subjectRoot}commands.${token('service', service)}.>`,
  };
};
