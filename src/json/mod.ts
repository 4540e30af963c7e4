/**
 * JSON as soracom-cli prints it, the bottom layer: it imports nothing of
 * ours. Each job has its file: values and errors (`value.ts`), reading
 * (`parse.ts`), formatting response text (`format.ts`), writing values we
 * built (`stringify.ts`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatJson } from "./mod.ts";
 *
 * assert.equal(formatJson('{"b":[1, 2],"a":null}', "compact"), '{"a":null,"b":[1,2]}');
 * ```
 *
 * @module
 */

export {
  describeJsonError,
  eachJsonElement,
  formatJson,
  formatJsonElements,
  type JsonErrorPlace,
  locateJsonError,
} from "./format.ts";
export { parseJson, parseJsonData } from "./parse.ts";
export { ExactIntegers } from "./exact.ts";
export { stringifyCompact, stringifyPretty, stringifyValue } from "./stringify.ts";
export {
  type JsonStyle,
  JsonSyntaxError,
  type JsonValue,
  nestsDeeperThan,
  RawNumber,
} from "./value.ts";
