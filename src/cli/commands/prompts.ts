/**
 * Questions on the terminal for the interactive commands (configure,
 * configure-sandbox): one answer, or a choice from a numbered menu. Without a
 * terminal they fail with a one-line hint at the flags that answer instead.
 *
 * @module
 */

import type { Context } from "../../context.ts";
import { CliError } from "../../errors.ts";
import { messages } from "../../messages.ts";

/** A flag's string value, or undefined when it is not a non-empty string. */
export function flagString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Asks one question; `secret` turns echo off.
 *
 * @param noTerminal the error message when no terminal is attached
 */
export async function ask(
  ctx: Context,
  question: string,
  noTerminal: string,
  secret = false,
): Promise<string> {
  // A required answer: an empty one is asked again, not saved.
  for (let q = question;; q = `${messages(ctx.lang).askNotEmpty}\n${question}`) {
    const answer = await ctx.prompt(q, { secret, stdinOk: true });
    if (answer === undefined) throw new CliError("usage", noTerminal);
    if (answer.trim() !== "") return answer.trim();
  }
}

/**
 * Shows a numbered menu and returns the chosen number (1-based), asking again
 * while the number is out of range, as soracom-cli does.
 */
export async function choose(
  ctx: Context,
  title: string,
  options: readonly string[],
  noTerminal: string,
): Promise<number> {
  ctx.stderr.write(`${title}\n${options.map((o, i) => `${i + 1}. ${o}`).join("\n")}\n`);
  const m = messages(ctx.lang);
  for (let question = `select (1-${options.length}) > `;;) {
    const answer = await ask(ctx, question, noTerminal);
    const n = /^\d+$/.test(answer) ? Number(answer) : 0;
    if (n >= 1 && n <= options.length) return n;
    question = `${m.chooseANumber(options.length)}\nselect (1-${options.length}) > `;
  }
}
