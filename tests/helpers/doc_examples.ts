/**
 * The `soracom` commands shown in README.md and docs/: each line of a shell
 * code block (only its `$ ` lines, when it has any; none of a `text` block
 * without them) that runs `soracom`, on its own or inside `$(...)` / `<(...)`,
 * with its comment, pipes and redirections left out, split into words as a
 * shell would (no variables are expanded).
 *
 * @module
 */

import { splitShellWords } from "../../src/profile/shell_words.ts";

/** One command shown in the documentation. */
export interface DocExample {
  /** The file, relative to the repository, e.g. `README.md`. */
  readonly file: string;
  /** Its line (1-based). */
  readonly line: number;
  /** The `soracom` command as written (from `soracom` on, without comment or redirection). */
  readonly command: string;
  /** Its arguments after `soracom`. */
  readonly args: readonly string[];
}

const ROOT = new URL("../../", import.meta.url);
/** Code blocks whose lines are commands (or, with `$ ` lines, show commands and output). */
const SHELL_BLOCKS = new Set(["sh", "bash", "shell", "console", "text", ""]);

/** The line without an unquoted ` # comment`. */
function withoutComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i).trimEnd();
  }
  return line;
}

/** The `soracom ...` command a line runs, if any. */
function soracomIn(line: string): string | undefined {
  const text = withoutComment(line.trim());
  if (text.startsWith("soracom ") || text === "soracom") return text;
  const inner = /[$<]\((soracom\b[^)]*)\)/.exec(text);
  return inner?.[1];
}

/** The commands of one Markdown file's code blocks, with their line numbers. */
function commandLines(file: string, text: string): { line: number; text: string }[] {
  const found: { line: number; text: string }[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const fence = /^\s*```(\w*)\s*$/.exec(lines[i]);
    if (!fence) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end])) end++;
    i = end;
    if (!SHELL_BLOCKS.has(fence[1])) continue;
    const block = lines.slice(start, end);
    const prompted = block.some((l) => l.startsWith("$ "));
    if (!prompted && fence[1] === "text") continue;
    for (let j = 0; j < block.length; j++) {
      if (prompted && !block[j].startsWith("$ ")) continue;
      let command = prompted ? block[j].slice(2) : block[j];
      let last = j;
      while (command.endsWith("\\") && last + 1 < block.length) {
        command = command.slice(0, -1) + block[++last];
      }
      found.push({ line: start + j + 1, text: command });
      j = last;
    }
  }
  return found.filter((c) => c.text.trim() !== "" && file !== "");
}

/** Every `soracom` command shown in README.md and docs/*.md, in reading order. */
export async function docExamples(): Promise<DocExample[]> {
  const docs = [...Deno.readDirSync(new URL("docs/", ROOT))]
    .filter((e) => e.isFile && e.name.endsWith(".md"))
    .map((e) => `docs/${e.name}`)
    .sort();
  const examples: DocExample[] = [];
  for (const file of ["README.md", ...docs]) {
    const text = await Deno.readTextFile(new URL(file, ROOT));
    for (const { line, text: shown } of commandLines(file, text)) {
      const command = soracomIn(shown);
      if (command === undefined) continue;
      examples.push({ file, line, command, args: splitShellWords(command).slice(1) });
    }
  }
  return examples;
}
