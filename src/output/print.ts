/**
 * Printing what the API answered: pretty JSON (tab indent, sorted keys, exact
 * numbers), `--raw-output` byte for byte, `--jsonl`, and the pages of
 * `--fetch-all` merged into one array, streamed page by page so memory stays
 * flat whatever the total. Where the pages come from is `api/pages.ts`'s job.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../context.ts";
 * import { printBody } from "./print.ts";
 *
 * const fake = fakeContext();
 * await printBody(fake.ctx, new TextEncoder().encode('{"b":1,"a":2}'), "application/json", {
 *   raw: false,
 *   jsonl: false,
 * });
 * assert.equal(fake.stdout(), '{\n\t"a": 2,\n\t"b": 1\n}\n');
 * ```
 *
 * @module
 */

import type { Context, Output } from "../context.ts";
import { CliError } from "../errors.ts";
import { eachJsonElement, formatJson, type JsonStyle, JsonSyntaxError } from "../json/mod.ts";
import { type Messages, messages, said } from "../messages.ts";
import type { OutputMode, Page, ProgressLine } from "./mode.ts";
import { Utf8Buffer } from "./utf8_buffer.ts";

/** Where a response is printed: stdout, and stderr for what is said about it. */
export type PrintOutput = Pick<
  Context,
  "stdout" | "stderr" | "stderrWidth" | "secrets" | "lang" | "stdoutIsPiped"
>;

/** Whether the response is printed as a value (a query, or a format of ours), not as its text. */
export function printsValues(mode: OutputMode): boolean {
  return !mode.raw && (mode.query !== undefined || mode.format !== undefined);
}

/** Whether a content type says JSON (none said counts as JSON). */
function isJsonType(type: string | null): boolean {
  return type === null || /json/i.test(type);
}

/**
 * Whether a body is written as it came, chunk by chunk as it arrives
 * (`--raw-output`, an answer that is not JSON), rather than read whole first.
 */
export function writtenAsItComes(mode: OutputMode, contentType: string | null): boolean {
  return !printsValues(mode) && (mode.raw || !isJsonType(contentType));
}

/** Runs a formatter over a response, turning its failures into the user's errors. */
function formatted<T>(format: () => T): T {
  try {
    return format();
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      throw new CliError("api", said("responseNotJson"));
    }
    // Past the longest string JavaScript can hold (e.g. thousands of levels, pretty).
    if (e instanceof RangeError) throw new CliError("limit", said("responseTooLarge"));
    throw e;
  }
}

/** Prints one successful response's body (`contentType` from its header). */
export async function printBody(
  ctx: PrintOutput,
  bytes: Uint8Array,
  contentType: string | null,
  mode: OutputMode,
): Promise<void> {
  if (bytes.length === 0) return;
  if (printsValues(mode)) {
    if (!isJsonType(contentType)) throw new CliError("usage", said("outputNeedsJson"));
    const { printValue } = await import("./values.ts");
    await printValue(ctx, new TextDecoder().decode(bytes), mode);
    return;
  }
  const out = ctx.stdout;
  if (mode.raw || !isJsonType(contentType)) {
    out.write(bytes);
    return;
  }
  const text = new TextDecoder().decode(bytes);
  // An array prints element by element, as a --fetch-all page does: the same text as
  // formatJson's, without holding all of it (in pieces) until it is written.
  if (mode.jsonl || text.trimStart().startsWith("[")) {
    const printer = new ArrayPrinter(out, mode.jsonl ? "jsonl" : "pretty");
    if (!formatted(() => printer.addArray(text))) {
      throw new CliError("api", said("jsonlNeedsArray"));
    }
    printer.flush();
    printer.finish();
    return;
  }
  out.write(`${formatted(() => formatJson(text))}\n`);
}

/**
 * Writes one merged array incrementally: pretty, as JSONL lines, or (for
 * `--raw-output`) compact with no final newline, as soracom-cli merges pages.
 * Each element goes into the page's bytes as soon as it is formatted, so no
 * more than one element's text is alive at a time; a page is written at once.
 */
class ArrayPrinter {
  #count = 0;
  readonly #page = new Utf8Buffer();
  constructor(private readonly out: Output, private readonly layout: JsonStyle | "jsonl") {}

  /** How many elements were added. */
  get count(): number {
    return this.#count;
  }

  /** How elements are formatted: pretty, or compact for JSONL and `--raw-output`. */
  get style(): JsonStyle {
    return this.layout === "pretty" ? "pretty" : "compact";
  }

  /** Adds the elements of the array `text` holds; false (adding none) when it holds no array. */
  addArray(text: string): boolean {
    return eachJsonElement(text, this.style, (item) => this.add(item));
  }

  /** Adds an element already formatted for the layout (see {@link eachJsonElement}). */
  add(item: string): void {
    if (this.layout === "jsonl") {
      this.#page.append(item);
      this.#page.append("\n");
    } else {
      const pretty = this.layout === "pretty";
      this.#page.append(this.#count === 0 ? (pretty ? "[\n\t" : "[") : (pretty ? ",\n\t" : ","));
      this.#page.append(item);
    }
    this.#count++;
  }

  /** Writes the elements added since the last flush. */
  flush(): void {
    if (this.#page.length > 0) this.out.write(this.#page.take());
  }

  /** Closes the array. */
  finish(): void {
    if (this.layout === "jsonl") return;
    if (this.layout === "pretty") this.out.write(this.#count === 0 ? "[]\n" : "\n]\n");
    else this.out.write(this.#count === 0 ? "[]" : "]");
  }
}

/**
 * The `--fetch-all` progress line on stderr, shown only where a person watches
 * stderr and it cannot mix into the output: stderr a terminal, stdout a file
 * (not the terminal, and not a pipe, whose reader may print to the terminal
 * at any moment). It is redrawn in place and cleared at the end, however the
 * run ends.
 */
export class Progress implements ProgressLine {
  /** The line's words, worked out once (not at every page), when it is shown at all. */
  readonly #m: Messages | undefined;
  #shown = false;

  /** Progress for a run on `ctx`. */
  constructor(private readonly ctx: PrintOutput) {
    const apart = ctx.stderr.isTerminal() && !ctx.stdout.isTerminal() && !ctx.stdoutIsPiped();
    this.#m = apart ? messages(ctx.lang) : undefined;
  }

  /** Says how many pages and items so far. */
  show(pages: number, items: number): void {
    if (this.#m === undefined) return;
    this.#control("\r");
    this.ctx.stderr.write(this.#m.fetchProgress(pages, items));
    this.#shown = true;
  }

  /** Clears the line, so the error (or the output) starts on a clean one. */
  clear(): void {
    if (this.#shown) this.#control("\r\x1b[K");
  }

  /** Writes a control sequence of ours, not escaped as text from outside is on a terminal. */
  #control(sequence: string): void {
    const { stderr } = this.ctx;
    if (stderr.writeControl) stderr.writeControl(sequence);
    else stderr.write(sequence);
  }
}

/**
 * `--fetch-all`: prints `pages` as one array, with a progress line on stderr
 * where it cannot mix into the output ({@link Progress}). With `--raw-output`, a single page prints as it came and several
 * as one compact array, as soracom-cli does.
 */
export async function printPages(
  ctx: PrintOutput,
  pages: AsyncIterable<Page>,
  mode: OutputMode,
): Promise<void> {
  const progress = new Progress(ctx);
  if (printsValues(mode)) {
    await (await import("./values.ts")).printValuePages(ctx, pages, mode, progress);
    return;
  }
  const printer = new ArrayPrinter(
    ctx.stdout,
    mode.raw ? "compact" : mode.jsonl ? "jsonl" : "pretty",
  );
  const decoder = new TextDecoder();
  try {
    for await (const page of pages) {
      const only = page.number === 1 && page.nextKey === "";
      if (mode.raw && only) {
        ctx.stdout.write(page.bytes);
        return;
      }
      const text = decoder.decode(page.bytes);
      if (!(text.trim() === "" || formatted(() => printer.addArray(text)))) {
        if (!only) throw new CliError("api", said("fetchAllNotArray"));
        ctx.stdout.write(`${formatted(() => formatJson(text, printer.style))}\n`);
        return;
      }
      printer.flush();
      progress.show(page.number, printer.count);
    }
  } finally {
    progress.clear();
  }
  printer.finish();
}
