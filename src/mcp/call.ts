/**
 * `soracom_call`: one API operation, run as its command runs (the flags read
 * by the CLI's reader against the operation's flags, then `runApiCommand`:
 * the same checks, session cache, login and output), on a captured Context.
 * Before that, the server's policy (`policy.ts`) and, for a change, the
 * user's yes, asked through the client with the request as `--dry-run`
 * prints it.
 *
 * @module
 */

import type { CatalogOperation } from "../catalog/types.ts";
import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { messages, render, type Said, said } from "../messages.ts";
import { closest } from "../suggest.ts";
import { readFlags } from "../cli/argv.ts";
import { type ApiCommandFlags, operationFlags, runApiCommand } from "../cli/api_run.ts";
import { GLOBAL_FLAGS, type GlobalFlagValues } from "../cli/flags.ts";
import type { Tree } from "../cli/tree.ts";
import { type Ask, capture, shownToClient } from "./capture.ts";
import { type Policy, readsOnly, refusal } from "./policy.ts";

/** The most characters of output handed back; past it the output is cut, with a hint. */
export const MAX_OUTPUT_CHARS = 50_000;
/** The longest command name taken. */
const MAX_COMMAND_CHARS = 200;

/** A tool's answer: its text, and whether it is an error the model should read. */
export interface ToolText {
  /** The text. */
  readonly text: string;
  /** True for an error. */
  readonly isError?: boolean;
}

/** What a call needs from the server. */
export interface CallSetting {
  /** The server's Context. */
  readonly ctx: Context;
  /** The command tree, the catalogue's commands included. */
  readonly tree: Tree;
  /** What may run. */
  readonly policy: Policy;
  /** The server's global flags (`--profile`, ...): every call runs with them. */
  readonly global: GlobalFlagValues;
  /** The profile calls run as, as messages name it. */
  readonly profile: string;
  /** Puts a question to the user, or `undefined` when the client cannot ask. */
  readonly ask?: Ask;
  /** Asks the user's yes to send `request`; `undefined` when the client cannot ask. */
  readonly consent?: (name: string, request: string) => Promise<"accept" | "decline" | "cancel">;
  /** Tells the user's log what was run or refused (no values: a route, never its parameters). */
  readonly log?: (level: "info" | "notice" | "warning", line: string) => void;
}

/** The operation `command` names, or a usage error with the closest names. */
export async function operationOf(tree: Tree, command: string): Promise<CatalogOperation> {
  if (command.length > MAX_COMMAND_CHARS) {
    throw new CliError("usage", said("mcpTooLong", "command", MAX_COMMAND_CHARS));
  }
  const words = command.trim().split(/\s+/).filter((w) => w !== "");
  if (words[0] === "soracom") words.shift();
  const name = words.join(" ");
  await tree.load(name);
  if (!tree.isCommand(name)) {
    throw new CliError("usage", said("mcpUnknownOperation", name, closest(name, tree.names())));
  }
  const op = tree.op(name);
  if (op === undefined) throw new CliError("usage", said("mcpNotAnOperation", name));
  return op;
}

/** The flags object as command-line tokens (`--name=value`), for the CLI's reader. */
function tokensOf(op: CatalogOperation, flags: Readonly<Record<string, unknown>>): string[] {
  const own = operationFlags(op);
  const tokens: string[] = [];
  for (const [key, value] of Object.entries(flags)) {
    const flag = key.replace(/^--?/, "");
    if (!Object.hasOwn(own, flag) && Object.hasOwn(GLOBAL_FLAGS, flag)) {
      throw new CliError("usage", said("mcpServerFlag", flag));
    }
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (flag === "body" && v !== null && typeof v === "object") {
        tokens.push(`--body=${JSON.stringify(v)}`);
      } else if (v === true) tokens.push(`--${flag}`); // a switch, or a flag's value when alone
      else if (v === false) {
        if (own[flag]?.kind !== "parsed") tokens.push(`--${flag}=false`);
      } else if (typeof v === "string" || typeof v === "number") {
        tokens.push(`--${flag}=${v}`);
      } else throw new CliError("usage", said("mcpFlagValue", flag));
    }
  }
  return tokens;
}

/** The flags read as the command reads them, with the server's global ones. */
function flagValues(
  op: CatalogOperation,
  flags: Readonly<Record<string, unknown>>,
  global: GlobalFlagValues,
): ApiCommandFlags {
  const { values } = readFlags(tokensOf(op, flags), operationFlags(op));
  const body = values.body;
  if (typeof body === "string" && (body === "-" || body.startsWith("@"))) {
    throw new CliError("usage", said("mcpBodyFromHere"));
  }
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  return { ...global, ...given } as ApiCommandFlags;
}

/** The error as the model reads it: `Error: …` and its hint, in the server's language. */
export async function errorText(ctx: Context, error: unknown): Promise<ToolText> {
  const { asReported, errorLine } = await import("../cli/report.ts");
  return { text: shownToClient(ctx, errorLine(asReported(error), ctx)), isError: true };
}

/** Cuts `text` to {@link MAX_OUTPUT_CHARS}, saying so. */
function capped(ctx: Context, text: string): string {
  if (text.length <= MAX_OUTPUT_CHARS) return text;
  return `${text.slice(0, MAX_OUTPUT_CHARS)}\n${
    messages(ctx.lang).mcpOutputCut(MAX_OUTPUT_CHARS, text.length)
  }`;
}

/** Where the next page starts, said as the CLI says it, when the answer was one page of more. */
function nextPage(
  ctx: Context,
  op: CatalogOperation,
  headers: Headers | undefined,
  flags: ApiCommandFlags,
): string | undefined {
  const key = op.pagination && flags["fetch-all"] !== true &&
    headers?.get(op.pagination.header);
  if (!key || !op.pagination) return undefined;
  const param = op.params.find((p) => p.name === op.pagination?.param);
  return messages(ctx.lang).moreItems(`--${param?.flag ?? op.pagination.param}`, key);
}

/** Runs `op` with `flags` on a captured Context: its output and notes, or its error. */
async function runCaptured(
  setting: CallSetting,
  op: CatalogOperation,
  flags: ApiCommandFlags,
): Promise<ToolText> {
  const { ctx } = setting;
  const run = capture(ctx, setting.ask);
  try {
    await runApiCommand(run.ctx, op, flags);
  } catch (error) {
    const notes = run.stderr().trim();
    const failed = await errorText(ctx, error);
    return {
      ...failed,
      text: notes ? `${shownToClient(ctx, notes)}\n${failed.text}` : failed.text,
    };
  }
  const notes = [run.stderr().trim(), nextPage(ctx, op, run.lastHeaders(), flags)]
    .filter((n) => n !== undefined && n !== "");
  const text = capped(ctx, shownToClient(ctx, run.stdout()));
  return { text: [text, ...notes.map((n) => shownToClient(ctx, n!))].join("\n") };
}

/** Refused with what was said, as a tool error, and told to the log. */
function refused(setting: CallSetting, op: CatalogOperation, why: Said): Promise<ToolText> {
  const { ctx } = setting;
  setting.log?.("notice", messages(ctx.lang).mcpLogRefused(op.names[0], render(why, ctx.lang)));
  return errorText(ctx, new CliError("usage", why));
}

/**
 * `soracom_call`: `command` with `flags`, if the policy lets it run and, for a
 * change, the user says yes (when the client can ask; else the client's own
 * approval of the tool call is the consent).
 */
export async function callOperation(
  setting: CallSetting,
  command: string,
  flags: Readonly<Record<string, unknown>>,
): Promise<ToolText> {
  const { ctx } = setting;
  try {
    const op = await operationOf(setting.tree, command);
    const values = flagValues(op, flags, setting.global);
    const dryRun = values["dry-run"] !== undefined;
    // --dry-run sends nothing: it is refused only what the patterns refuse.
    const why = refusal(op, dryRun ? { ...setting.policy, allowWrite: true } : setting.policy);
    if (why) return await refused(setting, op, why);
    if (!readsOnly(op) && !dryRun && setting.consent) {
      // The exact request, as --dry-run prints it (no login: nothing is asked).
      const request = capture(ctx);
      await runApiCommand(request.ctx, op, { ...values, "dry-run": "http" });
      const answer = await setting.consent(op.names[0], shownToClient(ctx, request.stdout()));
      if (answer !== "accept") {
        return await refused(
          setting,
          op,
          said(answer === "decline" ? "mcpConsentDeclined" : "mcpConsentCancelled"),
        );
      }
    }
    const answer = await runCaptured(setting, op, values);
    const failed = answer.isError === true;
    setting.log?.(
      failed ? "warning" : "info",
      messages(ctx.lang).mcpLogRan(op.names[0], `${op.method} /v1${op.path}`, dryRun, failed),
    );
    return answer;
  } catch (error) {
    return await errorText(ctx, error);
  }
}
