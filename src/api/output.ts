/**
 * Printing responses: pretty JSON (tab indent, sorted keys, exact numbers),
 * `--raw-output` byte for byte, `--jsonl`, and `--fetch-all`, which follows
 * `x-soracom-next-key` and streams the merged array page by page so memory
 * stays flat whatever the total.
 *
 * @module
 */

import type { Context, Output } from "../context.ts";
import { CliError } from "../errors.ts";
import { type JsonValue, parseJson, stringifyCompact, stringifyPretty } from "./json.ts";

/** How to print. */
export interface OutputMode {
  readonly raw: boolean;
  readonly jsonl: boolean;
}

function isJsonType(response: Response): boolean {
  const type = response.headers.get("content-type");
  return type === null || /json/i.test(type);
}

function parseOrFail(text: string): JsonValue {
  try {
    return parseJson(text);
  } catch {
    throw new CliError("api", "the response is not valid JSON (it may have been cut off)");
  }
}

/** Reads a body; a connection that breaks mid-body is a network error, not a crash. */
async function readBody(response: Response): Promise<Uint8Array> {
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    throw new CliError(
      "network",
      `the response was cut off: ${(e as Error).message.split("\n")[0]}`,
    );
  }
}

/** Prints one successful response. */
export async function printResponse(
  out: Output,
  response: Response,
  mode: OutputMode,
): Promise<void> {
  const bytes = await readBody(response);
  if (bytes.length === 0) return;
  if (mode.raw || !isJsonType(response)) {
    out.write(bytes);
    return;
  }
  const value = parseOrFail(new TextDecoder().decode(bytes));
  if (mode.jsonl) {
    if (!Array.isArray(value)) throw new CliError("api", "--jsonl needs an array response");
    for (const item of value) out.write(`${stringifyCompact(item)}\n`);
    return;
  }
  out.write(`${stringifyPretty(value)}\n`);
}

/** Writes one merged JSON array (or JSONL) incrementally. */
class ArrayPrinter {
  #count = 0;
  constructor(private readonly out: Output, private readonly jsonl: boolean) {}

  get count(): number {
    return this.#count;
  }

  add(items: readonly JsonValue[]): void {
    if (items.length === 0) return;
    let chunk = "";
    for (const item of items) {
      if (this.jsonl) chunk += `${stringifyCompact(item)}\n`;
      else chunk += `${this.#count === 0 ? "[\n\t" : ",\n\t"}${stringifyPretty(item, 1)}`;
      this.#count++;
    }
    this.out.write(chunk);
  }

  finish(): void {
    if (this.jsonl) return;
    this.out.write(this.#count === 0 ? "[]\n" : "\n]\n");
  }
}

/** Fetches one page: the response, already checked for an error status. */
export type PageFetcher = (nextKey: string | undefined) => Promise<Response>;

/**
 * `--fetch-all`: requests pages until `header` is missing or empty and prints
 * them as one array. A next key seen before is a loop and stops with an error.
 * When stderr is a terminal (and stdout is not), progress goes to stderr.
 *
 * The next page is asked for as soon as a page's headers arrive, so the server
 * works on it while this one is parsed and printed; at most two pages are in
 * memory at once, whatever the total.
 */
export async function printAllPages(
  ctx: Context,
  fetchPage: PageFetcher,
  header: string,
  mode: OutputMode,
): Promise<void> {
  const printer = new ArrayPrinter(ctx.stdout, mode.jsonl);
  // Progress only where a person watches stderr and it cannot mix into the output.
  const progress = ctx.stderr.isTerminal() && !ctx.stdout.isTerminal();
  const decoder = new TextDecoder();
  const seen = new Set<string>();
  let pages = 0;
  let next: Promise<Response> | undefined = fetchPage(undefined);
  try {
    while (next !== undefined) {
      const response: Response = await next;
      next = undefined;
      pages++;
      const key = response.headers.get(header) ?? "";
      const loop = key !== "" && seen.has(key);
      seen.add(key);
      if (key !== "" && !loop) {
        next = fetchPage(key);
        // Its failure is reported when it is awaited, not as an unhandled rejection now.
        next.catch(() => {});
      }
      const text = decoder.decode(await readBody(response));
      const value = text.trim() === "" ? [] : parseOrFail(text);
      if (!Array.isArray(value)) {
        if (pages === 1 && key === "") {
          ctx.stdout.write(
            mode.jsonl ? `${stringifyCompact(value)}\n` : `${stringifyPretty(value)}\n`,
          );
          return;
        }
        throw new CliError("api", "--fetch-all cannot merge pages: the response is not an array");
      }
      printer.add(value);
      if (progress) ctx.stderr.write(`\rfetched ${pages} pages, ${printer.count} items`);
      if (loop) {
        throw new CliError(
          "api",
          `--fetch-all stopped: the server sent the same ${header} twice (${JSON.stringify(key)})`,
        );
      }
    }
  } finally {
    // A page asked for ahead that will not be printed (an error stopped the run).
    if (next !== undefined) await next.then((r) => r.body?.cancel(), () => {});
  }
  if (progress) ctx.stderr.write("\r\x1b[K");
  printer.finish();
}
