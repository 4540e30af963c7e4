/**
 * The API definition's schemas for tests: OpenAPI 3.0 schemas as JSON Schema
 * for ajv (answers and bodies checked against the definition), and the
 * smallest values they accept (request bodies made from the definition, not
 * from our catalogue or the emulator's facts).
 *
 * @module
 */

import { Ajv } from "ajv";
import { deref, isObj, isObjectSchema, type Obj, type SpecId } from "./api_spec.ts";

/** Keywords that are OpenAPI-only annotations (no meaning for validation). */
const DROPPED = new Set([
  "example",
  "examples",
  "discriminator",
  "xml",
  "externalDocs",
  "deprecated",
]);

/**
 * Converts an OpenAPI 3.0 schema; `$ref`s point into the schema registered as `id`.
 * `oneOf` is checked as `anyOf`: the definitions use it for "one of these shapes",
 * and their branches overlap (no required keys, extra keys allowed), so a strict
 * "exactly one" would reject every value.
 */
export function toJsonSchema(schema: unknown, id: SpecId): unknown {
  if (Array.isArray(schema)) return schema.map((s) => toJsonSchema(s, id));
  if (!isObj(schema)) return schema;
  if (typeof schema.$ref === "string") {
    return { $ref: schema.$ref.replace(/^#\/components\/schemas\//, `${id}#/definitions/`) };
  }
  const out: Obj = {};
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED.has(key) || key.startsWith("x-") || key === "nullable") continue;
    if (key === "properties" && isObj(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, s]) => [name, toJsonSchema(s, id)]),
      );
    } else if (key === "oneOf") {
      out.anyOf = toJsonSchema(value, id);
    } else if (["items", "additionalProperties", "not", "allOf", "anyOf"].includes(key)) {
      out[key] = toJsonSchema(value, id);
    } else if ((key === "exclusiveMinimum" || key === "exclusiveMaximum") && value === true) {
      out[key] = key === "exclusiveMinimum" ? schema.minimum : schema.maximum;
    } else if ((key === "exclusiveMinimum" || key === "exclusiveMaximum") && value === false) {
      continue;
    } else {
      out[key] = value;
    }
  }
  if (schema.nullable !== true) return out;
  if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  if (typeof out.type === "string") return { ...out, type: [out.type, "null"] };
  return { anyOf: [out, { type: "null" }] };
}

/** The formats of the definition, as ajv checks them (with `formats`). */
function addFormats(ajv: Ajv): void {
  ajv.addFormat("int32", {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat("double", { type: "number", validate: (n: number) => Number.isFinite(n) });
  ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  ajv.addFormat("uri", { type: "string", validate: (s: string) => URL.canParse(s) });
  ajv.addFormat("yyyyMM", /^\d{6}$/);
  ajv.addFormat("yyyyMMdd", /^\d{8}$/);
  ajv.addFormat("yyyyMMddHHmmss", /^\d{14}$/);
}

/**
 * An ajv with the definitions' schemas registered (refer to one as `main#/definitions/Name`).
 * With `formats`, the definition's formats are checked too (others are let through).
 */
export function newAjv(specs: Record<SpecId, Obj>, options: { formats?: boolean } = {}): Ajv {
  const ajv = new Ajv({
    strict: false,
    validateFormats: options.formats === true,
    allErrors: true,
    logger: false,
  });
  if (options.formats) {
    addFormats(ajv);
  }
  for (const id of Object.keys(specs) as SpecId[]) {
    const components = specs[id].components;
    const schemas = isObj(components) && isObj(components.schemas) ? components.schemas : {};
    const definitions = Object.fromEntries(
      Object.entries(schemas).map(([name, schema]) => [name, toJsonSchema(schema, id)]),
    );
    ajv.addSchema({ $id: id, definitions });
  }
  return ajv;
}

/** Characters that test escaping: Go's PathEscape keeps `:&=+`, escapes ` `, `/` and `ü`. */
export const SPECIAL = " a/b:c&d=e+f ü";

const FORMATS: Readonly<Record<string, string>> = {
  "date-time": "2024-01-02T03:04:05Z",
  "date": "2024-01-02",
  "email": "user@example.com",
  "yyyyMMdd": "20240102",
  "yyyyMM": "202401",
};

export function fitsString(schema: Obj, value: string): boolean {
  if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value)) {
    return false;
  }
  if (typeof schema.maxLength === "number" && [...value].length > schema.maxLength) return false;
  return typeof schema.minLength !== "number" || [...value].length >= schema.minLength;
}

export function synthString(schema: Obj, name: string, avoid?: unknown): string {
  const values = Array.isArray(schema.enum) ? schema.enum.filter((v) => typeof v === "string") : [];
  if (values.length > 0) return values.find((v) => v !== avoid) ?? values[0];
  const format = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
  const candidates = [format, `${name}${SPECIAL}`, `${name}_1`, "12:00", "x"];
  return candidates.find((c): c is string =>
    c !== undefined && c !== avoid && fitsString(schema, c)
  ) ?? "x";
}

export function synthNumber(schema: Obj, integer: boolean, avoid?: unknown): number {
  const values = Array.isArray(schema.enum) ? schema.enum.filter((v) => typeof v === "number") : [];
  if (values.length > 0) return values.find((v) => v !== avoid) ?? values[0];
  const min = typeof schema.minimum === "number" ? schema.minimum : undefined;
  const max = typeof schema.maximum === "number" ? schema.maximum : undefined;
  const candidates = [integer ? 7 : 1.5, min, max, min === undefined ? undefined : min + 1];
  return candidates.find((c): c is number =>
    c !== undefined && c !== 0 && c !== avoid && (min === undefined || c >= min) &&
    (max === undefined || c <= max)
  ) ?? (integer ? 7 : 1.5);
}

/** A flag value that differs from the flag's default, so it is sent. */
export function minimal(spec: Obj, raw: unknown, depth = 0): unknown {
  const schema = deref(spec, raw);
  if (!isObj(schema) || depth > 12) return "x";
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null);
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((s) => minimal(spec, s, depth + 1));
    return parts.every(isObj) ? Object.assign({}, ...parts) : parts[0];
  }
  for (const key of ["oneOf", "anyOf"]) {
    const choices = schema[key];
    if (Array.isArray(choices)) return minimal(spec, choices[0], depth + 1);
  }
  if (isObjectSchema(schema) || isObj(schema.additionalProperties)) {
    const props = isObj(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
    return Object.fromEntries(required.map((n) => [n, minimal(spec, props[n] ?? {}, depth + 1)]));
  }
  switch (schema.type) {
    case "array":
      return [minimal(spec, schema.items ?? {}, depth + 1)];
    case "string":
      return synthString(schema, "value");
    case "integer":
    case "number":
      return synthNumber(schema, schema.type === "integer");
    case "boolean":
      return true;
    default:
      return "x";
  }
}
