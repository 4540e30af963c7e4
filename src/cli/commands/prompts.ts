/**
 * Questions on the terminal for the interactive commands (configure,
 * configure-sandbox): one answer, or a choice from a numbered menu wrapped to
 * the terminal's width. They ask only when stdin is a terminal; without one
 * they print nothing and fail with a one-line error naming the flag that
 * answers instead.
 *
 * @module
 */

import type { Context } from "../../context.ts";
import { CliError } from "../../errors.ts";
import { messages } from "../../messages.ts";
import { displayWidth } from "../../output/table.ts";
import { forStderr } from "../../output/stderr.ts";

/** A flag's string value, or undefined when it is not a non-empty string. */
export function flagString(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Asks one question; `secret` turns echo off.
 *
 * @param noTerminal the error message when stdin is not a terminal
 */
export async function ask(
  ctx: Context,
  question: string,
  noTerminal: string,
  secret = false,
): Promise<string> {
  if (!ctx.stdinIsTerminal()) throw new CliError("usage", noTerminal);
  // A required answer: an empty one is asked again, not saved.
  for (let q = question;; q = `${messages(ctx.lang).askNotEmpty}\n${question}`) {
    const answer = await ctx.prompt(q, { secret });
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
  if (!ctx.stdinIsTerminal()) throw new CliError("usage", noTerminal);
  const number = (i: number) => `${i + 1}. `.padEnd(displayWidth(`${options.length}. `));
  const menu = options.map((o, i) => forStderr(ctx, `${number(i)}${o}`, number(i).length));
  ctx.stderr.write(`${forStderr(ctx, title)}\n${menu.join("\n")}\n`);
  const m = messages(ctx.lang);
  for (let question = m.selectPrompt(options.length);;) {
    const answer = await ask(ctx, question, noTerminal);
    const n = /^\d+$/.test(answer) ? Number(answer) : 0;
    if (n >= 1 && n <= options.length) return n;
    question = `${m.chooseANumber(options.length)}\n${m.selectPrompt(options.length)}`;
  }
}
