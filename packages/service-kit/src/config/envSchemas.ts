import { z } from 'zod';

/** A whole number written in decimal digits only: no `1e3`, `0x10` or blanks that `Number()` would accept. */
export const envInt = ({ min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .pipe(z.int().min(min).max(max));

export const envPort = () => envInt({ min: 0, max: 65_535 });

export const envBool = () =>
  z
    .enum(['true', 'false', '1', '0'], { error: 'must be true, false, 1 or 0' })
    .transform((v) => v === 'true' || v === '1');

/** A URL whose scheme is one of `protocols` (without the colon), e.g. `envUrl(['postgres', 'postgresql'])`. */
export const envUrl = (protocols: readonly string[]) =>
  z
    .string()
    .refine(
      (value) => URL.canParse(value) && protocols.includes(new URL(value).protocol.slice(0, -1)),
      `must be a URL starting with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    );

/** One or more NATS servers, comma-separated: `nats://host:4222`, `tls://…` or a bare `host:port`. */
export const envNatsServers = () =>
  z
    .string()
    .refine(
      (value) => value.split(',').every((server) => isNatsServer(server.trim())),
      'must be a comma-separated list of nats://host:port, tls://host:port or host:port',
    );

const isNatsServer = (server: string): boolean => {
  const candidate = /^[a-z]+:\/\//.test(server) ? server : `nats://${server}`;
  if (!URL.canParse(candidate)) return false;
  const url = new URL(candidate);
  return ['nats:', 'tls:', 'ws:', 'wss:'].includes(url.protocol) && url.hostname !== '';
};
