/**
 * The `--output` formats: each is one file in `formats/` (a {@link Format}),
 * loaded only when it is asked for; this registry names them, in the order
 * help lists them. A new format is its file, its line here and its words in
 * `catalog/text/*.json` (see `docs/output.md`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadFormat, OUTPUT_FORMATS } from "./formats.ts";
 *
 * assert.deepEqual(OUTPUT_FORMATS, ["json", "jsonl", "table", "yaml", "csv", "text"]);
 * assert.equal(typeof (await loadFormat("csv")).list, "function");
 * ```
 *
 * @module
 */

import type { Format } from "./writer.ts";

/** Each format's module, by the name `--output` takes. */
export const FORMATS = {
  json: () => import("./formats/json.ts"),
  jsonl: () => import("./formats/jsonl.ts"),
  table: () => import("./formats/table.ts"),
  yaml: () => import("./formats/yaml.ts"),
  csv: () => import("./formats/csv.ts"),
  text: () => import("./formats/text.ts"),
} as const satisfies Readonly<Record<string, () => Promise<{ readonly format: Format }>>>;

/** The formats `--output` takes. */
export type OutputFormat = keyof typeof FORMATS;

/** Every {@link OutputFormat}, in the order help lists them. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = Object.keys(FORMATS) as OutputFormat[];

/** The format `name`, its module loaded now. */
export async function loadFormat(name: OutputFormat): Promise<Format> {
  return (await FORMATS[name]()).format;
}
