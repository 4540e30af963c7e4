/**
 * From flag values to an API call, by soracom-cli's rules: path values escaped
 * into the path; query values sent only when they differ from the default;
 * body string properties sent when they differ from the default, numbers and
 * booleans when given; flags overwrite keys of `--body`; required checks with
 * soracom-cli's messages. Pure: no I/O.
 *
 * @module
 */

import type { CatalogOperation, CatalogParam } from "../catalog/types.ts";
import { CliError } from "../errors.ts";
import type { ApiCall } from "./client.ts";
import {
  type JsonValue,
  locateJsonError,
  parseJson,
  RawNumber,
  stringifyCompact,
} from "../json/mod.ts";
import { said } from "../messages.ts";

/** A parsed flag value. Arrays are string arrays. */
export type FlagValue = string | number | boolean | readonly string[];

/** What the user gave for one command. */
export interface RequestInput {
  /** Flag name (kebab-case) -> value; unset flags are absent. */
  readonly values: Readonly<Record<string, FlagValue | undefined>>;
  /** The `--body` content, already read from `@file` or stdin. */
  readonly body?: Uint8Array;
}

/** What Go's `url.PathEscape` leaves as it is, as a pattern (each call makes its own expression). */
const PATH_KEEP = "%(24|26|2B|2C|3A|3B|3D|40)";

/** Escapes one path segment as Go's `url.PathEscape` does. */
function escapePathSegment(s: string): string {
  return encodeURIComponent(s).replace(new RegExp(PATH_KEEP, "g"), (m) => decodeURIComponent(m));
}

/** Harvest Files paths may hold `/`: each piece is escaped, empty pieces dropped. */
export function escapeFilesPath(s: string): string {
  return s.split("/").filter((p) => p !== "").map(escapePathSegment).join("/");
}

function isZero(value: FlagValue | undefined): boolean {
  if (value === undefined || value === "" || value === 0 || value === false) return true;
  return Array.isArray(value) && value.length === 0;
}

function sameAsDefault(param: { default?: string | number | boolean }, value: FlagValue): boolean {
  if (param.default === undefined) return isZero(value);
  return value === param.default;
}

/** A string-slice flag's values: repeated flags and comma-separated lists, as pflag splits them. */
function listValues(value: readonly string[]): string[] {
  return value.flatMap((v) => v.split(",")).filter((v) => v !== "");
}

function queryValues(param: CatalogParam, value: FlagValue): string[] {
  if (Array.isArray(value)) return listValues(value);
  if (typeof value === "number" && param.type === "number") return [value.toFixed(6)];
  return [String(value)];
}

/** The error for a `--body` that is not valid JSON, naming where it breaks. */
function invalidBody(text: string): CliError {
  const place = locateJsonError(text) ?? { problem: "invalid JSON", line: 0, column: 0 };
  return new CliError("usage", said("bodyInvalidJson", place.problem, place.line, place.column));
}

function parseBodyObject(bytes: Uint8Array | undefined): Record<string, JsonValue> {
  if (bytes === undefined) return {};
  const text = new TextDecoder().decode(bytes);
  let value: JsonValue;
  try {
    value = parseJson(text);
  } catch {
    throw invalidBody(text);
  }
  if (
    value === null || typeof value !== "object" || Array.isArray(value) ||
    value instanceof RawNumber
  ) {
    throw new CliError("usage", said("bodyNotObject"));
  }
  return value;
}

function toJson(value: FlagValue): JsonValue {
  if (Array.isArray(value)) return listValues(value);
  // Typed flags never give Infinity or NaN; should one arrive, it must not break the body.
  if (typeof value === "number") {
    return Number.isFinite(value) ? new RawNumber(String(value)) : String(value);
  }
  return value as string | boolean;
}

function buildBody(
  op: CatalogOperation,
  input: RequestInput,
  operatorId: string | undefined,
): { body?: Uint8Array | string; contentType?: string } {
  const spec = op.body;
  if (spec === undefined) return {};
  const header = op.params.find((p) =>
    p.in === "header" && p.name.toLowerCase() === "content-type"
  );
  const chosen = header ? input.values[header.flag] : undefined;
  const contentType = header
    ? (typeof chosen === "string" && chosen !== "" ? chosen : undefined)
    : spec.contentType;
  const json = /json/i.test(contentType ?? "");
  if (spec.kind === "raw" || !json) {
    if (input.body === undefined || input.body.length === 0) {
      if (json && spec.required) throw invalidBody("");
      return { body: input.body, contentType };
    }
    if (json) {
      const text = new TextDecoder().decode(input.body);
      try {
        JSON.parse(text);
      } catch {
        throw invalidBody(text);
      }
    }
    return { body: input.body, contentType };
  }
  const object = parseBodyObject(input.body);
  const given = new Set(Object.keys(object));
  for (const prop of spec.props ?? []) {
    const value = input.values[prop.flag];
    if (value === undefined) continue;
    const send = prop.type === "string"
      ? !sameAsDefault(prop, value)
      : Array.isArray(value)
      ? listValues(value).length > 0
      : true;
    if (send) object[prop.name] = toJson(value);
  }
  if (operatorId !== undefined) {
    const prop = spec.props?.find((p) => p.name === "operatorId" && p.required);
    if (prop && !("operatorId" in object)) object.operatorId = operatorId;
  }
  for (const prop of spec.props ?? []) {
    if (!prop.required || prop.default !== undefined) continue;
    if (given.has(prop.name) || prop.name in object) continue;
    // Filled from the session once logged in, like the `operator_id` path parameter.
    if (prop.name === "operatorId" && operatorId === undefined) continue;
    throw new CliError("usage", said("requiredBodyParam", prop.name, prop.flag));
  }
  return { body: stringifyCompact(object), contentType };
}

/**
 * Builds the call. `operatorId` fills `operator_id` when the user did not give it.
 *
 * @throws CliError (`usage`) for a missing required parameter or an invalid `--body`
 */
export function buildApiCall(
  op: CatalogOperation,
  input: RequestInput,
  operatorId: string | undefined,
): ApiCall {
  let path = op.path;
  const query: [string, string][] = [];
  for (const param of op.params) {
    let value = input.values[param.flag] ?? (param.in === "path" ? param.default : undefined);
    if (param.name === "operator_id" && isZero(value) && operatorId !== undefined) {
      value = operatorId;
    }
    if (param.required && param.default === undefined && isZero(value)) {
      if (param.name === "operator_id" && operatorId === undefined) continue;
      throw new CliError("usage", said("requiredParam", param.flag));
    }
    if (value === undefined) continue;
    if (param.in === "path") {
      const text = String(value);
      const escaped = param.name === "path" && op.path.startsWith("/files/")
        ? escapeFilesPath(text)
        : escapePathSegment(text);
      path = path.replace(`{${param.name}}`, escaped);
    } else if (param.in === "query" && !sameAsDefault(param, value)) {
      for (const v of queryValues(param, value)) query.push([param.name, v]);
    }
  }
  return { method: op.method, path, query, ...buildBody(op, input, operatorId) };
}
