/**
 * `soracom auth` and `soracom logout`.
 *
 * `auth` with credential flags (or `--body`) is soracom-cli's `POST /auth`.
 * Without them it logs in the way every command does (profile, profileCommand,
 * OTP, session cache) and prints `{apiKey, operatorId, token, userName}`, so
 * other tools can use the session.
 *
 * `logout` revokes the cached session on the server and deletes it; `--all`
 * does that for every cached session.
 *
 * @module
 */

import { stringifyPretty } from "../../json/mod.ts";
import { sessionProvider } from "../../auth/credentials.ts";
import { type Invocation, prepare } from "../../auth/invocation.ts";
import { cacheSlot, cleanLeftovers, obtainSession, revokeCached } from "../../auth/session.ts";
import { SessionCache, sessionDir } from "../../auth/session_cache.ts";
import type { Catalog, CatalogOperation } from "../../catalog/types.ts";
import type { Context } from "../../context.ts";
import { CliError } from "../../errors.ts";
import { operationFlags, runApiCommand } from "../api_run.ts";
import { booleanFlag, type GlobalFlagValues, globalOptions } from "../flags.ts";
import {
  type Command,
  defineCommand,
  type OperationFlagValues,
  type OwnFlags,
} from "../command.ts";
import { messages, said } from "../../messages.ts";

function operation(catalog: Catalog | undefined, name: string): CatalogOperation {
  const op = catalog?.operations.find((o) => o.names.includes(name));
  if (!op) throw new CliError("internal", said("catalogueLacks", name));
  return op;
}

/** `soracom auth` prints a cached session only with at least this much time left. */
const AUTH_MIN_REMAINING_MS = 10 * 60_000;

const DIRECT_FLAGS = [
  "auth-key-id",
  "auth-key",
  "email",
  "password",
  "operator-id",
  "user-name",
  "body",
];

/** The flags of `auth`: the global ones and those of the `POST /auth` operation. */
export type AuthFlags = GlobalFlagValues & OperationFlagValues;

/** Prints the session for the selected profile (or logs in directly with flags). */
export async function runAuth(ctx: Context, op: CatalogOperation, flags: AuthFlags): Promise<void> {
  if (DIRECT_FLAGS.some((f) => flags[f] !== undefined)) {
    await runApiCommand(ctx, op, flags);
    return;
  }
  const local = new Set(Object.keys(operationFlags(op)));
  local.delete("mfa-otpcode");
  const inv = await prepare(ctx, globalOptions(flags, local));
  // Another tool will use this session: hand out one with some life left in it.
  const session = await obtainSession(ctx, await sessionProvider(inv), AUTH_MIN_REMAINING_MS);
  const out: Record<string, string> = {
    apiKey: session.apiKey,
    operatorId: session.operatorId,
    token: session.token,
  };
  if (session.userName) out.userName = session.userName;
  ctx.stdout.write(`${stringifyPretty(out)}\n`);
}

/** The `auth` command. */
export function authCommand(catalog: Catalog | undefined): Command {
  const op = operation(catalog, "auth");
  return defineCommand<Record<never, never>, OperationFlagValues>({
    flags: {},
    operationFlags: operationFlags(op),
    run: (ctx, flags) => runAuth(ctx, op, flags),
  });
}

/** The flags of `logout`. */
export interface LogoutFlags extends GlobalFlagValues {
  /** Every cached session, not only the profile's. */
  readonly all?: boolean;
  /** Delete the sessions here without asking the server to revoke them. */
  readonly local?: boolean;
}

/** Revokes every session in `cache`: how many went, could not be reached, or were refused. */
async function revokeAll(ctx: Context, inv: Invocation, cache: SessionCache, local?: boolean) {
  let count = 0;
  let unreachable = 0;
  const failures: string[] = [];
  for (const key of await cache.keys().catch(() => [])) {
    // One session the server will not revoke must not keep the others alive.
    try {
      if (await revokeCached(ctx, inv, cache, key, local)) count++;
    } catch (e) {
      if (e instanceof CliError && e.kind === "network") unreachable++;
      else failures.push(e instanceof Error ? e.message : String(e));
    }
  }
  await cache.removeStrayLocks().catch(() => {});
  // A session a killed run left in a temp file is revoked and deleted too, however young.
  await cleanLeftovers(ctx, inv, cache);
  return { count, unreachable, failures };
}

async function logoutAll(ctx: Context, flags: LogoutFlags) {
  const m = messages(ctx.lang);
  const inv = await prepare(ctx, globalOptions(flags));
  // A folder that cannot be trusted was warned of, and holds nothing of ours to revoke.
  const cache = await SessionCache.open(ctx, sessionDir(ctx));
  const { count, unreachable, failures } = cache
    ? await revokeAll(ctx, inv, cache, flags.local)
    : { count: 0, unreachable: 0, failures: [] };
  ctx.stderr.write(
    `${
      flags.local ? m.loggedOutLocally(m.sessionCount(count)) : m.loggedOut(m.sessionCount(count))
    }\n`,
  );
  if (failures.length > 0) {
    throw new CliError("api", m.logoutKept(m.sessionCount(failures.length), failures[0]));
  }
  if (unreachable > 0) {
    throw new CliError("network", m.logoutUnreachable(m.sessionCount(unreachable)));
  }
}

/** `logout`: revokes and deletes the profile's cached session (every one with `--all`). */
export async function runLogout(
  ctx: Context,
  op: CatalogOperation,
  flags: LogoutFlags,
): Promise<void> {
  if (flags.all === true) {
    await logoutAll(ctx, flags);
    return;
  }
  const inv = await prepare(ctx, globalOptions(flags));
  const provider = await sessionProvider(inv);
  if (provider.kind === "apiKey") {
    // soracom-cli's logout: revoke the key and token given on the command line.
    await runApiCommand(ctx, op, { ...flags });
    return;
  }
  const m = messages(ctx.lang);
  const slot = await cacheSlot(ctx, provider, true);
  if (slot) await cleanLeftovers(ctx, inv, slot.cache);
  try {
    if (slot && await revokeCached(ctx, inv, slot.cache, slot.key, flags.local)) return;
  } catch (e) {
    if (e instanceof CliError && e.kind === "network") {
      throw new CliError("network", m.logoutUnreachable(m.sessionCount(1)), { cause: e });
    }
    throw e;
  }
  // Logging in (and asking for an OTP) only to revoke that new key would be pointless.
  ctx.stderr.write(`${m.nothingToLogOut(provider.label(m))}\n`);
}

/** The `logout` command. */
export function logoutCommand(catalog: Catalog | undefined): Command {
  const op = operation(catalog, "logout");
  return defineCommand<OwnFlags<LogoutFlags>>({
    flags: {
      all: booleanFlag(),
      local: booleanFlag(),
    },
    run: (ctx, flags) => runLogout(ctx, op, flags),
  });
}
