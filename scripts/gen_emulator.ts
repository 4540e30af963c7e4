/**
 * Generates `src/emulator/facts.json`, what `soracom emulator` knows of each
 * operation beyond the catalogue: the schema of its answer, of its request
 * body, its success status and the errors it lists. Facts only (types,
 * required keys, enums, formats, bounds): no description, summary, example or
 * title of the definition is kept.
 *
 * ```sh
 * deno run --allow-read --allow-write --allow-env=LOG_TOKENS,LOG_STREAM scripts/gen_emulator.ts \
 *   [--spec-dir DIR] [--out FILE] [--check]
 * ```
 *
 * - `--spec-dir DIR`: where the two English definitions are (default `../shared/soracom-api`).
 * - `--out FILE`: where to write (default `src/emulator/facts.json`).
 * - `--check`: write nothing; exit 1 when the file differs from what would be written.
 *
 * @module
 */

import { relative } from "node:path";
import {
  asObj,
  compareCodeUnits,
  deref,
  isObj,
  METHODS,
  type Obj,
  readDefinitions,
  readGeneratorOptions,
  SPEC_FILES,
  usageExit,
  versionOf,
} from "./gen_catalog.ts";
import type {
  EmulatorFacts,
  OperationFacts,
  ParamFacts,
  SchemaFact,
} from "../src/emulator/facts.ts";

/** The schema keywords kept, each a fact. Everything else (prose, examples, x-*) is left out. */
const KEPT = [
  "type",
  "required",
  "enum",
  "format",
  "nullable",
  "minimum",
  "maximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "pattern",
  "default",
] as const;

const SCHEMA_PREFIX = "#/components/schemas/";

/** Collects the facts of one definition's schemas, following references as they are met. */
class SchemaFacts {
  readonly named = new Map<string, SchemaFact>();
  readonly #pending: string[] = [];

  constructor(private readonly spec: Obj) {}

  /** The facts of a schema; a reference stays a reference (by name), its target is kept too. */
  of(raw: unknown, where: string): SchemaFact {
    const schema = asObj(raw, where);
    if (typeof schema.$ref === "string") return { $ref: this.#name(schema.$ref, where) };
    const fact: Record<string, unknown> = {};
    for (const key of KEPT) if (schema[key] !== undefined) fact[key] = schema[key];
    if (isObj(schema.properties)) {
      const props: Record<string, SchemaFact> = {};
      for (const [name, value] of Object.entries(schema.properties)) {
        props[name] = this.of(value, `${where}.${name}`);
      }
      fact.properties = props;
    }
    if (schema.items !== undefined) fact.items = this.of(schema.items, `${where}[]`);
    const extra = schema.additionalProperties;
    if (typeof extra === "boolean") fact.additionalProperties = extra;
    else if (extra !== undefined) fact.additionalProperties = this.of(extra, `${where}{}`);
    for (const key of ["oneOf", "anyOf", "allOf"] as const) {
      const list = schema[key];
      if (Array.isArray(list)) fact[key] = list.map((s, i) => this.of(s, `${where}.${key}[${i}]`));
    }
    return fact as SchemaFact;
  }

  /** Facts of every schema referred to so far (and of those they refer to). */
  drain(): void {
    const schemas = asObj(asObj(this.spec.components, "components").schemas, "schemas");
    for (let name = this.#pending.pop(); name !== undefined; name = this.#pending.pop()) {
      this.named.set(name, this.of(schemas[name], name));
    }
  }

  #name(ref: string, where: string): string {
    if (!ref.startsWith(SCHEMA_PREFIX)) throw new Error(`${where}: unsupported $ref ${ref}`);
    const name = ref.slice(SCHEMA_PREFIX.length);
    if (!this.named.has(name) && !this.#pending.includes(name)) {
      this.named.set(name, {}); // a placeholder until drained, so a cycle ends
      this.#pending.push(name);
    }
    return name;
  }
}

/** The JSON schema of a request body or response content, when it is JSON. */
function jsonSchemaOf(content: unknown): unknown {
  return isObj(content) && isObj(content["application/json"])
    ? content["application/json"].schema
    : undefined;
}

function paramFacts(spec: Obj, schemas: SchemaFacts, raw: unknown, where: string): ParamFacts[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item) => {
    const param = asObj(deref(spec, item), `${where} parameter`);
    const place = param.in;
    if (place !== "path" && place !== "query" && place !== "header") return [];
    const name = String(param.name);
    return [{
      name,
      in: place,
      ...(param.required === true ? { required: true as const } : {}),
      schema: param.schema === undefined ? {} : schemas.of(param.schema, `${where} ${name}`),
    }];
  });
}

function operationFacts(
  spec: Obj,
  schemas: SchemaFacts,
  op: Obj,
  where: string,
): OperationFacts {
  const responses = asObj(op.responses, `${where} responses`);
  const statuses = Object.keys(responses).map(Number).filter(Number.isInteger).sort((a, b) =>
    a - b
  );
  const status = statuses.find((s) => s >= 200 && s < 300) ??
    statuses.find((s) => s >= 300 && s < 400);
  if (status === undefined) throw new Error(`${where}: no success status`);
  const success = asObj(responses[String(status)], `${where} ${status}`);
  const contentType = isObj(success.content) ? Object.keys(success.content)[0] : undefined;
  const response = jsonSchemaOf(success.content);
  const request = op.requestBody === undefined ? undefined : asObj(op.requestBody, where);
  const body = request === undefined ? undefined : jsonSchemaOf(request.content);
  const params = paramFacts(spec, schemas, op.parameters, where);
  return {
    status,
    ...(params.length === 0 ? {} : { params }),
    ...(contentType === undefined ? {} : { contentType }),
    ...(response === undefined ? {} : { response: schemas.of(response, `${where} response`) }),
    ...(body === undefined ? {} : { body: schemas.of(body, `${where} body`) }),
    ...(request?.required === true ? { bodyRequired: true as const } : {}),
    errors: statuses.filter((s) => s >= 400),
  };
}

/**
 * The facts of both definitions (main, then sandbox), by operation ID.
 *
 * @example
 * ```ts
 * const facts = buildFacts(parseYaml(mainText), parseYaml(sandboxText));
 * facts.operations.listSubscribers.status; // 200
 * ```
 */
export function buildFacts(mainSpec: unknown, sandboxSpec: unknown): EmulatorFacts {
  const operations: Record<string, OperationFacts> = {};
  const schemas: Record<string, SchemaFact> = {};
  for (const [raw, label] of [[mainSpec, "main"], [sandboxSpec, "sandbox"]] as const) {
    const spec = asObj(raw, `${label} definition`);
    const facts = new SchemaFacts(spec);
    for (const [path, item] of Object.entries(asObj(spec.paths, "paths"))) {
      for (const [method, rawOp] of Object.entries(asObj(item, path))) {
        if (METHODS[method] === undefined) continue;
        const op = asObj(rawOp, `${method} ${path}`);
        const id = String(op.operationId);
        if (operations[id] !== undefined) throw new Error(`operation ${id} is defined twice`);
        operations[id] = operationFacts(spec, facts, op, `${method.toUpperCase()} ${path}`);
      }
    }
    facts.drain();
    for (const [name, fact] of facts.named) {
      const known = schemas[name];
      if (known !== undefined && JSON.stringify(known) !== JSON.stringify(fact)) {
        throw new Error(`schema ${name} differs between the definitions`);
      }
      schemas[name] = fact;
    }
  }
  return {
    "//": `GENERATED by scripts/gen_emulator.ts from ${SPEC_FILES.main} ${
      versionOf(asObj(mainSpec, "main"), "main")
    } and ${SPEC_FILES.sandbox} ${
      versionOf(asObj(sandboxSpec, "sandbox"), "sandbox")
    }. Do not edit.`,
    schemas,
    operations,
  };
}

/**
 * The file's text: the notice on the first line, then one schema or operation
 * per line, sorted by name, so diffs stay readable.
 *
 * @example
 * ```ts
 * renderFacts(facts).split("\n")[0]; // '{"//": "GENERATED by scripts/gen_emulator.ts ..."'
 * ```
 */
export function renderFacts(facts: EmulatorFacts): string {
  const lines = (record: Readonly<Record<string, unknown>>) =>
    Object.keys(record).sort(compareCodeUnits).map((k) =>
      `${JSON.stringify(k)}: ${JSON.stringify(record[k])}`
    ).join(",\n");
  return `{"//": ${JSON.stringify(facts["//"])},\n"schemas": {\n${
    lines(facts.schemas)
  }\n},\n"operations": {\n${lines(facts.operations)}\n}}\n`;
}

const USAGE = "usage: gen_emulator.ts [--spec-dir DIR] [--out FILE] [--check]";

async function main(args: readonly string[]): Promise<number> {
  const options = readGeneratorOptions(args, "out", "src/emulator/facts.json");
  if (typeof options === "string") return usageExit("gen_emulator", options, USAGE);
  const facts = buildFacts(...await readDefinitions(options.specDir));
  const text = renderFacts(facts);
  const shown = relative(Deno.cwd(), options.out);
  const counts = `${Object.keys(facts.operations).length} operations, ${
    Object.keys(facts.schemas).length
  } schemas`;
  if (options.check) {
    const current = await Deno.readTextFile(options.out).catch(() => undefined);
    if (current !== text) {
      console.error(`gen_emulator: ${shown} is stale; run \`deno task gen-emulator\``);
      return 1;
    }
    console.error(`gen_emulator: ${shown} is up to date (${counts})`);
    return 0;
  }
  await Deno.writeTextFile(options.out, text);
  console.error(`gen_emulator: ${counts} -> ${shown}`);
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main(Deno.args));
  } catch (error) {
    console.error(`gen_emulator: ${error instanceof Error ? error.message : String(error)}`);
    Deno.exit(1);
  }
}
