/**
 * Running an API command from the catalogue: its flags (soracom-cli's), and the
 * run that goes flags -> session -> request -> output. A warm call loads this
 * and not stricli (see `api_command.ts` for the stricli command).
 *
 * @module
 */

import { operatorIdFromToken, responseError } from "../api/client.ts";
import { fetchPages, readBody } from "../api/pages.ts";
import { printBody, printPages } from "../output/print.ts";
import { buildApiCall, type FlagValue, type RequestInput } from "../api/request.ts";
import { prepare } from "../auth/credentials.ts";
import { callWithSession } from "../auth/session.ts";
import type { CatalogBodyProp, CatalogOperation, CatalogParam } from "../catalog/types.ts";
import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import {
  booleanFlag,
  type FlagSpecs,
  type GlobalFlagValues,
  globalOptions,
  stringFlag,
  typedFlag,
  withGlobalFlags,
} from "./flags.ts";
import { messagesFor, said } from "../messages.ts";
import type { OperationFlagValues } from "./command.ts";

function describe(p: CatalogParam | CatalogBodyProp, where: string): string {
  const parts = [p.type === "array" ? "strings, repeat or comma-separate" : p.type, where];
  if (p.required && !(p.name === "operator_id" || p.name === "operatorId")) parts.push("required");
  if (p.default !== undefined) parts.push(`default: ${p.default}`);
  if (p.enum) parts.push(`one of: ${p.enum.join(", ")}`);
  return parts.join("; ");
}

/** The command's own flags (parameters, body properties, --body, --fetch-all, --jsonl). */
export function operationFlags(op: CatalogOperation): FlagSpecs {
  const flags: FlagSpecs = {};
  for (const p of op.params) flags[p.flag] = typedFlag(p.flag, p.type, describe(p, p.in), p.enum);
  for (const p of op.body?.props ?? []) {
    flags[p.flag] ??= typedFlag(p.flag, p.type, describe(p, "body"), p.enum);
  }
  if (op.body) {
    flags.body = stringFlag(
      op.body.kind === "object"
        ? "request body: JSON text, @FILE or - for stdin; flags overwrite its keys"
        : `request body (${op.body.contentType}): text, @FILE or - for stdin, sent as given`,
      "json",
    );
  }
  if (op.pagination) flags["fetch-all"] = booleanFlag("fetch every page and print one array");
  if (op.arrayResponse) flags.jsonl = booleanFlag("print one compact JSON element per line");
  return flags;
}

/** Reads `--body`: `@file`, `-` (stdin) or the literal text. */
async function readBodyFlag(
  ctx: Context,
  body: string | undefined,
): Promise<Uint8Array | undefined> {
  if (body === undefined) return undefined;
  if (body === "-") return await ctx.readStdin();
  if (body.startsWith("@")) {
    const path = body.slice(1);
    try {
      return await ctx.fs.readFile(path);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) {
        throw new CliError("usage", said("bodyFileMissing", path));
      }
      throw new CliError("usage", said("bodyFileUnreadable", path, (e as Error).message));
    }
  }
  return new TextEncoder().encode(body);
}

/**
 * The flags of an API command: the global ones, the operation's, and the
 * output and body flags it may have.
 */
export type ApiCommandFlags = GlobalFlagValues & OperationFlagValues & {
  /** `--body`: JSON text, `@FILE` or `-` for stdin. */
  readonly body?: string;
  /** `--jsonl`: one compact element per line. */
  readonly jsonl?: boolean;
  /** `--fetch-all`: every page, as one array. */
  readonly "fetch-all"?: boolean;
};

/** Runs one API command with parsed flags. */
export async function runApiCommand(
  ctx: Context,
  op: CatalogOperation,
  flags: ApiCommandFlags,
): Promise<void> {
  const local = operationFlags(op);
  const options = globalOptions(flags, new Set(Object.keys(local)));
  if (op.deprecated) {
    const m = messagesFor((n) => ctx.env(n));
    ctx.stderr.write(`${m.warnDeprecated}\n`);
    if (op.alternative) {
      ctx.stderr.write(`${m.warnAlternative(op.alternative)}\n`);
    }
  }
  const values: Record<string, FlagValue | undefined> = {};
  for (const name of Object.keys(local)) values[name] = flags[name] as FlagValue | undefined;
  const input: RequestInput = {
    values,
    body: await readBodyFlag(ctx, typeof flags.body === "string" ? flags.body : undefined),
  };
  // Check everything we can before logging in: a typo must not cost an OTP.
  buildApiCall(op, input, undefined);
  const inv = await prepare(ctx, options);
  const mode = {
    raw: options.rawOutput === true || op.rawOutput === true,
    jsonl: flags.jsonl === true,
  };
  const fetchAll = op.pagination !== undefined && flags["fetch-all"] === true;
  await callWithSession(ctx, inv, op.auth, async (send, session) => {
    const operatorId = session
      ? session.operatorId || operatorIdFromToken(session.token)
      : undefined;
    const call = buildApiCall(op, input, operatorId);
    if (fetchAll && op.pagination) {
      const { param, header } = op.pagination;
      const pages = fetchPages(async (nextKey) => {
        const query = (call.query ?? []).filter(([k]) => k !== param);
        if (nextKey !== undefined) query.push([param, nextKey]);
        const response = await send({ ...call, query });
        if (!response.ok) throw await responseError(response);
        return response;
      }, header);
      await printPages(ctx, pages, mode);
      return;
    }
    const response = await send(call);
    if (!response.ok) throw await responseError(response);
    printBody(ctx.stdout, await readBody(response), response.headers.get("content-type"), mode);
  });
}

/** Every flag of the operation's commands: its own, then the global ones. */
export function commandFlags(op: CatalogOperation): FlagSpecs {
  return withGlobalFlags(operationFlags(op));
}
