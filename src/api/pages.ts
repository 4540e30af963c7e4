/**
 * The pages of a list (`--fetch-all`), as an async iterator: each page is
 * asked for by the key in the previous one's `x-soracom-next-key` header, until
 * a page has none. Printing them is `output/print.ts`'s job.
 *
 * The next page is asked for as soon as a page has been read, and its request
 * is sent before that page is handed on (see {@link EventLoopTurns}), so the
 * server works on it while the page is printed; at most two pages are in
 * memory at once, whatever the total.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import { said } from "../messages.ts";
import type { Page } from "../output/mode.ts";
import { readBody } from "./body.ts";

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

  /** Lets the channel go. */
  close(): void {
    this.#channel.port1.close();
    this.#channel.port2.close();
  }
}

/** Fetches one page: the response, already checked for an error status. */
export type PageFetcher = (nextKey: string | undefined) => Promise<Response>;

/**
 * Every page, in order, from the first (no key) to the one without a next key
 * in `header`. A next key seen before is a loop: that page is handed on, then
 * the iteration fails. Stopping early cancels the page asked for ahead.
 * `onError` may replace the error that stops a page (with the key that page
 * was asked for with: `undefined` for the first), e.g. to say how to resume.
 */
export async function* fetchPages(
  fetchPage: PageFetcher,
  header: string,
  onError: (error: unknown, key: string | undefined) => unknown = (e) => e,
): AsyncGenerator<Page> {
  const seen = new Set<string>();
  let number = 0;
  let next: Promise<Response> | undefined = fetchPage(undefined);
  const turns = new EventLoopTurns();
  try {
    let asked: string | undefined;
    while (next !== undefined) {
      let response: Response;
      let bytes: Uint8Array;
      try {
        response = await next;
        next = undefined;
        bytes = await readBody(response);
      } catch (e) {
        next = undefined;
        throw onError(e, asked);
      }
      number++;
      const key = response.headers.get(header) ?? "";
      const loop = key !== "" && seen.has(key);
      seen.add(key);
      if (key !== "" && !loop) {
        asked = key;
        next = fetchPage(key);
        // Its failure is reported when it is awaited, not as an unhandled rejection now.
        next.catch(() => {});
        await turns.next();
      }
      yield { bytes, number, nextKey: key };
      if (loop) throw new CliError("api", said("fetchAllLoop", header, JSON.stringify(key)));
    }
  } finally {
    turns.close();
    // A page asked for ahead that will not be printed (an error stopped the run).
    if (next !== undefined) await next.then((r) => r.body?.cancel(), () => {});
  }
}
