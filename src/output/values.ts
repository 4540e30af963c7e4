/**
 * Printing a response as a value: after `--query`, or in an `--output` format
 * of ours (`formats.ts` names them). Loaded only then (`print.ts` prints
 * soracom-cli's JSON from the text itself, faster).
 *
 * Integers past 2^53 stay exact here too: the answer is read with an
 * {@link ExactIntegers} of the run, which every format writes back as digits.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { ExactIntegers, nestsDeeperThan, parseJsonData } from "../json/mod.ts";
import { messages, said } from "../messages.ts";
import { loadFormat } from "./formats.ts";
import { sayHint } from "./stderr.ts";
import type { OutputMode, Page, ProgressLine } from "./mode.ts";
import type { AfterOutput, Format, ListWriter, WriteOptions } from "./writer.ts";

/** Where values are printed: stdout, and stderr for what is said after them. */
export type ValueOutput = Pick<Context, "stdout" | "stderr" | "stderrWidth" | "secrets" | "lang">;

/**
 * The deepest nesting a value printed through `--query` or `--output` may
 * have: that code recurses over it. No API answer comes near; the JSON
 * printed from the text itself has no such limit.
 */
const MAX_VALUE_DEPTH = 1000;

/**
 * A body's JSON as a value (numbers as JavaScript numbers, big integers kept
 * by `exact`), or the user's error.
 */
export function parsed(text: string, exact: ExactIntegers): unknown {
  let value: unknown;
  try {
    value = parseJsonData(text, exact);
  } catch (e) {
    if (e instanceof SyntaxError) throw new CliError("api", said("responseNotJson"));
    throw e;
  }
  if (nestsDeeperThan(value, MAX_VALUE_DEPTH)) {
    throw new CliError("limit", said("responseTooDeep", MAX_VALUE_DEPTH));
  }
  return value;
}

/** The format of a run, loaded, and what it is told. */
interface Writing {
  readonly format: Format;
  readonly options: WriteOptions;
}

/** The mode's format (`--output`, else soracom-cli's JSON or JSONL), loaded. */
async function writing(mode: OutputMode): Promise<Writing> {
  const name = mode.format ?? (mode.jsonl ? "jsonl" : "json");
  return {
    format: await loadFormat(name),
    options: {
      width: mode.width,
      fields: mode.query?.fields,
      resource: mode.resource,
      exact: new ExactIntegers(),
    },
  };
}

/** Writes `value` (a list element by element); says what was left out. */
function write(ctx: ValueOutput, { format, options }: Writing, value: unknown): void {
  let left: AfterOutput | undefined;
  if (!Array.isArray(value) && format.value) left = format.value(ctx.stdout, value, options);
  else {
    const writer = format.list(ctx.stdout, options);
    for (const element of Array.isArray(value) ? value : [value]) writer.element(element);
    left = writer.end();
  }
  sayLeftOut(ctx, left);
}

/**
 * After the output, on stderr where a person reads it: what a format left out,
 * and how to see it, or that there was nothing to show.
 */
function sayLeftOut(ctx: ValueOutput, left: AfterOutput | undefined): void {
  if (left === undefined) return;
  const m = messages(ctx.lang);
  sayHint(ctx, "empty" in left ? m.tableEmpty : m.tableLeftOut(left.columns, left.query));
}

/** Prints one response's JSON `text` as a value: the query's result when there is one. */
export async function printValue(ctx: ValueOutput, text: string, mode: OutputMode): Promise<void> {
  const run = await writing(mode);
  const value = parsed(text, run.options.exact!);
  write(ctx, run, mode.query ? mode.query.search(value) : value);
}

/**
 * `--fetch-all` as values: each page's elements (through an element-wise
 * query) go to the writer as they come, so `jsonl`, `csv` and `text` stay flat
 * in memory; a query over the whole list gets the whole list.
 */
export async function printValuePages(
  ctx: ValueOutput,
  pages: AsyncIterable<Page>,
  mode: OutputMode,
  progress: ProgressLine,
): Promise<void> {
  const run = await writing(mode);
  const exact = run.options.exact!;
  const query = mode.query;
  const whole: unknown[] | undefined = query && !query.elementwise ? [] : undefined;
  let writer: ListWriter | undefined;
  let count = 0;
  const decoder = new TextDecoder();
  try {
    for await (const page of pages) {
      const text = decoder.decode(page.bytes);
      const value = text.trim() === "" ? [] : parsed(text, exact);
      if (!Array.isArray(value)) {
        if (page.number !== 1 || page.nextKey !== "") {
          throw new CliError("api", said("fetchAllNotArray"));
        }
        write(ctx, run, query ? query.search(value) : value);
        return;
      }
      if (whole) whole.push(...value);
      else {
        writer ??= run.format.list(ctx.stdout, run.options);
        for (const element of value) {
          for (const out of query ? query.searchElement(element) : [element]) writer.element(out);
        }
      }
      count += value.length;
      progress.show(page.number, count);
    }
  } finally {
    progress.clear();
  }
  if (whole) write(ctx, run, query!.search(whole));
  else sayLeftOut(ctx, (writer ?? run.format.list(ctx.stdout, run.options)).end());
}
