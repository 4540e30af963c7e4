/**
 * The official SORACOM API definitions, read at test time, and soracom-cli's
 * rules for which parameters and body properties become flags. The contract
 * and help tests compare what `soracom` does against these, independently of
 * the generated catalogue.
 *
 * Parsing needs `--allow-read` and `--allow-env` (the `yaml` package peeks at
 * `LOG_TOKENS`/`LOG_STREAM`).
 *
 * @module
 */

import { join } from "node:path";
import { parse } from "yaml";
import { optionCase } from "../../src/catalog/catalog.ts";
import type { ParamType } from "../../src/catalog/types.ts";

/** A JSON/YAML object whose fields have not been checked. */
export type Obj = Record<string, unknown>;

/** Where the English definitions live (the shared folder beside the repository). */
export const SPEC_DIR = join(import.meta.dirname ?? ".", "../../../shared/soracom-api");

/** The two definition files, by the id the tests use for them. */
export const SPEC_FILES = {
  main: "soracom-api.en.yaml",
  sandbox: "soracom-sandbox-api.en.yaml",
} as const;

/** Which definition an operation comes from. */
export type SpecId = keyof typeof SPEC_FILES;

/** One parameter of an operation (path, query or header), `$ref`s resolved. */
export interface SpecParam {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly schema: Obj;
}

/** The request body of an operation, `$ref`s of the body itself resolved. */
export interface SpecBody {
  /** The first content type the definition lists. */
  readonly contentType: string;
  readonly required: boolean;
  /** The schema as written (may be a `$ref`). */
  readonly rawSchema: Obj;
  /** The schema with its top-level `$ref` resolved. */
  readonly schema: Obj;
}

/** One command name and the operation it calls. */
export interface SpecCommand {
  readonly name: string;
  readonly specId: SpecId;
  readonly spec: Obj;
  readonly method: string;
  /** Below the base path, e.g. `/subscribers/{imsi}`. */
  readonly path: string;
  readonly operationId: string;
  readonly tag: string;
  readonly deprecated: boolean;
  readonly alternative?: string;
  readonly security: boolean;
  /** Has `x-soracom-cli-pagination` (the command gets `--fetch-all`). */
  readonly paginated: boolean;
  readonly params: readonly SpecParam[];
  readonly body?: SpecBody;
}

/** A flag soracom-cli makes for a parameter or a top-level body property. */
export interface SpecFlag {
  /** The API name (parameter name or JSON key). */
  readonly name: string;
  readonly flag: string;
  readonly where: "path" | "query" | "header" | "body";
  readonly type: ParamType;
  readonly required: boolean;
  /** The schema of the value (resolved). */
  readonly schema: Obj;
  /** The default when its JSON type fits the flag type. */
  readonly default?: string | number | boolean;
  /** Enum values (of the items, for arrays), as strings. */
  readonly enum?: readonly string[];
}

/** True when a value is a plain object. */
export function isObj(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** True when both English definitions are present. */
export function specsPresent(): boolean {
  return Object.values(SPEC_FILES).every((file) => {
    try {
      return Deno.statSync(join(SPEC_DIR, file)).isFile;
    } catch {
      return false;
    }
  });
}

/** Parses both definitions. */
export async function loadSpecs(): Promise<Record<SpecId, Obj>> {
  const [main, sandbox] = await Promise.all(
    Object.values(SPEC_FILES).map((file) => Deno.readTextFile(join(SPEC_DIR, file))),
  );
  return { main: parse(main) as Obj, sandbox: parse(sandbox) as Obj };
}

/** Follows local `$ref`s (`#/components/...`) to the value they name. */
export function deref(spec: Obj, value: unknown): unknown {
  let current = value;
  for (let hops = 0; isObj(current) && typeof current.$ref === "string"; hops++) {
    const ref = current.$ref;
    if (hops > 32 || !ref.startsWith("#/")) throw new Error(`cannot follow $ref ${ref}`);
    let target: unknown = spec;
    for (const part of ref.slice(2).split("/")) {
      target = isObj(target) ? target[part.replaceAll("~1", "/").replaceAll("~0", "~")] : undefined;
    }
    if (target === undefined) throw new Error(`unresolved $ref ${ref}`);
    current = target;
  }
  return current;
}

function obj(spec: Obj, value: unknown, where: string): Obj {
  const resolved = deref(spec, value);
  if (!isObj(resolved)) throw new Error(`${where}: expected an object`);
  return resolved;
}

const METHODS = ["get", "post", "put", "delete", "head", "patch"];

/** Every command name in both definitions (`x-soracom-cli`), with its operation. */
export function specCommands(specs: Record<SpecId, Obj>): Map<string, SpecCommand> {
  const commands = new Map<string, SpecCommand>();
  for (const specId of Object.keys(SPEC_FILES) as SpecId[]) {
    const spec = specs[specId];
    for (const [path, item] of Object.entries(obj(spec, spec.paths, "paths"))) {
      for (const [method, rawOp] of Object.entries(obj(spec, item, path))) {
        if (!METHODS.includes(method)) continue;
        const op = obj(spec, rawOp, `${method} ${path}`);
        const names = op["x-soracom-cli"];
        if (!Array.isArray(names)) continue;
        const params: SpecParam[] = [];
        for (const raw of Array.isArray(op.parameters) ? op.parameters : []) {
          const p = obj(spec, raw, `${method} ${path} parameter`);
          params.push({
            name: String(p.name),
            in: String(p.in),
            required: p.required === true,
            schema: obj(spec, p.schema, `${method} ${path} ${String(p.name)}`),
          });
        }
        const command: Omit<SpecCommand, "name"> = {
          specId,
          spec,
          method: method.toUpperCase(),
          path,
          operationId: String(op.operationId),
          tag: Array.isArray(op.tags) ? String(op.tags[0]) : "",
          deprecated: op.deprecated === true,
          ...(typeof op["x-soracom-alternative-cli"] === "string"
            ? { alternative: op["x-soracom-alternative-cli"] }
            : {}),
          security: op.security !== undefined && op.security !== null,
          paginated: op["x-soracom-cli-pagination"] !== undefined,
          params,
          ...(op.requestBody === undefined ? {} : { body: bodyOf(spec, op.requestBody) }),
        };
        for (const name of names) {
          if (commands.has(String(name))) throw new Error(`command "${name}" defined twice`);
          commands.set(String(name), { name: String(name), ...command });
        }
      }
    }
  }
  return commands;
}

function bodyOf(spec: Obj, raw: unknown): SpecBody {
  const body = obj(spec, raw, "requestBody");
  const content = obj(spec, body.content, "requestBody content");
  const contentType = Object.keys(content)[0];
  const rawSchema = obj(spec, content[contentType], contentType).schema;
  if (!isObj(rawSchema)) throw new Error(`requestBody ${contentType}: no schema`);
  return {
    contentType,
    required: body.required === true,
    rawSchema,
    schema: obj(spec, rawSchema, "requestBody schema"),
  };
}

/**
 * The pflag kind soracom-cli declares for a schema, as its documentation
 * states the mapping (written from `../shared/research/soracom-cli.md`, not
 * from `scripts/gen_catalog.ts`, so that each can catch the other): a JSON
 * Schema `type` of string, integer, number or boolean gives a string, int64,
 * float64 or bool flag; an array whose items are strings gives a string
 * slice; nothing else (objects, other arrays, no declared type) gives a flag.
 * `--help` names them `string`, `int`, `float`, (nothing), `strings`.
 */
export type PflagKind = "string" | "int64" | "float64" | "bool" | "stringSlice";

const SCALAR_KINDS: Readonly<Record<string, PflagKind>> = {
  string: "string",
  integer: "int64",
  number: "float64",
  boolean: "bool",
};

/** Our name for each pflag kind (`ParamType` in the catalogue). */
const PARAM_TYPE: Readonly<Record<PflagKind, ParamType>> = {
  string: "string",
  int64: "integer",
  float64: "number",
  bool: "boolean",
  stringSlice: "array",
};

/** The pflag kind of a schema, or undefined when soracom-cli makes no flag of it. */
export function pflagKind(spec: Obj, schema: Obj): PflagKind | undefined {
  const declared = schema.type;
  if (typeof declared !== "string") return undefined;
  if (Object.hasOwn(SCALAR_KINDS, declared)) return SCALAR_KINDS[declared];
  const items = declared === "array" ? deref(spec, schema.items) : undefined;
  return isObj(items) && items.type === "string" ? "stringSlice" : undefined;
}

/** The flag type soracom-cli gives a schema, or undefined when it makes no flag. */
export function flagType(spec: Obj, schema: Obj): ParamType | undefined {
  const kind = pflagKind(spec, schema);
  return kind === undefined ? undefined : PARAM_TYPE[kind];
}

function flagOf(
  spec: Obj,
  name: string,
  flag: string,
  where: SpecFlag["where"],
  type: ParamType,
  required: boolean,
  schema: Obj,
): SpecFlag {
  const d = schema.default;
  const fits = type === "string"
    ? typeof d === "string"
    : type === "integer" || type === "number"
    ? typeof d === "number"
    : type === "boolean" && typeof d === "boolean";
  const items = type === "array" ? deref(spec, schema.items) : schema;
  const values = isObj(items) && Array.isArray(items.enum) ? items.enum.map(String) : undefined;
  return {
    name,
    flag,
    where,
    type,
    required,
    schema,
    ...(fits ? { default: d as string | number | boolean } : {}),
    ...(values ? { enum: values } : {}),
  };
}

/**
 * The flags soracom-cli makes for a command: path, query and header parameters
 * of a flag type (string arrays in the query only), then the top-level
 * properties of a `$ref` object body (a parameter's flag wins a name clash).
 */
export function specFlags(command: SpecCommand): SpecFlag[] {
  const { spec } = command;
  const flags: SpecFlag[] = [];
  for (const p of command.params) {
    if (p.in !== "path" && p.in !== "query" && p.in !== "header") continue;
    const type = flagType(spec, p.schema);
    if (type === undefined || (type === "array" && p.in !== "query")) continue;
    flags.push(flagOf(spec, p.name, optionCase(p.name), p.in, type, p.required, p.schema));
  }
  const body = command.body;
  if (body && typeof body.rawSchema.$ref === "string" && isObjectSchema(body.schema)) {
    const required = Array.isArray(body.schema.required) ? body.schema.required.map(String) : [];
    const properties = isObj(body.schema.properties) ? body.schema.properties : {};
    for (const [name, raw] of Object.entries(properties)) {
      const schema = obj(spec, raw, `body property ${name}`);
      const type = flagType(spec, schema);
      if (type === undefined) continue;
      const rename = schema["x-soracom-cli-param-name"];
      const flag = optionCase(typeof rename === "string" ? rename : name);
      if (flags.some((f) => f.flag === flag)) continue;
      flags.push(flagOf(spec, name, flag, "body", type, required.includes(name), schema));
    }
  }
  return flags;
}

/** True for an object schema (explicit, or implied by `properties`). */
export function isObjectSchema(schema: Obj): boolean {
  return schema.type === "object" || (schema.type === undefined && isObj(schema.properties));
}
