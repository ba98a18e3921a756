/** Claims every accepted token must carry, beyond a valid signature, `exp` and `sub`. */
export interface TokenClaimChecks {
  /** The token's `iss` must equal it. */
  issuer?: string;
  /** The token's `aud` must include it. */
  audience?: string;
}

/**
 * How an app authenticates its callers: HS256 tokens with a shared `secret`, asymmetric tokens
 * (RS256, ES256, …) whose keys the issuer publishes at `jwksUrl`, or not at all (`disabled`: every
 * caller is anonymous; logged at warn when the app starts).
 */
export type AuthOptions =
  | { mode: 'disabled' }
  | ({ mode: 'secret'; secret: string } & TokenClaimChecks)
  | ({ mode: 'jwks'; jwksUrl: string; fetch?: typeof fetch } & TokenClaimChecks);

/** The role that may read every customer's orders. */
export const OPERATOR_ROLE = 'operator';
