/**
 * The zod schemas of a login reply and of a session cache file. Like the
 * profile's, they are turned into plain checks by `scripts/gen_validators.ts`:
 * no command loads zod, a reply the check turns down is an error, and a file
 * it turns down is simply not used.
 *
 * @module
 */

import { z } from "zod";

export const cachedSessionSchema = z.object({
  version: z.literal(1),
  apiKey: z.string().min(1),
  token: z.string().min(1),
  operatorId: z.string(),
  userName: z.string().optional(),
  expiresAt: z.number(),
  /** Lifetime asked for at login, in seconds (renewals ask for the same). */
  lifetimeSeconds: z.number().int().positive(),
  endpoint: z.string(),
  /** Which profile or flag made it (shown by `logout`; not a secret). */
  label: z.string(),
});

/** A session cache file's contents. */
export type CachedSessionFile = z.infer<typeof cachedSessionSchema>;

/** What `POST /v1/auth` and `/v1/auth/switch_user` answer (other fields are ignored). */
export const authResponseSchema = z.object({
  apiKey: z.string().min(1),
  token: z.string().min(1),
  operatorId: z.string().min(1),
  userName: z.string().optional(),
});

/** A login reply's fields. */
export type AuthResponse = z.infer<typeof authResponseSchema>;
