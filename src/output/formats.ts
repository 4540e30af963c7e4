/**
 * `--output FORMAT` for values (a response after `--query`, or any response
 * printed in a format other than soracom-cli's JSON): `json`, `jsonl`,
 * `table`, `yaml`, `csv` (RFC 4180) and `text` (tab-separated, as aws-cli's).
 *
 * A list is written element by element ({@link ListWriter}): `json`, `jsonl`,
 * `csv` and `text` go out as they come, so `--fetch-all` stays flat in memory;
 * `table` (its columns need every row) and `yaml` wait for the end.
 *
 * Columns of `csv` and `text` are the first element's keys, sorted (an element
 * without one leaves its cell empty, a key the first element lacks is not
 * shown); `table` shows every key of every row. A nested value is written as
 * compact JSON in its cell.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../context.ts";
 * import { listWriter } from "./formats.ts";
 *
 * const fake = fakeContext();
 * const csv = listWriter(fake.ctx.stdout, "csv");
 * csv.element({ imsi: "440100000000001", tags: { name: "a, b" } });
 * csv.end();
 * assert.equal(fake.stdout(), 'imsi,tags\r\n440100000000001,"{""name"":""a, b""}"\r\n');
 * ```
 *
 * @module
 */

import type { Output } from "../context.ts";
import { formatJson } from "../json/mod.ts";
import type { OutputFormat } from "./print.ts";
import { columns } from "./table.ts";
import { toYaml } from "./yaml.ts";

/** Writes a list one element at a time. Nothing is written before the first element or `end`. */
export interface ListWriter {
  /** Adds one element. */
  element(value: unknown): void;
  /** Writes what is held back, and closes the list. */
  end(): void;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Compact JSON with sorted keys, as soracom-cli writes it. */
function compact(value: unknown): string {
  return formatJson(JSON.stringify(value) ?? "null", "compact");
}

/** Tab-indented JSON with sorted keys. */
function pretty(value: unknown): string {
  return formatJson(JSON.stringify(value) ?? "null", "pretty");
}

/** A cell's text: strings as they are, nested values as compact JSON, null as `empty`. */
function cell(value: unknown, empty: string): string {
  if (value === null || value === undefined) return empty;
  if (typeof value === "string") return value;
  if (typeof value === "object") return compact(value);
  return String(value);
}

/** An RFC 4180 field: quoted when it holds a comma, a quote, CR or LF. */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The keys of `value` in Go's (code point) order, none for a value that is not an object. */
function keysOf(value: unknown): string[] {
  return isObject(value) ? Object.keys(value).sort() : [];
}

/**
 * One element as a row of cells under `keys`; a list (`[].[imsi, status]`)
 * is a row of its items; any other value is one cell.
 */
function rowOf(value: unknown, keys: readonly string[], empty: string): string[] {
  if (Array.isArray(value)) return value.map((v) => cell(v, empty));
  if (!isObject(value) || keys.length === 0) return [cell(value, empty)];
  return keys.map((k) => cell(value[k], empty));
}

/** A writer that hands each element's text to `out` at once. */
function streaming(
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
    },
  };
}

/** The `csv` or `text` writer: columns from the first element. */
function delimited(out: Output, format: "csv" | "text"): ListWriter {
  let keys: string[] = [];
  const line = (value: unknown) =>
    format === "csv"
      ? `${rowOf(value, keys, "").map(csvField).join(",")}\r\n`
      : `${rowOf(value, keys, "None").join("\t")}\n`;
  return streaming(
    out,
    (value) => {
      keys = keysOf(value);
      const header = format === "csv" && keys.length > 0
        ? `${keys.map(csvField).join(",")}\r\n`
        : "";
      return header + line(value);
    },
    line,
    () => "",
  );
}

/** The `table` writer: every row held until the end, for the widths. */
function tabled(out: Output, width: number | undefined): ListWriter {
  const values: unknown[] = [];
  return {
    element: (value) => void values.push(value),
    end() {
      const keys = [...new Set(values.flatMap(keysOf))].sort();
      const rows = values.map((v) => rowOf(v, keys, ""));
      const header = keys.length > 0 ? [keys.map((k) => k.toUpperCase())] : [];
      out.write(columns([...header, ...rows], width));
    },
  };
}

/** The `yaml` writer: the list held until the end. */
function yamled(out: Output): ListWriter {
  const values: unknown[] = [];
  return {
    element: (value) => void values.push(value),
    end: () => out.write(toYaml(values)),
  };
}

/**
 * A writer of a list in `format` to `out`. `width` is the terminal's, for
 * `table` (none: no cutting).
 */
export function listWriter(
  out: Output,
  format: OutputFormat,
  width?: number,
): ListWriter {
  switch (format) {
    case "json":
      return streaming(
        out,
        (v) => `[\n\t${pretty(v).replaceAll("\n", "\n\t")}`,
        (v) => `,\n\t${pretty(v).replaceAll("\n", "\n\t")}`,
        (count) => count === 0 ? "[]\n" : "\n]\n",
      );
    case "jsonl":
      return streaming(out, (v) => `${compact(v)}\n`, (v) => `${compact(v)}\n`, () => "");
    case "csv":
    case "text":
      return delimited(out, format);
    case "table":
      return tabled(out, width);
    case "yaml":
      return yamled(out);
  }
}

/** Writes a whole value (not a list) in `format`: one row, one line or one document. */
export function writeValue(
  out: Output,
  value: unknown,
  format: OutputFormat,
  width?: number,
): void {
  if (format === "json") out.write(`${pretty(value)}\n`);
  else if (format === "yaml") out.write(toYaml(value));
  else {
    const writer = listWriter(out, format, width);
    writer.element(value);
    writer.end();
  }
}
