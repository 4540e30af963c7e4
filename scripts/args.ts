/**
 * The scripts' command lines, read by `node:util`'s `parseArgs` (strict: no
 * unknown option, a value where one is due, no stray word unless asked for),
 * its refusal said in one line: `unknown argument "--x"`, `--x needs a value`,
 * `--x takes no value`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readArgs } from "./args.ts";
 *
 * const { values } = readArgs(["--out=x.json", "--check"], {
 *   out: { type: "string" },
 *   check: { type: "boolean" },
 * });
 * assert.deepEqual({ ...values }, { out: "x.json", check: true });
 * assert.throws(() => readArgs(["--fast"], {}), { message: 'unknown argument "--fast"' });
 * ```
 *
 * @module
 */

import { parseArgs, type ParseArgsOptionsConfig } from "node:util";

/** `args` read with `options`; with `positionals`, words that are no option are kept too. */
export function readArgs<const O extends ParseArgsOptionsConfig>(
  args: readonly string[],
  options: O,
  positionals = false,
) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: positionals });
  } catch (e) {
    throw new Error(refusal(e));
  }
}

/** What parseArgs refused, in our words. */
function refusal(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown }).code;
  const name = /'([^' ]+)/.exec(message)?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    return message.includes("does not take") ? `${name} takes no value` : `${name} needs a value`;
  }
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" || code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") {
    return `unknown argument ${JSON.stringify(name)}`;
  }
  return message;
}
