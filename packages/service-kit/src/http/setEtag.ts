/** Sets the strong `ETag` of a stream version, `"3"`, and returns the reply for chaining. */
export const setEtag = <R extends { header(name: string, value: string): unknown }>(
  reply: R,
  version: number,
): R => {
  reply.header('etag', `"${version}"`);
  return reply;
};
