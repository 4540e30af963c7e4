/**
 * API keys and tokens: issued at sign-in and switch user, renewed by the token
 * API, revoked at logout, checked on every request against the emulator's
 * clock. They live in the state, so a client's cached session survives a
 * restart with `--state`. Keys and tokens are random (not seeded): a session
 * of one emulator never works on another.
 *
 * @module
 */

import type { SessionRecord, WorldData } from "./world_data.ts";

/** Who a session acts as: a root user (no `userName`) or a SAM user. */
export interface Principal {
  /** The operator. */
  readonly operatorId: string;
  /** The SAM user, for a SAM user. */
  readonly userName?: string;
  /** The AuthKey it signed in with, if one. */
  readonly authKeyId?: string;
}

/** What a request's API key and token are. */
export type SessionCheck =
  | { readonly kind: "ok"; readonly session: SessionRecord }
  | { readonly kind: "missing" }
  | { readonly kind: "invalid" }
  | { readonly kind: "expired"; readonly session: SessionRecord };

/** Base64url without padding, as JWTs are written. */
function base64Url(bytes: Uint8Array): string {
  return bytes.toBase64({ alphabet: "base64url", omitPadding: true });
}

function jsonPart(value: unknown): string {
  return base64Url(new TextEncoder().encode(JSON.stringify(value)));
}

/**
 * A token shaped like SORACOM's (a JWT: header, payload, signature). Only the
 * payload's operator, user and times mean anything; the signature is random.
 */
function mintToken(principal: Principal, issuedAt: number, expiresAt: number): string {
  const payload = {
    iss: "https://emulator.soracom.invalid/",
    jti: crypto.randomUUID(),
    iat: Math.floor(issuedAt / 1000),
    exp: Math.floor(expiresAt / 1000),
    operator: { operatorId: principal.operatorId },
    ...(principal.userName === undefined
      ? {}
      : { user: { operatorId: principal.operatorId, userName: principal.userName } }),
  };
  const signature = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  return `${jsonPart({ alg: "RS256", typ: "JWT" })}.${jsonPart(payload)}.${signature}`;
}

/** A day after expiry a session is forgotten: its key is then just unknown. */
const FORGET_AFTER_MS = 86_400_000;

/** The sessions of one world. */
export class Sessions {
  readonly #byKey = new Map<string, SessionRecord>();

  /** The sessions of `data`, on the emulator's clock. */
  constructor(private readonly data: WorldData, private readonly now: () => number) {
    for (const s of data.sessions) this.#byKey.set(s.apiKey, s);
  }

  /** A new session for `principal` whose token lives `seconds`. */
  issue(principal: Principal, seconds: number): SessionRecord {
    const now = this.now();
    this.#forgetOld(now);
    const session: SessionRecord = {
      apiKey: `api-${crypto.randomUUID()}`,
      token: mintToken(principal, now, now + seconds * 1000),
      operatorId: principal.operatorId,
      userName: principal.userName,
      authKeyId: principal.authKeyId,
      expiresAt: now + seconds * 1000,
    };
    this.data.sessions.push(session);
    this.#byKey.set(session.apiKey, session);
    return session;
  }

  /** What `X-Soracom-API-Key` and `X-Soracom-Token` are worth. */
  check(apiKey: string | null, token: string | null): SessionCheck {
    if (!apiKey || !token) return { kind: "missing" };
    const session = this.#byKey.get(apiKey);
    if (session === undefined || session.token !== token) return { kind: "invalid" };
    return this.now() >= session.expiresAt ? { kind: "expired", session } : { kind: "ok", session };
  }

  /** A new token for the session, living `seconds`; the old one stops working. */
  renew(session: SessionRecord, seconds: number): string {
    const now = this.now();
    session.expiresAt = now + seconds * 1000;
    session.token = mintToken(session, now, session.expiresAt);
    return session.token;
  }

  /** Ends the sessions `which` picks. */
  revoke(which: (session: SessionRecord) => boolean): void {
    this.data.sessions = this.data.sessions.filter((s) => {
      if (!which(s)) return true;
      this.#byKey.delete(s.apiKey);
      return false;
    });
  }

  #forgetOld(now: number): void {
    this.revoke((s) => now - s.expiresAt > FORGET_AFTER_MS);
  }
}
