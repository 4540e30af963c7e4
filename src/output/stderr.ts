/**
 * What a person reads on stderr besides the output (errors, hints, menus and
 * notes), wrapped to the terminal's width there by the rules of `wrap.ts`.
 * Off a terminal a line stays one line: scripts grep soracom-cli's `Error:`
 * line, and a log is read by its lines.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../context.ts";
 * import { stderrLine } from "./stderr.ts";
 *
 * const line = "hint: not shown: ICCID, GROUP ID; --output json shows everything";
 * assert.equal(stderrLine(fakeContext().ctx, line), line);
 * assert.deepEqual(stderrLine(fakeContext({ stderrWidth: 40 }).ctx, line).split("\n"), [
 *   "hint: not shown: ICCID, GROUP ID;",
 *   "  --output json shows everything",
 * ]);
 * ```
 *
 * @module
 */

import type { Context } from "../context.ts";
import { messages } from "../messages.ts";
import { wrap } from "./wrap.ts";

/**
 * A line for stderr, as shown: as it is off a terminal, wrapped to the
 * terminal's width on one, the lines after the first indented two columns.
 * Secrets are hidden before it is wrapped, so no line break can part one.
 */
export function stderrLine(ctx: Pick<Context, "stderrWidth" | "secrets">, line: string): string {
  const width = ctx.stderrWidth();
  if (width === undefined) return line;
  const lines = wrap(
    ctx.secrets.hide(line),
    Math.max(20, width),
    undefined,
    Math.max(18, width - 2),
  );
  return lines.map((l, i) => i === 0 ? l : `  ${l}`).join("\n");
}

/**
 * Writes `hint: TEXT` after the output, when stderr is a terminal (a person
 * reads it there; a script has no use for it), wrapped to its width.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../context.ts";
 * import { sayHint } from "./stderr.ts";
 *
 * const off = fakeContext();
 * sayHint(off.ctx, "--json shows everything");
 * assert.equal(off.stderr(), "");
 * const on = fakeContext({ stderrWidth: 80 });
 * sayHint(on.ctx, "--json shows everything");
 * assert.equal(on.stderr(), "hint: --json shows everything\n");
 * ```
 */
export function sayHint(
  ctx: Pick<Context, "stderr" | "stderrWidth" | "secrets" | "lang">,
  text: string,
): void {
  if (!ctx.stderr.isTerminal()) return;
  ctx.stderr.write(`${stderrLine(ctx, `${messages(ctx.lang).hint}: ${text}`)}\n`);
}

/**
 * Text for stderr, its paragraphs wrapped to the terminal's width (none when
 * stderr is not a terminal); a line after `indent` columns of a label keeps
 * that indent.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../context.ts";
 * import { forStderr } from "./stderr.ts";
 *
 * const { ctx } = fakeContext({ stderrWidth: 12 });
 * assert.equal(forStderr(ctx, "1. one two three", 3), "1. one two\n   three");
 * ```
 */
export function forStderr(ctx: Pick<Context, "stderrWidth">, text: string, indent = 0): string {
  const width = ctx.stderrWidth();
  if (width === undefined) return text;
  const pad = " ".repeat(indent);
  return text.split("\n").map((line) => {
    const head = line.slice(0, indent);
    const lines = wrap(line.slice(indent), Math.max(10, width - indent));
    return lines.map((l, i) => `${i === 0 ? head : pad}${l}`).join("\n");
  }).join("\n");
}
