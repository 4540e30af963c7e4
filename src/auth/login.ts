/**
 * Logging in: `POST /v1/auth` with a profile's credential fields and a one-time
 * code, and `POST /v1/auth/switch_user` for switch-user profiles.
 *
 * Where the OTP comes from, first that applies: `--mfa-otpcode`; `mfaOTPCode`
 * from the profile (or its profileCommand's output); `mfaOTPCommand`; and, when
 * the API answers AUM0063 (OTP required) and a terminal is attached, a prompt.
 *
 * @module
 */

import { type ApiTarget, callApi, responseError } from "../api/client.ts";
import { parseJsonData } from "../api/json.ts";
import { parseAuthResponse } from "../validators.generated.ts";
import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { otpFromCommand } from "../profile/command.ts";
import type { Profile } from "../profile/schema.ts";

/** A logged-in session. */
export interface Session {
  readonly apiKey: string;
  readonly token: string;
  readonly operatorId: string;
  readonly userName?: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
}

/** `/auth` tokens last this long unless asked otherwise. */
export const DEFAULT_TOKEN_SECONDS = 86400;
/** Switch-user tokens last this long unless asked otherwise. */
export const DEFAULT_SWITCH_SECONDS = 3600;

/** The `/auth` request body fields soracom-cli sends. */
export interface AuthBody {
  email?: string;
  password?: string;
  authKeyId?: string;
  authKey?: string;
  userName?: string;
  operatorId?: string;
  mfaOTPCode?: string;
}

/** The `/auth` body for a profile's credential fields (`username` goes out as `userName`). */
export function authBodyOf(profile: Profile): AuthBody {
  const body: AuthBody = {};
  if (profile.email) body.email = profile.email;
  if (profile.password) body.password = profile.password;
  if (profile.authKeyId) body.authKeyId = profile.authKeyId;
  if (profile.authKey) body.authKey = profile.authKey;
  if (profile.username) body.userName = profile.username;
  if (profile.operatorId) body.operatorId = profile.operatorId;
  if (profile.mfaOTPCode) body.mfaOTPCode = profile.mfaOTPCode;
  return body;
}

/** True when the body could log in at all. */
export function hasCredentials(body: AuthBody): boolean {
  return Boolean(
    (body.authKeyId && body.authKey) || (body.email && body.password) ||
      (body.operatorId && body.userName && body.password),
  );
}

async function parseSession(
  response: Response,
  now: number,
  lifetimeSeconds: number,
): Promise<Session> {
  let value: unknown;
  try {
    value = parseJsonData(await response.text());
  } catch {
    throw new CliError("auth", "the authentication response is not JSON");
  }
  // The check generated from authResponseSchema (session_zod.ts): no zod on a login either.
  const data = parseAuthResponse(value);
  if (data === undefined) {
    throw new CliError(
      "auth",
      "the authentication response is missing apiKey, token or operatorId",
    );
  }
  return { ...data, expiresAt: now + lifetimeSeconds * 1000 };
}

/** Reads the API error code (`AUM0063`, ...) from an error body, if any. */
function errorCode(text: string): string | undefined {
  try {
    const value: unknown = parseJsonData(text);
    if (value !== null && typeof value === "object" && "code" in value) {
      const code = (value as { code: unknown }).code;
      return typeof code === "string" ? code : undefined;
    }
  } catch { /* not JSON */ }
  return undefined;
}

/** How a login finds its one-time code. */
export interface OtpSources {
  /** `--mfa-otpcode`. */
  readonly flag?: string;
  /** `mfaOTPCommand` from the profile. */
  readonly command?: string;
  /** Shown in the prompt: `MFA OTP code for LABEL: `. */
  readonly label: string;
}

function post(ctx: Context, target: ApiTarget, path: string, body: unknown, auth?: Session) {
  // soracom-cli retries its own /auth calls even with --no-retry-on-error.
  return callApi(
    ctx,
    target,
    {
      method: "POST",
      path,
      body: JSON.stringify(body),
      contentType: "application/json",
    },
    auth,
    { retry: true },
  );
}

/**
 * `POST /v1/auth`. Prompts for an OTP once when the API says one is required
 * and a terminal is attached.
 *
 * @throws CliError (`auth`) with the API's error body when the login is refused
 */
export async function login(
  ctx: Context,
  target: ApiTarget,
  credentials: AuthBody,
  otp: OtpSources,
): Promise<Session> {
  const body: AuthBody = { ...credentials };
  // AuthKeys are never subject to MFA: no code is fetched for them.
  if (otp.flag) body.mfaOTPCode = otp.flag;
  else if (!body.mfaOTPCode && otp.command && !body.authKeyId) {
    body.mfaOTPCode = await otpFromCommand(ctx, otp.command);
  }
  let response = await post(ctx, target, "/auth", body);
  if (response.status === 401 && !body.mfaOTPCode) {
    const text = await response.text();
    const code = errorCode(text) === "AUM0063"
      ? (await ctx.prompt(`MFA OTP code for ${otp.label}: `))?.trim()
      : undefined;
    if (!code) throw new CliError("auth", text.trim() || "HTTP 401", { status: 401 });
    response = await post(ctx, target, "/auth", { ...body, mfaOTPCode: code });
  }
  if (!response.ok) throw await responseError(response, "auth");
  return await parseSession(response, ctx.now(), DEFAULT_TOKEN_SECONDS);
}

/** The switch-user target and its token lifetime. */
export interface SwitchTarget {
  readonly operatorId: string;
  readonly userName: string;
  /** Sent only when 180..3600, as soracom-cli does. */
  readonly tokenTimeoutSeconds?: number;
}

/** The lifetime to ask for, or undefined when it is outside what the API accepts. */
export function switchTimeout(seconds: number | undefined): number | undefined {
  return seconds !== undefined && seconds >= 180 && seconds <= 3600 ? seconds : undefined;
}

/** `POST /v1/auth/switch_user` with the source session. */
export async function switchUser(
  ctx: Context,
  target: ApiTarget,
  source: Session,
  to: SwitchTarget,
): Promise<Session> {
  const timeout = switchTimeout(to.tokenTimeoutSeconds);
  const body: Record<string, unknown> = { operatorId: to.operatorId, userName: to.userName };
  if (timeout !== undefined) body.tokenTimeoutSeconds = timeout;
  const response = await post(ctx, target, "/auth/switch_user", body, source);
  if (!response.ok) throw await responseError(response, "auth");
  return await parseSession(response, ctx.now(), timeout ?? DEFAULT_SWITCH_SECONDS);
}
