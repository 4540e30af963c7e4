/**
 * The shape of the generated API catalogue (`src/catalog/catalog.json` names
 * every command by group, `src/catalog/groups/GROUP.json` holds each group's
 * operations; `loadCatalog` puts them together as a {@link Catalog}).
 *
 * The catalogue holds facts only (names, paths, parameter types): no summaries,
 * descriptions or examples from the API definition. `scripts/gen_catalog.ts`
 * writes it; `tests/catalog/catalog_test.ts` fails when it is stale.
 *
 * @module
 */

/** The value types a flag can carry. `array` is always an array of strings. */
export type ParamType = "string" | "integer" | "number" | "boolean" | "array";

/** A path, query or header parameter of an operation. */
export interface CatalogParam {
  /** The parameter's name in the API definition, e.g. `operator_id`. */
  readonly name: string;
  /** The CLI flag name without dashes, e.g. `operator-id`. */
  readonly flag: string;
  /** Where the parameter goes in the request. */
  readonly in: "path" | "query" | "header";
  /** Its flag's type. */
  readonly type: ParamType;
  /** Whether the API requires it. */
  readonly required: boolean;
  /** The API's default, when it fits the flag's type. */
  readonly default?: string | number | boolean;
  /** The allowed values, when the API lists them. */
  readonly enum?: readonly string[];
}

/** One top-level property of a `$ref` request body schema. */
export interface CatalogBodyProp {
  /** The JSON key, e.g. `speedClass`. */
  readonly name: string;
  /** The CLI flag name, e.g. `speed-class` (or `x-soracom-cli-param-name`). */
  readonly flag: string;
  /** Its flag's type. */
  readonly type: ParamType;
  /** Whether the API requires it. */
  readonly required: boolean;
  /** The API's default, when it fits the flag's type. */
  readonly default?: string | number | boolean;
  /** The allowed values, when the API lists them. */
  readonly enum?: readonly string[];
}

/** The request body of an operation. */
export interface CatalogBody {
  /** The first content type the definition lists, e.g. `application/json`. */
  readonly contentType: string;
  /**
   * `object`: a JSON object whose top-level properties become flags (when `props` is set);
   * `raw`: an array, string or binary body sent as given.
   */
  readonly kind: "object" | "raw";
  /** Whether the API requires a body. */
  readonly required: boolean;
  /** Present when the schema is a `$ref` to an object schema (soracom-cli flattens only those). */
  readonly props?: readonly CatalogBodyProp[];
}

/** One API operation. An operation can have several command names (aliases). */
export interface CatalogOperation {
  /** The API definition's operation ID. */
  readonly operationId: string;
  /** The first tag, used for the API reference link. */
  readonly tag: string;
  /** Command paths from `x-soracom-cli`, e.g. `["soralets test", "soralets exec"]`. */
  readonly names: readonly string[];
  /** The HTTP method. */
  readonly method: "GET" | "POST" | "PUT" | "DELETE" | "HEAD";
  /** Path below the base path `/v1`, e.g. `/subscribers/{imsi}`. */
  readonly path: string;
  /** Its path, query and header parameters. */
  readonly params: readonly CatalogParam[];
  /** Its request body, when it takes one. */
  readonly body?: CatalogBody;
  /** From `x-soracom-cli-pagination`. */
  readonly pagination?: { readonly param: string; readonly header: string };
  /** The API marks it deprecated. */
  readonly deprecated?: true;
  /** From `x-soracom-alternative-cli`. */
  readonly alternative?: string;
  /** False for the operations without `security` (no API key/token needed). */
  readonly auth: boolean;
  /** True for operations from the sandbox definition. */
  readonly sandbox?: true;
  /** The 2xx response schema is an array (these commands get `--jsonl`). */
  readonly arrayResponse?: true;
  /** The name of the schema the 2xx response holds (an array's items), e.g. `Subscriber`. */
  readonly resource?: string;
  /** Output is always raw: `files get` and every `POST .../export`. */
  readonly rawOutput?: true;
}

/** The whole catalogue. */
export interface Catalog {
  /** The "generated, do not edit" notice; the first key, so it is on the file's first line. */
  readonly "//"?: string;
  /** `info.version` of the main definition. */
  readonly specVersion: string;
  /** `info.version` of the sandbox definition. */
  readonly sandboxSpecVersion: string;
  /** Every operation, in the definition's order. */
  readonly operations: readonly CatalogOperation[];
}
