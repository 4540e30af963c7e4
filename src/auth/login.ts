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
import { bodyText, MAX_TEXT_BYTES } from "../api/body.ts";
import { parseJsonData } from "../json/mod.ts";
import { parseAuthResponse } from "./validators.generated.ts";
import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { type Messages, messages, said } from "../messages.ts";
import { otpFromCommand } from "../profile/command.ts";
import type { Profile } from "../profile/schema.ts";

/** A logged-in session. */
export interface Session {
  /** The API key. */
  readonly apiKey: string;
  /** The API token. */
  readonly token: string;
  /** The operator the session belongs to. */
  readonly operatorId: string;
  /** The SAM user, for a SAM user's session. */
  readonly userName?: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
  /** The login sent a one-time code (MFA is on for this user): `auth status` says so. */
  readonly mfa?: boolean;
}

/** `/auth` tokens last this long unless asked otherwise. */
const DEFAULT_TOKEN_SECONDS = 86400;
/** Switch-user tokens last this long unless asked otherwise. */
const DEFAULT_SWITCH_SECONDS = 3600;

/** The `/auth` request body fields soracom-cli sends. */
export interface AuthBody {
  /** A root user's email. */
  email?: string;
  /** The password (root or SAM user). */
  password?: string;
  /** An AuthKey's ID. */
  authKeyId?: string;
  /** An AuthKey's secret. */
  authKey?: string;
  /** A SAM user's name. */
  userName?: string;
  /** A SAM user's operator. */
  operatorId?: string;
  /** The MFA one-time code. */
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
    value = parseJsonData(await bodyText(response, MAX_TEXT_BYTES));
  } catch {
    throw new CliError("auth", said("loginNotJson"));
  }
  // The check generated from authResponseSchema (session_zod.ts): no zod on a login either.
  const data = parseAuthResponse(value);
  if (data === undefined) {
    throw new CliError("auth", said("loginIncomplete"));
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
  /** The profile (or AuthKey ID) being logged in, as prompts and errors name it. */
  readonly label: string;
}

/** How many codes a terminal user may type for one login. */
const OTP_TRIES = 3;

/**
 * A one-time code as people type or paste it (`844 372`, `844-372`): spaces and
 * dashes dropped. `undefined` unless what is left is 6 digits.
 *
 * For example `" 844 372 "` gives `"844372"`, `"84437"` gives `undefined`.
 */
function normalizeOtp(text: string): string | undefined {
  const code = text.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(code) ? code : undefined;
}

/** The code from the flag, the profile's field or its mfaOTPCommand, checked before it is sent. */
async function givenCode(
  ctx: Context,
  body: AuthBody,
  otp: OtpSources,
  m: Messages,
): Promise<string | undefined> {
  if (otp.flag) {
    const code = normalizeOtp(otp.flag);
    if (code === undefined) throw new CliError("usage", m.otpFlagInvalid);
    return code;
  }
  if (body.mfaOTPCode) {
    const code = normalizeOtp(body.mfaOTPCode);
    if (code === undefined) throw new CliError("auth", m.otpFieldInvalid(otp.label));
    return code;
  }
  // AuthKeys are never subject to MFA: no code is fetched for them.
  if (otp.command && !body.authKeyId) {
    const code = normalizeOtp(await otpFromCommand(ctx, otp.command));
    if (code === undefined) throw new CliError("auth", m.otpCommandInvalid);
    return code;
  }
  return undefined;
}

/** Why `/auth` said 401, as far as its answer tells. */
type Refusal = "codeNeeded" | "codeWrong" | "passwordOrCode" | "credentials";

function refusal(apiCode: string | undefined, sentCode: boolean): Refusal {
  // AUM0063 is what SORACOM answers without a code; a wrong code is reported under a code of the
  // same family. Any other 401 after a code was sent cannot tell the password from the code.
  const aboutCode = apiCode === "AUM0063" || apiCode === "AUM0064";
  if (!sentCode) return apiCode === "AUM0063" ? "codeNeeded" : "credentials";
  return aboutCode ? "codeWrong" : "passwordOrCode";
}

function refusalHint(why: Refusal, label: string, m: Messages): string | undefined {
  switch (why) {
    case "codeNeeded":
      return m.hintCodeNeeded(label);
    case "codeWrong":
      return m.hintCodeWrong(label);
    case "passwordOrCode":
      return m.hintPasswordOrCode(label);
    case "credentials":
      return undefined;
  }
}

/**
 * Asks for a code on the terminal until one has 6 digits. `undefined` when
 * nobody can be asked; an empty answer aborts the login.
 *
 * @param again the last code was refused: said with the prompt, so it shows
 * only where someone can answer
 */
async function askCode(
  ctx: Context,
  label: string,
  m: Messages,
  again: boolean,
): Promise<string | undefined> {
  let question = again ? `${m.otpNotAccepted(label)}\n${m.otpPrompt(label)}` : m.otpPrompt(label);
  for (;;) {
    const answer = await ctx.prompt(question, { secret: true });
    if (answer === undefined) return undefined;
    if (answer.trim() === "") throw new CliError("aborted", m.otpAborted);
    const code = normalizeOtp(answer);
    if (code !== undefined) return code;
    question = `${m.otpNotSixDigits}\n${m.otpPrompt(label)}`;
  }
}

function post(ctx: Context, target: ApiTarget, path: string, body: unknown, auth?: Session) {
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
    { announceRetries: true },
  );
}

/**
 * `POST /v1/auth`. The code comes from the flag, the profile, its
 * mfaOTPCommand or, when the API refuses for want of a right one and a
 * terminal is attached, a prompt that asks again after a wrong code (up to
 * {@link OTP_TRIES} codes).
 *
 * @throws CliError (`auth`) with the API's error body, and a hint, when the login is refused
 */
export async function login(
  ctx: Context,
  target: ApiTarget,
  credentials: AuthBody,
  otp: OtpSources,
): Promise<Session> {
  const m = messages(target.lang);
  const body: AuthBody = { ...credentials };
  const given = await givenCode(ctx, body, otp, m);
  if (given !== undefined) body.mfaOTPCode = given;
  else delete body.mfaOTPCode;
  ctx.secrets.add(body.password, body.authKey, body.mfaOTPCode);
  let response = await post(ctx, target, "/auth", body);
  for (let typed = 0; response.status === 401; typed++) {
    const text = (await bodyText(response, MAX_TEXT_BYTES)).trim();
    const why = refusal(errorCode(text), body.mfaOTPCode !== undefined);
    const refused = () =>
      new CliError("auth", text || "HTTP 401", {
        status: 401,
        hint: refusalHint(why, otp.label, m),
      });
    if (why === "credentials" || why === "passwordOrCode" || typed >= OTP_TRIES) throw refused();
    const code = await askCode(ctx, otp.label, m, why === "codeWrong");
    if (code === undefined) throw refused();
    body.mfaOTPCode = code;
    ctx.secrets.add(code);
    response = await post(ctx, target, "/auth", body);
  }
  if (!response.ok) throw await responseError(response, "auth");
  const session = await parseSession(response, ctx.now(), DEFAULT_TOKEN_SECONDS);
  ctx.secrets.add(session.apiKey, session.token);
  return body.mfaOTPCode === undefined ? session : { ...session, mfa: true };
}

/** The switch-user target and its token lifetime. */
export interface SwitchTarget {
  /** The operator to switch to. */
  readonly operatorId: string;
  /** The SAM user to switch to. */
  readonly userName: string;
  /** Sent only when 180..3600, as soracom-cli does. */
  readonly tokenTimeoutSeconds?: number;
}

/** The lifetime to ask for, or undefined when it is outside what the API accepts. */
function switchTimeout(seconds: number | undefined): number | undefined {
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
  const session = await parseSession(response, ctx.now(), timeout ?? DEFAULT_SWITCH_SECONDS);
  ctx.secrets.add(session.apiKey, session.token);
  return session;
}
