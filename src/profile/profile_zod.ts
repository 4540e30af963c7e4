/**
 * The profile's zod schema: the one definition of what a profile may hold.
 * Commands do not load this module (zod costs more to load than a warm API
 * call); `scripts/gen_validators.ts` turns it into the plain checks they run,
 * and it is loaded only to explain a profile those checks turn down.
 *
 * @module
 */

import { z } from "zod";

/** A profile: soracom-cli's fields, and two of ours. */
export interface Profile {
  /** An API Sandbox profile. */
  sandbox?: boolean;
  /** `jp` or `g`. */
  coverageType?: string;
  /** A root user's email. */
  email?: string;
  /** The root or SAM user's password. */
  password?: string;
  /** An AuthKey's ID. */
  authKeyId?: string;
  /** An AuthKey's secret. */
  authKey?: string;
  /** A SAM user's name (or the switch-user target's). */
  username?: string;
  /** A SAM user's operator (or the switch-user target's). */
  operatorId?: string;
  /** The API endpoint, without `/v1`. */
  endpoint?: string;
  /** Sandbox: register a dummy payment method. */
  registerPaymentMethod?: boolean;
  /** A command that prints a profile as JSON (credentials from a password manager). */
  profileCommand?: string;
  /** Switch user: the profile to log in with first. */
  sourceProfile?: string;
  /** The session's lifetime to ask for, in seconds. */
  tokenTimeoutSeconds?: number;
  /** A fixed MFA one-time code (soracom-cli's; of little use but kept). */
  mfaOTPCode?: string;
  /** Headers added to every request. */
  headers?: Record<string, string>;
  /** Ours: a command that prints only the current OTP. */
  mfaOTPCommand?: string;
  /** Ours: `false` turns the session cache off for this profile. */
  sessionCache?: boolean;
  /** Ours: `true` lets a plain `http://` endpoint that is not this machine get credentials. */
  allowInsecureEndpoint?: boolean;
}

/**
 * A profile file's fields, as soracom-cli reads them.
 *
 * @ignore zod's own types, which its value has, are documented by zod.
 */
export const profileSchema: z.ZodType<Profile> = z.object({
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
  /** Ours: `true` lets a plain `http://` endpoint that is not this machine get credentials. */
  allowInsecureEndpoint: z.boolean().optional(),
});
