/**
 * Printing responses: pretty JSON (tab indent, sorted keys, exact numbers),
 * `--raw-output` byte for byte, `--jsonl`, and `--fetch-all`, which follows
 * `x-soracom-next-key` and streams the merged array page by page so memory
 * stays flat whatever the total.
 *
 * @module
 */

import { type Context, type Output, Utf8Buffer } from "../context.ts";
import { CliError } from "../errors.ts";
import { eachJsonElement, formatJson, type JsonStyle, JsonSyntaxError } from "./json.ts";
import { messagesFor, said } from "../messages.ts";

/** How to print. */
export interface OutputMode {
  readonly raw: boolean;
  readonly jsonl: boolean;
}

function isJsonType(response: Response): boolean {
  const type = response.headers.get("content-type");
  return type === null || /json/i.test(type);
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
    if (e instanceof RangeError) throw new CliError("api", said("responseTooLarge"));
    throw e;
  }
}

/** Reads a body; a connection that breaks mid-body is a network error, not a crash. */
async function readBody(response: Response): Promise<Uint8Array> {
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    throw new CliError("network", said("responseCutOff", (e as Error).message.split("\n")[0]));
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

  finish(): void {
    if (this.layout === "jsonl") return;
    if (this.layout === "pretty") this.out.write(this.#count === 0 ? "[]\n" : "\n]\n");
    else this.out.write(this.#count === 0 ? "[]" : "]");
  }
}

/**
 * Turns of the event loop on demand, each through a message to itself. A
 * request that `fetch` has just made is written to its socket only when the
 * event loop runs: without a turn it would wait until the page being formatted
 * is printed, and the server would start on it only then. (A timer would do the
 * same a millisecond later; a resolved promise would not do it at all.) The
 * port's handler is set once: setting it for every turn made the process grow
 * about 8 MB more over 20,000 turns.
 */
class EventLoopTurns {
  readonly #channel = new MessageChannel();
  #resume: (() => void) | undefined;

  constructor() {
    this.#channel.port1.onmessage = () => this.#resume?.();
  }

  /** Resolves once the event loop has run. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.#resume = resolve;
      this.#channel.port2.postMessage(null);
    });
  }

  close(): void {
    this.#channel.port1.close();
    this.#channel.port2.close();
  }
}

/** Fetches one page: the response, already checked for an error status. */
export type PageFetcher = (nextKey: string | undefined) => Promise<Response>;

/**
 * `--fetch-all`: requests pages until `header` is missing or empty and prints
 * them as one array. A next key seen before is a loop and stops with an error.
 * When stderr is a terminal (and stdout is not), progress goes to stderr, and
 * its line is cleared however the run ends. With `--raw-output`, a single page
 * prints as it came and several as one compact array, as soracom-cli does.
 *
 * The next page is asked for as soon as a page has been read, and its request
 * is sent before that page is formatted and printed (see {@link EventLoopTurns}), so
 * the server works on it meanwhile; at most two pages are in memory at once,
 * whatever the total.
 */
export async function printAllPages(
  ctx: Context,
  fetchPage: PageFetcher,
  header: string,
  mode: OutputMode,
): Promise<void> {
  const printer = new ArrayPrinter(
    ctx.stdout,
    mode.raw ? "compact" : mode.jsonl ? "jsonl" : "pretty",
  );
  // Progress only where a person watches stderr and it cannot mix into the output.
  // The progress line's words, worked out once (not at every page), when it is shown at all.
  const progress = ctx.stderr.isTerminal() && !ctx.stdout.isTerminal()
    ? messagesFor((n) => ctx.env(n))
    : undefined;
  let shown = false;
  const decoder = new TextDecoder();
  const seen = new Set<string>();
  let pages = 0;
  let next: Promise<Response> | undefined = fetchPage(undefined);
  const turns = new EventLoopTurns();
  try {
    while (next !== undefined) {
      const response: Response = await next;
      next = undefined;
      pages++;
      const key = response.headers.get(header) ?? "";
      const loop = key !== "" && seen.has(key);
      seen.add(key);
      const bytes = await readBody(response);
      if (key !== "" && !loop) {
        next = fetchPage(key);
        // Its failure is reported when it is awaited, not as an unhandled rejection now.
        next.catch(() => {});
        await turns.next();
      }
      const only = pages === 1 && key === "";
      if (mode.raw && only) {
        ctx.stdout.write(bytes);
        return;
      }
      const text = decoder.decode(bytes);
      const isArray = text.trim() === "" ||
        formatted(() => printer.addArray(text));
      if (!isArray) {
        if (!only) {
          throw new CliError("api", said("fetchAllNotArray"));
        }
        ctx.stdout.write(`${formatted(() => formatJson(text, printer.style))}\n`);
        return;
      }
      printer.flush();
      if (progress !== undefined) {
        ctx.stderr.write(`\r${progress.fetchProgress(pages, printer.count)}`);
        shown = true;
      }
      if (loop) {
        throw new CliError("api", said("fetchAllLoop", header, JSON.stringify(key)));
      }
    }
  } finally {
    turns.close();
    // The error (or the output) starts on a clean line.
    if (shown) ctx.stderr.write("\r\x1b[K");
    // A page asked for ahead that will not be printed (an error stopped the run).
    if (next !== undefined) await next.then((r) => r.body?.cancel(), () => {});
  }
  printer.finish();
}
