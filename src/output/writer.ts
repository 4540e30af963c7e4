/**
 * What an `--output` format is ({@link Format}: a writer of lists, element
 * by element) and the pieces the formats share: cells, rows, columns, JSON
 * text with exact integers. Each format is one file in `formats/`, named in
 * the registry (`formats.ts`).
 *
 * @module
 */

import type { Output } from "../context.ts";
import { type ExactIntegers, type JsonStyle, stringifyValue } from "../json/mod.ts";

/** What a format is told besides the values. */
export interface WriteOptions {
  /** The terminal's width, for `table` (none: nothing is cut or left out). */
  readonly width?: number;
  /**
   * The keys a query's `{...}` made, in the order it named them: the columns
   * of `table`, `csv` and `text`, in that order.
   */
  readonly fields?: readonly string[];
  /** What the values are, by the API's name for them (`Subscriber`), for `table`'s choice of columns. */
  readonly resource?: string;
  /** The integers past 2^53 read from the answer, written as their digits. */
  readonly exact?: ExactIntegers;
}

/** What a writer left out, for a hint after the output. */
export interface LeftOut {
  /** The fields or columns not shown, by their keys (`[2]` for a list's third item). */
  readonly columns: readonly string[];
  /** A `--query` that would show the first of them, beside the first column shown. */
  readonly query?: string;
}

/** What a writer says after the output, where a person reads it: what it left out, or nothing to show. */
export type AfterOutput = LeftOut | { readonly empty: true };

/** Writes a list one element at a time. Nothing is written before the first element or `end`. */
export interface ListWriter {
  /** Adds one element. */
  element(value: unknown): void;
  /** Writes what is held back, and closes the list; says what it left out, if anything. */
  end(): AfterOutput | undefined;
}

/** One `--output` format. */
export interface Format {
  /** A writer of a list to `out`. */
  list(out: Output, options: WriteOptions): ListWriter;
  /** Writes a whole value that is not a list; without it, the value is a list of one. */
  value?(out: Output, value: unknown, options: WriteOptions): AfterOutput | undefined;
}

/** True for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** JSON text with sorted keys, as soracom-cli writes it, integers past 2^53 exact. */
export function jsonText(value: unknown, style: JsonStyle, options: WriteOptions): string {
  return stringifyValue(value, style, options.exact);
}

/** A cell's text: strings as they are, nested values as compact JSON, null as `empty`. */
export function cell(value: unknown, empty: string, options: WriteOptions): string {
  if (value === null || value === undefined) return empty;
  if (typeof value === "string") return value;
  if (typeof value === "number") return options.exact?.textOf(value) ?? String(value);
  if (typeof value === "object") return jsonText(value, "compact", options);
  return String(value);
}

/**
 * The columns of rows that start with `first`: a query's fields in its order,
 * else the element's keys in Go's order (none for a value that is not an object).
 */
export function keysOf(first: unknown, options: WriteOptions): string[] {
  if (!isObject(first)) return [];
  return options.fields ? [...options.fields] : Object.keys(first).sort();
}

/**
 * One element as a row of cells under `keys`; a list (`[].[imsi, status]`)
 * is a row of its items; any other value is one cell.
 */
export function rowOf(
  value: unknown,
  keys: readonly string[],
  empty: string,
  options: WriteOptions,
): string[] {
  if (Array.isArray(value)) return value.map((v) => cell(v, empty, options));
  if (!isObject(value) || keys.length === 0) return [cell(value, empty, options)];
  return keys.map((k) => cell(value[k], empty, options));
}

/** A writer that hands each element's text to `out` at once. */
export function streaming(
  out: Output,
  first: (value: unknown) => string,
  next: (value: unknown) => string,
  close: (count: number) => string,
): ListWriter {
  let count = 0;
  return {
    element(value) {
      out.write(count++ === 0 ? first(value) : next(value));
    },
    end() {
      const tail = close(count);
      if (tail !== "") out.write(tail);
      return undefined;
    },
  };
}

/**
 * A writer of one line per element (`csv`, `text`), its columns from the first
 * element; `header` is the line before the first, if any.
 */
export function lines(
  out: Output,
  options: WriteOptions,
  line: (cells: readonly string[]) => string,
  header: (keys: readonly string[]) => string,
  empty: string,
): ListWriter {
  let keys: string[] = [];
  const row = (value: unknown) => line(rowOf(value, keys, empty, options));
  return streaming(
    out,
    (value) => {
      keys = keysOf(value, options);
      return header(keys) + row(value);
    },
    row,
    () => "",
  );
}
