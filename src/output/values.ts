/**
 * Printing a response as a value: after `--query`, or in an `--output` format
 * of ours. Loaded only then (`print.ts` prints soracom-cli's JSON from the
 * text itself, faster and with every number exact).
 *
 * @module
 */

import type { Context, Output } from "../context.ts";
import { CliError } from "../errors.ts";
import { said } from "../messages.ts";
import { type ListWriter, listWriter, writeValue } from "./formats.ts";
import { type OutputFormat, type OutputMode, type Page, parsed, Progress } from "./print.ts";

/** The format a value is written in: `--output`, else soracom-cli's JSON. */
function formatOf(mode: OutputMode): OutputFormat {
  return mode.format ?? (mode.jsonl ? "jsonl" : "json");
}

/** Writes `value` (a list element by element) in the mode's format. */
function write(out: Output, value: unknown, mode: OutputMode): void {
  if (!Array.isArray(value)) {
    writeValue(out, value, formatOf(mode), mode.width);
    return;
  }
  const writer = listWriter(out, formatOf(mode), mode.width);
  for (const element of value) writer.element(element);
  writer.end();
}

/** Prints one response's value: the query's result when there is one. */
export function printValue(out: Output, value: unknown, mode: OutputMode): void {
  write(out, mode.query ? mode.query.search(value) : value, mode);
}

/**
 * `--fetch-all` as values: each page's elements (through an element-wise
 * query) go to the writer as they come, so `jsonl`, `csv` and `text` stay flat
 * in memory; a query over the whole list gets the whole list.
 */
export async function printValuePages(
  ctx: Pick<Context, "stdout" | "stderr" | "lang">,
  pages: AsyncIterable<Page>,
  mode: OutputMode,
): Promise<void> {
  const query = mode.query;
  const whole: unknown[] | undefined = query && !query.elementwise ? [] : undefined;
  let writer: ListWriter | undefined;
  let count = 0;
  const progress = new Progress(ctx);
  const decoder = new TextDecoder();
  try {
    for await (const page of pages) {
      const text = decoder.decode(page.bytes);
      const value = text.trim() === "" ? [] : parsed(text);
      if (!Array.isArray(value)) {
        if (page.number !== 1 || page.nextKey !== "") {
          throw new CliError("api", said("fetchAllNotArray"));
        }
        printValue(ctx.stdout, value, mode);
        return;
      }
      if (whole) whole.push(...value);
      else {
        writer ??= listWriter(ctx.stdout, formatOf(mode), mode.width);
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
  if (whole) printValue(ctx.stdout, whole, mode);
  else (writer ?? listWriter(ctx.stdout, formatOf(mode), mode.width)).end();
}
