import type { DrizzleEventStore } from '@causeway/event-store';
import type { CommandEnvelope } from '@causeway/kernel';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { encodeCommand } from '../codec/commandMessage.js';
import { topologyNames } from '../topology/names.js';
import { handleCommands } from './handleCommands.js';
import type { CommandBus } from './types.js';

export interface NatsCommandBusOptions {
  nc: NatsConnection;
  /** Needed to handle commands (their idempotency records and effects); sending alone does not. */
  store?: DrizzleEventStore;
  prefix?: string;
  publishTimeoutMs?: number;
}

/** The command bus over the `CAUSEWAY_COMMANDS` work-queue stream. */
export const createCommandBus = (options: NatsCommandBusOptions): CommandBus => {
  const names = topologyNames(options.prefix);
  const js = jetstream(options.nc);
  return {
    async send(command: CommandEnvelope, { service }) {
      const message = encodeCommand(names, service, command);
      // A duplicate acknowledgement (the same id within the window) is a success: it is stored already.
      await js.publish(message.subject, message.data, {
        msgID: message.msgID,
        headers: message.headers,
        timeout: options.publishTimeoutMs ?? 5_000,
      });
    },
    handle(handlerOptions) {
      const { store } = options;
      if (!store) throw new TypeError('createCommandBus: pass `store` to handle commands');
      return handleCommands({
        ...handlerOptions,
        nc: options.nc,
        store,
        ...(options.prefix ? { prefix: options.prefix } : {}),
      });
    },
  };
};
