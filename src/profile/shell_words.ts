/**
 * Splits a command string into argv with shell-word rules, as soracom-cli does
 * (go-shellwords): whitespace separates words; single quotes keep text as is;
 * double quotes keep spaces; outside single quotes a backslash escapes the next
 * character (`\t` and `\n` give a tab and a newline). There is no variable expansion, no
 * globbing and no shell: an unquoted `;`, `&`, `|`, `<` or `>` ends the command.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(splitShellWords(`/bin/sh -c "op item get x | jq ."`), ["/bin/sh", "-c", "op item get x | jq ."]);
 * ```
 *
 * @module
 */

import { CliError } from "../errors.ts";
import { said } from "../messages.ts";

const ESCAPES: Readonly<Record<string, string>> = { t: "\t", n: "\n" };

/**
 * The words of `line`, by the rules above.
 *
 * @throws CliError (`config`) for an unclosed quote or an empty command
 */
export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
      continue;
    }
    if (c === "\\") {
      i++;
      if (i >= line.length) {
        word += "\\";
        inWord = true;
        break;
      }
      word += ESCAPES[line[i]] ?? line[i];
      inWord = true;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = null;
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
      continue;
    }
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
      continue;
    }
    if (c === ";" || c === "&" || c === "|" || c === "<" || c === ">") break;
    word += c;
    inWord = true;
  }
  if (quote !== null) throw new CliError("config", said("unclosedQuote"));
  if (inWord) words.push(word);
  if (words.length === 0) throw new CliError("config", said("emptyCommand"));
  return words;
}

/**
 * Quotes argv so that {@link splitShellWords} gives it back unchanged.
 *
 * @example `joinShellWords(["a b", "c"]) === "'a b' c"`
 */
export function joinShellWords(argv: readonly string[]): string {
  return argv.map((w) => /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replaceAll("'", `'"'"'`)}'`)
    .join(" ");
}

/**
 * Quotes `value` for a POSIX shell (`sh`, `bash`): in single quotes, a quote
 * inside written as `'\''`.
 *
 * @example `posixQuote("it's") === "'it'\\''s'"`
 */
export function posixQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}
