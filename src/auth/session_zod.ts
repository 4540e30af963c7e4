/**
 * The zod schemas of a login reply and of a session cache file. Like the
 * profile's, they are turned into plain checks by `scripts/gen_validators.ts`:
 * no command loads zod, a reply the check turns down is an error, and a file
 * it turns down is simply not used.
 *
 * @module
 */

import { z } from "zod";

/** A session cache file's contents. */
export interface CachedSessionFile {
  /** The file format's version: 2 (1 had no identity; such files are not used). */
  version: 2;
  /** The key (file name) it was written under: a file under another name is not used. */
  identity: string;
  /** The API key (absent when it is in the keyring). */
  apiKey?: string;
  /** The API token (absent when it is in the keyring). */
  token?: string;
  /** "keyring": the API key and token are in the OS keyring, under the file's key. */
  store?: "keyring";
  /** The operator the session belongs to. */
  operatorId: string;
  /** The SAM user, for a SAM user's session. */
  userName?: string;
  /** When the token expires (milliseconds since the epoch). */
  expiresAt: number;
  /** Lifetime asked for at login, in seconds (renewals ask for the same). */
  lifetimeSeconds: number;
  /** The endpoint the session was made at. */
  endpoint: string;
  /** Which profile or flag made it (shown by `logout`; not a secret). */
  label: string;
  /** The making profile's `headers`, sent with its renewal and logout (not another profile's). */
  headers?: Record<string, string>;
  /** The login that made it sent a one-time code: MFA is on, and the next login needs a code too. */
  mfa?: boolean;
}

/** What a login reply holds (other fields are ignored). */
export interface AuthResponse {
  /** The API key. */
  apiKey: string;
  /** The API token. */
  token: string;
  /** The operator logged in. */
  operatorId: string;
  /** The SAM user, for a SAM user's login. */
  userName?: string;
}

/**
 * What a session file holds: the session and who it was made for.
 *
 * @ignore zod's own types, which its value has, are documented by zod.
 */
export const cachedSessionSchema: z.ZodType<CachedSessionFile> = z.object({
  version: z.literal(2),
  identity: z.string().min(64).max(64),
  apiKey: z.string().min(1).optional(),
  token: z.string().min(1).optional(),
  store: z.literal("keyring").optional(),
  operatorId: z.string(),
  userName: z.string().optional(),
  expiresAt: z.number(),
  /** Lifetime asked for at login, in seconds (renewals ask for the same). */
  lifetimeSeconds: z.number().int().positive(),
  endpoint: z.string(),
  /** Which profile or flag made it (shown by `logout`; not a secret). */
  label: z.string(),
  /** The making profile's `headers`, sent with its renewal and logout. */
  headers: z.record(z.string(), z.string()).optional(),
  /** The login that made it sent a one-time code. */
  mfa: z.boolean().optional(),
});

/**
 * What `POST /v1/auth` and `/v1/auth/switch_user` answer (other fields are ignored).
 *
 * @ignore zod's own types, which its value has, are documented by zod.
 */
export const authResponseSchema: z.ZodType<AuthResponse> = z.object({
  apiKey: z.string().min(1),
  token: z.string().min(1),
  operatorId: z.string().min(1),
  userName: z.string().optional(),
});
