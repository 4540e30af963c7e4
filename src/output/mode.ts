/**
 * What the printing of a response is told: the mode the flags chose, and the
 * pages of `--fetch-all`. Types only, shared by `print.ts` (soracom-cli's
 * JSON, from the text) and `values.ts` (everything else, from the value).
 *
 * @module
 */

import type { OutputFormat } from "./formats.ts";
import type { Query } from "./query.ts";

/** How to print. */
export interface OutputMode {
  /** `--raw-output` (or an operation that answers with a file): the bytes as they came. */
  readonly raw: boolean;
  /** `--jsonl` (or `--output jsonl`): one compact element per line. */
  readonly jsonl: boolean;
  /** `--output`, when not soracom-cli's JSON (`json`, or `jsonl` without a query). */
  readonly format?: OutputFormat;
  /** `--query`, compiled. */
  readonly query?: Query;
  /** The terminal's width, for `--output table`. */
  readonly width?: number;
  /**
   * What the answer holds, by the API's name for it (`Subscriber`; a list's
   * items): `--output table` shows the columns that matter for it.
   */
  readonly resource?: string;
}

/** One page of a list, as `--fetch-all` reads them (see `api/pages.ts`). */
export interface Page {
  /** Its body. */
  readonly bytes: Uint8Array;
  /** 1 for the first page. */
  readonly number: number;
  /** The next page's key, `""` on the last. */
  readonly nextKey: string;
}

/** The `--fetch-all` progress line (`print.ts`'s `Progress`). */
export interface ProgressLine {
  /** Says how many pages and items so far. */
  show(pages: number, items: number): void;
  /** Clears the line. */
  clear(): void;
}
