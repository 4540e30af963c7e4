/**
 * Generates `validators.generated.ts` beside each schema file (`src/profile/`,
 * `src/auth/`): plain TypeScript checks made from the
 * zod schemas of what commands read (a profile, a cached session, a login
 * reply), so no command loads zod (about 40 ms, more than the rest of a warm call).
 * The schemas stay the one definition; zod still explains what it turns down.
 *
 * ```sh
 * deno task gen-validators            # writes the validators.generated.ts files
 * deno task gen-validators --check    # writes nothing; exit 1 when a file is stale
 * ```
 *
 * The checks are for parsed JSON (plain objects, arrays, strings, numbers,
 * booleans, null), the only input they get; on that input they accept and
 * return exactly what the schema's `safeParse` does (tests/validators_test.ts
 * holds them to it). A zod type or check this generator does not know stops it
 * rather than being let through.
 *
 * @module
 */

import { authResponseSchema, cachedSessionSchema } from "../src/auth/session_zod.ts";
import { readArgs } from "./args.ts";
import { profileSchema } from "../src/profile/profile_zod.ts";

/** What the generator reads of a zod schema: its definition. */
interface Def {
  readonly type: string;
  readonly checks?: readonly { readonly _zod: { readonly def: CheckDef } }[];
  readonly shape?: Readonly<Record<string, Schema>>;
  readonly innerType?: Schema;
  readonly keyType?: Schema;
  readonly valueType?: Schema;
  readonly values?: readonly unknown[];
  readonly format?: string;
}

interface CheckDef {
  readonly check: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly format?: string;
  readonly value?: number;
  readonly inclusive?: boolean;
}

interface Schema {
  readonly _zod: { readonly def: Def };
}

/** The functions to generate: name, schema, where it is defined, and the type it returns. */
const TARGETS = [
  {
    name: "parseProfile",
    schema: profileSchema as unknown as Schema,
    source: "profileSchema",
    module: "profile/profile_zod.ts",
    type: "Profile",
  },
  {
    name: "parseAuthResponse",
    schema: authResponseSchema as unknown as Schema,
    source: "authResponseSchema",
    module: "auth/session_zod.ts",
    type: "AuthResponse",
  },
  {
    name: "parseCachedSession",
    schema: cachedSessionSchema as unknown as Schema,
    source: "cachedSessionSchema",
    module: "auth/session_zod.ts",
    type: "CachedSessionFile",
  },
] as const;

/** The folder under `src/` of a schema module (`profile/profile_zod.ts` -> `profile`). */
function folderOf(module: string): string {
  return module.slice(0, module.indexOf("/"));
}

/** Where the checks of a folder's schemas go, relative to the project root. */
export function outputPath(folder: string): string {
  return `src/${folder}/validators.generated.ts`;
}

/** Writes the statements of one function body. */
class Emitter {
  readonly lines: string[] = [];
  #next = 0;

  fresh(): string {
    return `v${this.#next++}`;
  }

  line(depth: number, text: string): void {
    this.lines.push(`${"  ".repeat(depth)}${text}`);
  }

  /** Emits the checks of `value` (a variable) against `schema`; returns the output's expression. */
  emit(schema: Schema, value: string, depth: number): string {
    const def = schema._zod.def;
    const fail = "return undefined;";
    switch (def.type) {
      case "string":
        if (def.format !== undefined) unsupported(`string format ${def.format}`);
        this.line(depth, `if (typeof ${value} !== "string") ${fail}`);
        for (const c of checks(def)) {
          if (c.check === "min_length") {
            this.line(depth, `if (${value}.length < ${c.minimum}) ${fail}`);
          } else if (c.check === "max_length") {
            this.line(depth, `if (${value}.length > ${c.maximum}) ${fail}`);
          } else unsupported(`string check ${c.check}`);
        }
        return value;
      case "number":
        this.line(depth, `if (typeof ${value} !== "number" || !Number.isFinite(${value})) ${fail}`);
        for (const c of checks(def)) {
          if (c.check === "number_format" && c.format === "safeint") {
            this.line(depth, `if (!Number.isSafeInteger(${value})) ${fail}`);
          } else if (c.check === "greater_than") {
            this.line(depth, `if (${value} ${c.inclusive ? "<" : "<="} ${c.value}) ${fail}`);
          } else if (c.check === "less_than") {
            this.line(depth, `if (${value} ${c.inclusive ? ">" : ">="} ${c.value}) ${fail}`);
          } else unsupported(`number check ${c.check} ${c.format ?? ""}`);
        }
        return value;
      case "boolean":
        noChecks(def);
        this.line(depth, `if (typeof ${value} !== "boolean") ${fail}`);
        return value;
      case "literal": {
        noChecks(def);
        const allowed = (def.values ?? []).map((v) => `${value} !== ${JSON.stringify(v)}`);
        if (allowed.length === 0) unsupported("a literal with no values");
        this.line(depth, `if (${allowed.join(" && ")}) ${fail}`);
        return value;
      }
      case "optional": {
        noChecks(def);
        const out = this.fresh();
        this.line(depth, `let ${out}: unknown = ${value};`);
        this.line(depth, `if (${value} !== undefined) {`);
        this.line(depth + 1, `${out} = ${this.emit(def.innerType!, value, depth + 1)};`);
        this.line(depth, "}");
        return out;
      }
      case "record": {
        noChecks(def);
        if (def.keyType!._zod.def.type !== "string" || checks(def.keyType!._zod.def).length > 0) {
          unsupported("a record whose keys are not plain strings");
        }
        const out = this.fresh();
        const key = this.fresh();
        const item = this.fresh();
        this.line(depth, `if (!isObject(${value})) ${fail}`);
        this.line(depth, `const ${out}: Obj = {};`);
        this.line(depth, `for (const ${key} of Object.keys(${value})) {`);
        this.line(depth + 1, `if (${key} === "__proto__") continue;`);
        this.line(depth + 1, `const ${item} = ${value}[${key}];`);
        const element = this.emit(def.valueType!, item, depth + 1);
        this.line(depth + 1, `${out}[${key}] = ${element};`);
        this.line(depth, "}");
        return out;
      }
      case "object": {
        noChecks(def);
        const out = this.fresh();
        this.line(depth, `if (!isObject(${value})) ${fail}`);
        this.line(depth, `const ${out}: Obj = {};`);
        for (const [name, field] of Object.entries(def.shape ?? {})) {
          const key = JSON.stringify(name);
          const got = this.fresh();
          this.line(depth, `const ${got} = ${value}[${key}];`);
          const result = this.emit(field, got, depth);
          // An optional key is kept only when present, as zod keeps it.
          if (field._zod.def.type === "optional") {
            this.line(depth, `if (${key} in ${value}) ${out}[${key}] = ${result};`);
          } else this.line(depth, `${out}[${key}] = ${result};`);
        }
        return out;
      }
      default:
        return unsupported(`zod type ${def.type}`);
    }
  }
}

function checks(def: Def): CheckDef[] {
  return (def.checks ?? []).map((c) => c._zod.def);
}

function noChecks(def: Def): void {
  if (checks(def).length > 0) unsupported(`checks on ${def.type}`);
}

function unsupported(what: string): never {
  throw new Error(`gen_validators: ${what} is not supported; teach the generator before using it`);
}

/**
 * The body of a check for `schema` (its argument is `input`) and the expression
 * of its result; throws for what it cannot translate.
 */
export function translate(schema: Schema): { lines: string[]; result: string } {
  const emitter = new Emitter();
  const result = emitter.emit(schema, "input", 1);
  return { lines: emitter.lines, result };
}

/** The generated modules: project-relative path -> text, one per folder of schemas. */
export function generate(): Map<string, string> {
  const files = new Map<string, string>();
  for (const folder of new Set(TARGETS.map((t) => folderOf(t.module)))) {
    files.set(
      outputPath(folder),
      generateFolder(TARGETS.filter((t) => folderOf(t.module) === folder)),
    );
  }
  return files;
}

/** One generated module: the checks of `targets`, all from one folder. */
function generateFolder(targets: readonly (typeof TARGETS)[number][]): string {
  const local = (module: string) => `./${module.slice(module.indexOf("/") + 1)}`;
  const out = [
    "// GENERATED by scripts/gen_validators.ts from zod schemas; do not edit. Run `deno task gen-validators`.",
    "/**",
    " * Plain checks made from zod schemas, for parsed JSON: each returns what the",
    " * schema's `safeParse` returns as `data`, or `undefined` where it fails.",
    " *",
    " * @module",
    " */",
    "",
    ...[...new Set(targets.map((t) => t.module))].map((module) =>
      `import type { ${
        targets.filter((t) => t.module === module).map((t) => t.type).join(", ")
      } } from "${local(module)}";`
    ),
    "",
    "type Obj = Record<string, unknown>;",
    "",
    "function isObject(value: unknown): value is Obj {",
    '  return typeof value === "object" && value !== null && !Array.isArray(value);',
    "}",
  ];
  for (const target of targets) {
    const { lines, result } = translate(target.schema);
    out.push(
      "",
      `/** \`${target.source}\` (${local(target.module).slice(2)}) as a plain check. */`,
      `export function ${target.name}(input: unknown): ${target.type} | undefined {`,
      ...lines,
      `  return ${result} as unknown as ${target.type};`,
      "}",
    );
  }
  return `${out.join("\n")}\n`;
}

if (import.meta.main) {
  let check: boolean;
  try {
    check = readArgs(Deno.args, { check: { type: "boolean", default: false } }).values.check;
  } catch (e) {
    console.error(`gen_validators: ${(e as Error).message}\nusage: gen_validators.ts [--check]`);
    Deno.exit(2);
  }
  const root = new URL("../", import.meta.url);
  for (const [path, text] of generate()) {
    const file = new URL(path, root);
    if (check) {
      const current = await Deno.readTextFile(file).catch(() => "");
      if (current !== text) {
        console.error(`${path} is stale: run \`deno task gen-validators\``);
        Deno.exit(1);
      }
    } else {
      await Deno.writeTextFile(file, text);
      console.log(`wrote ${path}`);
    }
  }
}
