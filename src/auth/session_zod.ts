/**
 * The zod schema of a session cache file. Like the profile's, it is turned
 * into plain checks by `scripts/gen_validators.ts`; a warm command never
 * loads zod, and a file the checks turn down is simply not used.
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
