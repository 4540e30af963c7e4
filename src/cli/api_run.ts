/**
 * An API command from the catalogue: its flags (soracom-cli's), and the run
 * that goes flags -> session -> request -> output ({@link apiCommand}).
 *
 * @module
 */

import { type ApiCall, operatorIdFromToken, responseError } from "../api/client.ts";
import { fetchPages } from "../api/pages.ts";
import { readBody, writeBody } from "../api/body.ts";
import { OUTPUT_FORMATS, type OutputFormat } from "../output/formats.ts";
import type { OutputMode } from "../output/mode.ts";
import { printBody, printPages, writtenAsItComes } from "../output/print.ts";
import { buildApiCall, type FlagValue, type RequestInput } from "../api/request.ts";
import { sessionProvider } from "../auth/credentials.ts";
import { prepare } from "../auth/invocation.ts";
import { callWithSession, type Sender } from "../auth/session.ts";
import type { CatalogOperation } from "../catalog/types.ts";
import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import {
  booleanFlag,
  enumFlag,
  type FlagSpecs,
  type FlagSpecsOf,
  type GlobalFlagValues,
  type GlobalOptions,
  globalOptions,
  optionalValueFlag,
  stringFlag,
  typedFlag,
} from "./flags.ts";
import { messages, said } from "../messages.ts";
import { type Command, defineCommand, type OperationFlagValues } from "./command.ts";

/** The command's own flags (parameters, body properties, --body, --fetch-all, --jsonl). */
export function operationFlags(op: CatalogOperation): FlagSpecs {
  const flags: FlagSpecs = {};
  for (const p of [...op.params, ...op.body?.props ?? []]) {
    flags[p.flag] ??= typedFlag(p.flag, p.type, p.enum);
  }
  if (op.body) flags.body = stringFlag("json");
  if (op.pagination) flags["fetch-all"] = booleanFlag();
  if (op.arrayResponse) flags.jsonl = booleanFlag();
  // Ours, on every API command (an operation's own flag of the same name would win).
  for (const [name, spec] of Object.entries(valueFlags())) flags[name] ??= spec;
  return flags;
}

/** The flags of ours every API command (and `soracom api`) has, beside the operation's. */
export interface ValueFlags {
  /** `--query EXPR`. */
  readonly query?: string;
  /** `--output FORMAT`. */
  readonly output?: string;
  /** `--dry-run` or `--dry-run=curl`. */
  readonly "dry-run"?: string;
}

/** The specs of {@link ValueFlags}. */
export function valueFlags(): FlagSpecsOf<ValueFlags> {
  return {
    query: stringFlag("expression"),
    output: enumFlag("output", OUTPUT_FORMATS, "json"),
    "dry-run": optionalValueFlag("dry-run", ["http", "curl"]),
  };
}

/** The largest `--body` read from a file or stdin (a request body, not a disk image). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Reads `--body`: `@file`, `-` (stdin) or the literal text (`undefined`: none given). */
export async function readBodyFlag(
  ctx: Context,
  body: string | undefined,
): Promise<Uint8Array | undefined> {
  if (body === undefined) return undefined;
  const tooLarge = (source: string) =>
    new CliError("usage", said("bodyTooLarge", source, MAX_BODY_BYTES / (1024 * 1024)));
  if (body === "-") {
    const data = await ctx.readStdin(MAX_BODY_BYTES);
    if (data === undefined) throw tooLarge("stdin");
    return data;
  }
  if (body.startsWith("@")) {
    const path = body.slice(1);
    let data: Uint8Array | undefined;
    try {
      data = await ctx.fs.readFileCapped(path, MAX_BODY_BYTES);
    } catch (e) {
      if (e instanceof Deno.errors.NotFound) {
        throw new CliError("usage", said("bodyFileMissing", path));
      }
      throw new CliError("usage", said("bodyFileUnreadable", path, (e as Error).message));
    }
    if (data === undefined) throw tooLarge(path);
    return data;
  }
  return new TextEncoder().encode(body);
}

/**
 * The flags of an API command: the global ones, the operation's, and the
 * output and body flags it may have.
 */
export type ApiCommandFlags = GlobalFlagValues & OperationFlagValues & ValueFlags & {
  /** `--body`: JSON text, `@FILE` or `-` for stdin. */
  readonly body?: string;
  /** `--jsonl`: one compact element per line. */
  readonly jsonl?: boolean;
  /** `--fetch-all`: every page, as one array. */
  readonly "fetch-all"?: boolean;
};

/** The flags that decide how a response prints: `--query`, `--output`, and `--jsonl` where there is one. */
export interface OutputFlags extends Pick<ValueFlags, "query" | "output"> {
  /** `--jsonl`. */
  readonly jsonl?: boolean;
}

/**
 * How to print, from the flags (`raw`: the response goes out as it came;
 * `resource`: what the answer holds, when the catalogue says); `--query` is
 * compiled here, so a bad one costs no login.
 */
export async function outputMode(
  ctx: Context,
  flags: OutputFlags,
  raw: boolean,
  resource?: string,
): Promise<OutputMode> {
  const output = flags.output as OutputFormat | undefined;
  const query = flags.query;
  if (raw && (query !== undefined || (output !== undefined && output !== "json"))) {
    throw new CliError("usage", said("rawWithValues"));
  }
  const compiled = query === undefined
    ? undefined
    : await (await import("../output/query.ts")).compileQuery(query);
  const jsonl = flags.jsonl === true || output === "jsonl";
  // soracom-cli's JSON (and JSONL) print from the text itself; the rest print values.
  const format = output === "json" || (output === "jsonl" && !compiled) ? undefined : output;
  return { raw, jsonl, format, query: compiled, width: ctx.terminalWidth(), resource };
}

/** The flag that continues a list (`--last-evaluated-key`), for the hints that name it. */
function resumeFlag(op: CatalogOperation): string {
  const param = op.pagination?.param ?? "";
  return `--${op.params.find((p) => p.name === param)?.flag ?? param}`;
}

/**
 * Says (on a terminal) that the server has more items than this page. The
 * wrapping a hint needs is loaded only when a person is there to read it.
 */
async function hintMoreItems(ctx: Context, op: CatalogOperation, response: Response) {
  const key = op.pagination && response.headers.get(op.pagination.header);
  if (!key || !ctx.stderr.isTerminal()) return;
  const { sayHint } = await import("../output/stderr.ts");
  sayHint(ctx, messages(ctx.lang).moreItems(resumeFlag(op), key));
}

/** `e`, with a hint to resume from `key` when it stopped a `--fetch-all` after its first page. */
function resumable(
  ctx: Context,
  op: CatalogOperation,
  e: unknown,
  key: string | undefined,
): unknown {
  if (key === undefined || !(e instanceof CliError)) return e;
  const hint = messages(ctx.lang).resumeWith(resumeFlag(op), key);
  return new CliError(e.kind, e.said ?? e.message, { hint, status: e.status, cause: e });
}

/** Prints the request `--dry-run` stands for, without a login or a request. */
async function dryRun(
  ctx: Context,
  op: CatalogOperation,
  input: RequestInput,
  options: GlobalOptions,
  style: string,
): Promise<void> {
  const { describeRequest } = await import("../api/dry_run.ts");
  const inv = await prepare(ctx, options);
  const operatorId = inv.fileProfile?.profile.operatorId;
  printDryRun(ctx, describeRequest(inv.target, op, input, operatorId, style === "curl"));
}

/** Prints what `--dry-run` stands for, and says on stderr that nothing was sent. */
export function printDryRun(ctx: Context, request: string): void {
  ctx.stdout.write(request);
  ctx.stderr.write(`${messages(ctx.lang).dryRunNotSent}\n`);
}

/** How {@link sendAndPrint} follows a list from page to page. */
export interface Paging {
  /** The query parameter that asks for the page after a key (`last_evaluated_key`). */
  readonly param: string;
  /** The response header that holds the next key (`x-soracom-next-key`). */
  readonly header: string;
  /** May replace the error that stops a page (see `fetchPages`). */
  readonly onError?: (error: unknown, key: string | undefined) => unknown;
}

/**
 * Sends `call` and prints the answer in `mode`; with `paging`, every page as
 * one list. `printed` looks at a single response once it is printed (to say
 * more about it after the output, where it is seen).
 *
 * @throws CliError for an error status (its body as the message)
 */
export async function sendAndPrint(
  ctx: Context,
  send: Sender,
  call: ApiCall,
  mode: OutputMode,
  paging?: Paging,
  printed?: (response: Response) => void | Promise<void>,
): Promise<void> {
  const sendOk = async (c: ApiCall) => {
    const response = await send(c);
    if (!response.ok) throw await responseError(response);
    return response;
  };
  if (paging) {
    const pages = fetchPages(
      (nextKey) => {
        const query = (call.query ?? []).filter(([k]) => k !== paging.param);
        if (nextKey !== undefined) query.push([paging.param, nextKey]);
        return sendOk({ ...call, query });
      },
      paging.header,
      paging.onError,
    );
    await printPages(ctx, pages, mode);
    return;
  }
  const response = await sendOk(call);
  const type = response.headers.get("content-type");
  // A file, or --raw-output: any size, in constant memory. JSON is read whole (up to a cap).
  if (writtenAsItComes(mode, type)) await writeBody(ctx.stdout, response);
  else await printBody(ctx, await readBody(response), type, mode);
  await printed?.(response);
}

/** The request input from the flags: parameter values and `--body`. */
async function requestInput(
  ctx: Context,
  op: CatalogOperation,
  flags: ApiCommandFlags,
): Promise<RequestInput> {
  const values: Record<string, FlagValue | undefined> = {};
  for (const name of Object.keys(operationFlags(op))) {
    values[name] = flags[name] as FlagValue | undefined;
  }
  const body = await readBodyFlag(ctx, typeof flags.body === "string" ? flags.body : undefined);
  return { values, body };
}

/** Warns about a deprecated command, naming what replaces it. */
function warnDeprecated(ctx: Context, op: CatalogOperation): void {
  if (!op.deprecated) return;
  const m = messages(ctx.lang);
  ctx.stderr.write(`${m.warnDeprecated}\n`);
  if (op.alternative) ctx.stderr.write(`${m.warnAlternative(op.alternative)}\n`);
}

/** Runs one API command with parsed flags. */
export async function runApiCommand(
  ctx: Context,
  op: CatalogOperation,
  flags: ApiCommandFlags,
): Promise<void> {
  const options = globalOptions(flags, new Set(Object.keys(operationFlags(op))));
  warnDeprecated(ctx, op);
  const input = await requestInput(ctx, op, flags);
  // Check everything we can before logging in: a typo must not cost an OTP.
  buildApiCall(op, input, undefined);
  const raw = options.rawOutput === true || op.rawOutput === true;
  const mode = await outputMode(ctx, flags, raw, op.resource);
  if (flags["dry-run"] !== undefined) {
    return await dryRun(ctx, op, input, options, flags["dry-run"]);
  }
  const inv = await prepare(ctx, options);
  const fetchAll = op.pagination !== undefined && flags["fetch-all"] === true;
  await callWithSession(
    ctx,
    inv,
    op.auth ? await sessionProvider(inv) : undefined,
    async (send, session) => {
      const operatorId = session
        ? session.operatorId || operatorIdFromToken(session.token)
        : undefined;
      const call = buildApiCall(op, input, operatorId);
      const paging = fetchAll && op.pagination
        ? { ...op.pagination, onError: (e: unknown, key?: string) => resumable(ctx, op, e, key) }
        : undefined;
      await sendAndPrint(ctx, send, call, mode, paging, (r) => hintMoreItems(ctx, op, r));
    },
  );
}

/** The command of `op` (of each of its names): its flags, then {@link runApiCommand}. */
export function apiCommand(op: CatalogOperation): Command {
  return defineCommand<Record<never, never>, ApiCommandFlags>({
    flags: {},
    operationFlags: operationFlags(op),
    run: (ctx, flags) => runApiCommand(ctx, op, flags),
  });
}
