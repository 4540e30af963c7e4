/**
 * The emulator's API key / token sessions, kept in memory and checked against the server clock.
 *
 * @module
 */

/** Who a session acts as. A root session (password or AuthKey) has no `userName`. */
export interface Principal {
  readonly operatorId: string;
  readonly userName?: string;
  readonly authKeyId?: string;
}

/** One issued API key with its current token. */
export interface Session {
  readonly apiKey: string;
  token: string;
  readonly principal: Principal;
  /** Server-clock ms after which the token no longer works. */
  expiresAt: number;
  revoked: boolean;
}

/** The outcome of checking a request's `X-Soracom-API-Key` and `X-Soracom-Token`. */
export type SessionCheck =
  | { readonly kind: "ok"; readonly session: Session }
  | { readonly kind: "missing" }
  | { readonly kind: "invalid" }
  | { readonly kind: "expired"; readonly session: Session };

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function base64urlJson(value: unknown): string {
  return base64url(new TextEncoder().encode(JSON.stringify(value)));
}

/**
 * A JWT-shaped token: base64url(header).base64url(payload).signature. The signature is random
 * bytes; only the payload's `operator.operatorId`, `iat`, `exp` and `user` mean anything.
 *
 * @example
 * ```ts ignore
 * const token = mintToken({ operatorId: "OP0012345678" }, Date.now(), Date.now() + 3_600_000);
 * ```
 */
export function mintToken(principal: Principal, issuedAtMs: number, expiresAtMs: number): string {
  const header = { alg: "RS256", typ: "JWT" };
  const payload = {
    iss: "https://fake-soracom.invalid/",
    jti: crypto.randomUUID(),
    iat: Math.floor(issuedAtMs / 1000),
    exp: Math.floor(expiresAtMs / 1000),
    operator: { operatorId: principal.operatorId },
    ...(principal.userName === undefined
      ? {}
      : { user: { operatorId: principal.operatorId, userName: principal.userName } }),
    ...(principal.authKeyId === undefined ? {} : { authKeyId: principal.authKeyId }),
  };
  const signature = base64url(crypto.getRandomValues(new Uint8Array(32)));
  return `${base64urlJson(header)}.${base64urlJson(payload)}.${signature}`;
}

/**
 * The in-memory session table of one emulator.
 *
 * @example
 * ```ts ignore
 * const sessions = new SessionStore(Date.now);
 * const session = sessions.issue({ operatorId: "OP0012345678" }, 86400);
 * sessions.check(session.apiKey, session.token).kind; // "ok"
 * ```
 */
export class SessionStore {
  readonly #now: () => number;
  readonly #byApiKey = new Map<string, Session>();

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Starts a session for `principal` whose token lives `timeoutSeconds`. */
  issue(principal: Principal, timeoutSeconds: number): Session {
    const issuedAt = this.#now();
    const expiresAt = issuedAt + timeoutSeconds * 1000;
    const session: Session = {
      apiKey: `api-${crypto.randomUUID()}`,
      token: mintToken(principal, issuedAt, expiresAt),
      principal,
      expiresAt,
      revoked: false,
    };
    this.#byApiKey.set(session.apiKey, session);
    return session;
  }

  /** Checks an API key and token pair against the live sessions. */
  check(apiKey: string | null, token: string | null): SessionCheck {
    if (!apiKey || !token) return { kind: "missing" };
    const session = this.#byApiKey.get(apiKey);
    if (session === undefined || session.revoked || session.token !== token) {
      return { kind: "invalid" };
    }
    if (this.#now() >= session.expiresAt) return { kind: "expired", session };
    return { kind: "ok", session };
  }

  /** Gives the session a new token living `timeoutSeconds`; the old token stops working. */
  renew(session: Session, timeoutSeconds: number): string {
    const issuedAt = this.#now();
    session.expiresAt = issuedAt + timeoutSeconds * 1000;
    session.token = mintToken(session.principal, issuedAt, session.expiresAt);
    return session.token;
  }

  /** Makes the session's key and token unusable. */
  revoke(session: Session): void {
    session.revoked = true;
  }
}

/**
 * The `AuthResponse` body for a session; `userName` only for SAM users.
 *
 * @example
 * ```ts ignore
 * authResponseBody(session); // {"apiKey":"api-...","token":"...","operatorId":"OP0012345678"}
 * ```
 */
export function authResponseBody(session: Session): string {
  const { operatorId, userName } = session.principal;
  return JSON.stringify({
    apiKey: session.apiKey,
    token: session.token,
    operatorId,
    ...(userName === undefined ? {} : { userName }),
  });
}
