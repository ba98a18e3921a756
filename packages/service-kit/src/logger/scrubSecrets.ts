const urlCredentials = /\b([a-z][a-z\d+.-]*:\/\/[^\s:/?#@"]*:)[^\s/?#@"]+@/gi;
const bearerToken = /\b(bearer\s+)[\w.~+/-]+=*/gi;
const jwtLike = /\beyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g;

/**
 * Masks credentials that can hide inside any string: the password of a URL
 * (`postgres://app:[REDACTED]@db`), bearer tokens and JWT-shaped strings. Key-based redaction
 * (an `authorization` header, a `password` field) is pino's `redact`; this catches the rest,
 * e.g. a driver error message that quotes its connection string.
 */
export const scrubSecrets = (text: string): string =>
  text
    .replace(urlCredentials, '$1[REDACTED]@')
    .replace(bearerToken, '$1[REDACTED]')
    .replace(jwtLike, '[REDACTED]');
