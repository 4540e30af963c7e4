/**
 * `soracom api METHOD PATH`: any endpoint, also one newer than the
 * catalogue, as `gh api` does, with everything a generated command has: the
 * profile, the session cache, MFA, retries, `--query`, `--output`,
 * `--dry-run`. PATH is below `/v1` (`/v1/...` is taken too) and may hold
 * `{operator_id}`, filled from the session; a query string in it is kept.
 *
 * - `--field key=value` (repeatable): `true`, `false`, `null` and numbers are
 *   sent as JSON values, anything else as a string; `--raw-field` always as a
 *   string. For GET, HEAD and DELETE they are query parameters, otherwise the
 *   keys of a JSON body.
 * - `--body` (JSON text, `@FILE` or `-`) instead of fields; `--header
 *   'Name: value'` (repeatable) adds a header.
 * - `--paginate` follows `x-soracom-next-key` with `last_evaluated_key`, and
 *   prints every page as one list, as `--fetch-all` does.
 *
 * @module
 */

import { type ApiCall, operatorIdFromToken } from "../../api/client.ts";
import { sessionProvider } from "../../auth/credentials.ts";
import { prepare } from "../../auth/invocation.ts";
import { callWithSession } from "../../auth/session.ts";
import type { Context } from "../../context.ts";
import { CliError } from "../../errors.ts";
import { said } from "../../messages.ts";
import {
  outputMode,
  printDryRun,
  readBodyFlag,
  sendAndPrint,
  type ValueFlags,
  valueFlags,
} from "../api_run.ts";
import { type Command, defineCommand, type OwnFlags } from "../command.ts";
import {
  booleanFlag,
  type GlobalFlagValues,
  globalOptions,
  repeatedStringFlag,
  stringFlag,
} from "../flags.ts";

/** The flags of `soracom api`. */
export interface ApiFlags extends GlobalFlagValues, ValueFlags {
  /** `key=value`, typed (`true`, `false`, `null`, numbers). */
  readonly field?: readonly string[];
  /** `key=value`, always a string. */
  readonly "raw-field"?: readonly string[];
  /** `Name: value`. */
  readonly header?: readonly string[];
  /** The request body: JSON text, `@FILE` or `-`. */
  readonly body?: string;
  /** Follow the pages. */
  readonly paginate?: boolean;
}

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"];
/** How `--paginate` follows a list: SORACOM's usual key parameter and header. */
const PAGING = { param: "last_evaluated_key", header: "x-soracom-next-key" };
/** Methods whose fields go in the query string. */
const QUERY_METHODS = ["GET", "HEAD", "DELETE"];

/** `key=value` split at the first `=`. */
function keyValue(text: string): [string, string] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new CliError("usage", said("apiBadField", text));
  return [text.slice(0, eq), text.slice(eq + 1)];
}

/** A `--field` value as JSON would have it: literals and numbers typed, the rest a string. */
function typed(value: string): unknown {
  if (value === "true") return true;
  if (value === "false") return false;
  if (value === "null") return null;
  return /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(value) ? Number(value) : value;
}

/** The call the arguments and flags describe (its body read from `--body` when given). */
async function callOf(
  ctx: Context,
  method: string,
  target: string,
  flags: ApiFlags,
): Promise<ApiCall> {
  const upper = method.toUpperCase();
  if (!METHODS.includes(upper)) throw new CliError("usage", said("apiBadMethod", method));
  if (!target.startsWith("/")) throw new CliError("usage", said("apiBadPath", target));
  const [pathPart, search = ""] = target.replace(/^\/v1(?=\/|$)/, "").split(/\?(.*)/s);
  const query: [string, string][] = [...new URLSearchParams(search)];
  const fields = [
    ...(flags.field ?? []).map((f) => keyValue(f)).map(([k, v]) => [k, typed(v)] as const),
    ...(flags["raw-field"] ?? []).map((f) => keyValue(f)),
  ];
  const body = await readBodyFlag(ctx, flags.body);
  if (body !== undefined && fields.length > 0) {
    throw new CliError("usage", said("apiFieldsWithBody"));
  }
  const path = pathPart || "/";
  if (QUERY_METHODS.includes(upper)) {
    for (const [k, v] of fields) query.push([k, String(v)]);
    return { method: upper, path, query, body, contentType: body && "application/json" };
  }
  const json = fields.length > 0 ? JSON.stringify(Object.fromEntries(fields)) : undefined;
  const sent = body ?? json;
  return { method: upper, path, query, body: sent, contentType: sent && "application/json" };
}

/** `Name: value` headers as a record. */
function headersOf(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new CliError("usage", said("apiBadField", line));
    out[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return out;
}

/** Runs `soracom api METHOD PATH` with `flags`. */
export async function runApi(
  ctx: Context,
  flags: ApiFlags,
  args: readonly string[],
): Promise<void> {
  if (args.length !== 2) throw new CliError("usage", said("apiUsage"));
  const call = await callOf(ctx, args[0], args[1], flags);
  const mode = await outputMode(ctx, flags, flags["raw-output"] === true);
  const prepared = await prepare(ctx, globalOptions(flags));
  const extraHeaders = { ...prepared.target.extraHeaders, ...headersOf(flags.header ?? []) };
  const inv = { ...prepared, target: { ...prepared.target, extraHeaders } };
  if (flags["dry-run"] !== undefined) {
    const { describeCall } = await import("../../api/dry_run.ts");
    printDryRun(ctx, describeCall(inv.target, call, true, flags["dry-run"] === "curl"));
    return;
  }
  await callWithSession(ctx, inv, await sessionProvider(inv), async (send, session) => {
    const operator = session ? session.operatorId || operatorIdFromToken(session.token) : "";
    const filled = { ...call, path: call.path.replaceAll("{operator_id}", operator ?? "") };
    await sendAndPrint(ctx, send, filled, mode, flags.paginate ? PAGING : undefined);
  });
}

/** The `api` command. */
export function apiCommand(): Command {
  return defineCommand<OwnFlags<ApiFlags>>({
    flags: {
      ...valueFlags(),
      field: repeatedStringFlag("key=value"),
      "raw-field": repeatedStringFlag("key=value"),
      header: repeatedStringFlag("name:value"),
      body: stringFlag("json"),
      paginate: booleanFlag(),
    },
    takesArguments: true,
    run: (ctx, flags, args) => runApi(ctx, flags, args),
  });
}
