/** The proof-of-work parameters, as `altcha-lib` signs them; the widget reads them as they are. */
export class AltchaChallengeParametersDto {
  /** Key derivation, e.g. `PBKDF2/SHA-256`. */
  algorithm: string;
  nonce: string;
  salt: string;
  /** Iterations of the key derivation per try. */
  cost: number;
  keyLength: number;
  /** The derived key the solver looks for begins with this (hex). */
  keyPrefix: string;
  keySignature?: string;
  /** Seconds since the epoch after which a solution is refused. */
  expiresAt?: number;
}

/** An ALTCHA challenge (https://altcha.org, self-hosted: no third-party call). */
export class AltchaChallengeDto {
  parameters: AltchaChallengeParametersDto;
  signature: string;
}
