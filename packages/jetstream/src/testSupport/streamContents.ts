import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';

/** Every message in the stream, in sequence order (deleted ones skipped). */
export const streamMessages = async (jsm: JetStreamManager, stream: string): Promise<StoredMsg[]> => {
  const { state } = await jsm.streams.info(stream);
  const messages: StoredMsg[] = [];
  if (state.messages === 0) return messages;
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (message) messages.push(message);
  }
  return messages;
};

export const messageIds = (messages: readonly StoredMsg[]): string[] =>
  messages.map((m) => m.header.get('Nats-Msg-Id'));

/**
 * Deletes one message. nats-server 2.9.10 now and then answers "stream store EOF" to a delete
 * while the message's block is still being written; asking again succeeds.
 */
export const deleteStreamMessage = async (
  jsm: JetStreamManager,
  stream: string,
  seq: number,
): Promise<void> => {
  for (let attempt = 1; ; attempt++) {
    try {
      await jsm.streams.deleteMessage(stream, seq, false);
      return;
    } catch (error) {
      if (attempt >= 20 || !String(error).includes('EOF')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
};
