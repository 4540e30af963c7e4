/**
 * What the emulator knows of each operation beyond the catalogue: the shape of
 * its answer, the request body it takes and the errors it documents, as facts
 * (types, required keys, enums, formats, bounds) generated from the API
 * definition by `scripts/gen_emulator.ts` into `facts.json`. No description,
 * summary, example or title of the definition is kept.
 *
 * @module
 */

/** A JSON type a schema names. */
export type SchemaType = "object" | "array" | "string" | "integer" | "number" | "boolean";

/** A JSON Schema (the subset the definition uses), facts only. */
export interface SchemaFact {
  /** Another schema of {@link EmulatorFacts.schemas}, by name. */
  readonly $ref?: string;
  /** The JSON type. */
  readonly type?: SchemaType;
  /** An object's known keys. */
  readonly properties?: Readonly<Record<string, SchemaFact>>;
  /** The keys an object must have. */
  readonly required?: readonly string[];
  /** The schema of the values of a map, or whether other keys are allowed. */
  readonly additionalProperties?: SchemaFact | boolean;
  /** An array's items. */
  readonly items?: SchemaFact;
  /** The values allowed. */
  readonly enum?: readonly (string | number | boolean | null)[];
  /** A format name (`date-time`, `int64`...). */
  readonly format?: string;
  /** `null` is allowed too. */
  readonly nullable?: boolean;
  /** The least number allowed. */
  readonly minimum?: number;
  /** The greatest number allowed. */
  readonly maximum?: number;
  /** The shortest text allowed. */
  readonly minLength?: number;
  /** The longest text allowed. */
  readonly maxLength?: number;
  /** The fewest items allowed. */
  readonly minItems?: number;
  /** The most items allowed. */
  readonly maxItems?: number;
  /** No two items alike. */
  readonly uniqueItems?: boolean;
  /** A regular expression a text must match. */
  readonly pattern?: string;
  /** The value when none is given. */
  readonly default?: unknown;
  /** Exactly one of these must fit. */
  readonly oneOf?: readonly SchemaFact[];
  /** At least one of these must fit. */
  readonly anyOf?: readonly SchemaFact[];
  /** All of these must fit. */
  readonly allOf?: readonly SchemaFact[];
}

/** A path, query or header parameter. */
export interface ParamFacts {
  /** Its name in the definition, e.g. `operator_id`. */
  readonly name: string;
  /** Where it goes. */
  readonly in: "path" | "query" | "header";
  /** The request must have it. */
  readonly required?: true;
  /** What its value must be. */
  readonly schema: SchemaFact;
}

/** One operation's parameters, answer and request body. */
export interface OperationFacts {
  /** The success status the emulator answers with (the first 2xx; 302 for a redirect). */
  readonly status: number;
  /** Its parameters, in the definition's order. */
  readonly params?: readonly ParamFacts[];
  /** The content type of a successful answer with a body. */
  readonly contentType?: string;
  /** The schema of a JSON answer. */
  readonly response?: SchemaFact;
  /** The schema of a JSON request body. */
  readonly body?: SchemaFact;
  /** The definition says the body is required. */
  readonly bodyRequired?: true;
  /** The error statuses the definition lists. */
  readonly errors: readonly number[];
}

/** `facts.json`. */
export interface EmulatorFacts {
  /** The "generated, do not edit" notice. */
  readonly "//"?: string;
  /** The named schemas the operations refer to. */
  readonly schemas: Readonly<Record<string, SchemaFact>>;
  /** By operation ID. */
  readonly operations: Readonly<Record<string, OperationFacts>>;
}

/**
 * Loads the facts (parsed once per process: a module import).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadFacts } from "./facts.ts";
 *
 * const facts = await loadFacts();
 * assert.equal(facts.operations.listSubscribers.status, 200);
 * ```
 */
export async function loadFacts(): Promise<EmulatorFacts> {
  const json = await import("./facts.json", { with: { type: "json" } });
  return json.default as EmulatorFacts;
}
