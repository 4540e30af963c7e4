/**
 * The profile's zod schema: the one definition of what a profile may hold.
 * Commands do not load this module (zod costs more to load than a warm API
 * call); `scripts/gen_validators.ts` turns it into the plain checks they run,
 * and it is loaded only to explain a profile those checks turn down.
 *
 * @module
 */

import { z } from "zod";

export const profileSchema = z.object({
  sandbox: z.boolean().optional(),
  coverageType: z.string().optional(),
  email: z.string().optional(),
  password: z.string().optional(),
  authKeyId: z.string().optional(),
  authKey: z.string().optional(),
  username: z.string().optional(),
  operatorId: z.string().optional(),
  endpoint: z.string().optional(),
  registerPaymentMethod: z.boolean().optional(),
  profileCommand: z.string().optional(),
  sourceProfile: z.string().optional(),
  tokenTimeoutSeconds: z.number().int().optional(),
  mfaOTPCode: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** Ours: a command that prints only the current OTP. */
  mfaOTPCommand: z.string().optional(),
  /** Ours: `false` turns the session cache off for this profile. */
  sessionCache: z.boolean().optional(),
});

/** A profile, as read from a file or from a profileCommand's output. */
export type Profile = z.infer<typeof profileSchema>;
