/**
 * `soracom auth status`: for the selected profile, or every profile with
 * `--all`, who it logs in as, where, whether a session is cached and until
 * when, and what the next login would run. Nothing is run and nothing is sent;
 * no secret is printed. `--json` for scripts. Exits 0 when the profile asked
 * for runs commands without logging in, 1 when not (as `gh auth status`).
 *
 * @module
 */

import { type JsonValue, RawNumber, stringifyPretty } from "../../json/mod.ts";
import { prepare } from "../../auth/invocation.ts";
import { type ProfileStatus, profileStatus } from "../../auth/status.ts";
import type { Context } from "../../context.ts";
import { CliError } from "../../errors.ts";
import { type Lang, type Messages, messages } from "../../messages.ts";
import { listProfiles, profileDir } from "../../profile/store.ts";
import { booleanFlag, type GlobalFlagValues, globalOptions } from "../flags.ts";
import { sayHint } from "../../output/stderr.ts";
import { table } from "../../output/table.ts";
import { type Command, defineCommand, type OwnFlags } from "../command.ts";

/** The flags of `auth status`. */
export interface AuthStatusFlags extends GlobalFlagValues {
  /** Every profile in the profile folder. */
  readonly all?: boolean;
  /** JSON instead of a table. */
  readonly json?: boolean;
}

/**
 * How long until `at`, or since it, in the largest two units: `in 23h 59m`,
 * `12m ago`.
 *
 * For example 90 minutes ahead reads `in 1h 30m`.
 */
function relativeTime(at: number, now: number, m: Messages): string {
  const seconds = Math.round(Math.abs(at - now) / 1000);
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  const u = m.timeUnits;
  const parts: [number, string][] = d > 0
    ? [[d, u.d], [h, u.h]]
    : h > 0
    ? [[h, u.h], [min, u.m]]
    : min > 0
    ? [[min, u.m]]
    : [[seconds, u.s]];
  const span = parts.filter(([n], i) => i === 0 || n > 0).map(([n, unit]) => `${n}${unit}`)
    .join(" ");
  return at >= now ? m.timeIn(span) : m.timeAgo(span);
}

function who(s: ProfileStatus, m: Messages): string {
  const name = s.email ?? s.authKeyId ??
    [s.operatorId, s.userName].filter((x) => x !== undefined).join(" ");
  const via = s.sourceProfile ? ` ${m.statusVia(s.sourceProfile)}` : "";
  return `${name || "-"}${via}`;
}

function runs(s: ProfileStatus, m: Messages): string {
  const list = [
    s.runs.profileCommand ? "profileCommand" : undefined,
    s.runs.mfaOTPCommand ? "mfaOTPCommand" : undefined,
    s.runs.otpPrompt === "yes"
      ? m.statusAsksCode
      : s.runs.otpPrompt === "unknown"
      ? m.statusAsksCodeIfOn
      : undefined,
  ].filter((x) => x !== undefined);
  return list.length > 0 ? list.join(", ") : "-";
}

function row(s: ProfileStatus, now: number, m: Messages, lang: Lang): string[] {
  const expires = s.expiresAt === undefined ? "-" : relativeTime(s.expiresAt, now, m);
  return [
    s.profile,
    m.credentialKind[s.kind],
    who(s, m),
    `${s.endpoint} (${s.coverageType})`,
    s.failure ? m.statusError(s.failure.textIn(lang)) : m.sessionState[s.session],
    expires,
    runs(s, m),
  ];
}

function asJson(s: ProfileStatus, now: number): JsonValue {
  const out: Record<string, JsonValue> = {
    profile: s.profile,
    kind: s.kind,
    endpoint: s.endpoint,
    coverageType: s.coverageType,
    session: s.session,
    runs: { ...s.runs },
  };
  for (
    const key of ["operatorId", "userName", "email", "authKeyId", "sourceProfile", "error"] as const
  ) {
    const value = s[key];
    if (typeof value === "string") out[key] = value;
  }
  if (s.expiresAt !== undefined) {
    out.expiresAt = new Date(s.expiresAt).toISOString();
    out.expiresInSeconds = new RawNumber(String(Math.round((s.expiresAt - now) / 1000)));
  }
  return out;
}

/**
 * Which columns stay when the terminal cannot hold them all, by their place in
 * a row: the profile, its session, its expiry, who, kind, endpoint, what runs.
 */
const STATUS_RANKS = [0, 4, 3, 5, 1, 2, 6];
/** The columns never cut: the profile's name, who it logs in as, and where (a cut URL says nothing). */
const STATUS_WHOLE = [0, 2, 3];

/** The rows as a table fitted to the terminal, and a hint naming the columns left out. */
function printTable(ctx: Context, rows: readonly string[][], m: Messages): void {
  const laid = table(
    m.statusColumns.map((header, i) => ({
      header,
      cells: rows.map((r) => r[i]),
      rank: STATUS_RANKS[i],
      whole: STATUS_WHOLE.includes(i),
    })),
    ctx.terminalWidth(),
  );
  ctx.stdout.write(laid.text);
  if (laid.hidden.length > 0) {
    sayHint(
      ctx,
      m.statusLeftOut(laid.hidden.map((i) => m.statusColumns[i])),
    );
  }
}

/** True when the next command of this profile needs no login. */
function ready(s: ProfileStatus): boolean {
  return !s.error && s.session !== "none";
}

/**
 * Prints the status and returns the exit code: 0 when the profile asked for
 * is ready (with `--all`, when every profile could be read), 1 when not.
 */
export async function runAuthStatus(ctx: Context, flags: AuthStatusFlags): Promise<number> {
  const options = globalOptions(flags);
  const m = messages(ctx.lang);
  let names: (string | undefined)[] = [options.profile];
  if (flags.all) {
    names = await listProfiles(ctx, profileDir(ctx)).catch(() => []);
    if (names.length === 0) throw new CliError("config", m.statusNoProfiles(profileDir(ctx)));
  }
  const statuses: ProfileStatus[] = [];
  for (const name of names) {
    statuses.push(await profileStatus(ctx, await prepare(ctx, { ...options, profile: name })));
  }
  const broken = statuses[0];
  if (!flags.all && broken.failure !== undefined) throw broken.failure;
  const now = ctx.now();
  if (flags.json) {
    const values = statuses.map((s) => asJson(s, now));
    ctx.stdout.write(`${stringifyPretty(flags.all ? values : values[0])}\n`);
  } else printTable(ctx, statuses.map((s) => row(s, now, m, ctx.lang)), m);
  if (flags.all) return statuses.some((s) => s.error) ? 1 : 0;
  return ready(statuses[0]) ? 0 : 1;
}

/** The `auth status` command. */
export function authStatusCommand(): Command {
  return defineCommand<OwnFlags<AuthStatusFlags>>({
    flags: {
      all: booleanFlag(),
      json: booleanFlag(),
    },
    run: runAuthStatus,
  });
}
