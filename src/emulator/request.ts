/**
 * Checks a request against the definition, as the real API does before it
 * acts: required parameters, their types, enums and bounds, and the JSON body
 * against its schema. What is wrong comes back as a 400 in SORACOM's shape,
 * in the reader's language.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadFacts } from "./facts.ts";
 * import { checkRequest } from "./request.ts";
 *
 * const facts = await loadFacts();
 * const query = new URLSearchParams("limit=0");
 * const error = checkRequest(facts.operations.listSubscribers, facts.schemas, {}, query, new Headers(), undefined);
 * assert.equal(error?.status, 400);
 * ```
 *
 * @module
 */

import { type JsonValue, RawNumber } from "../json/mod.ts";
import { ApiError, badRequest, type EmulatorWords } from "./errors.ts";
import type { OperationFacts, ParamFacts } from "./facts.ts";
import { checkValue, type Problem, resolveSchema, type SchemaNames } from "./schema.ts";

/** The body as the request sent it: absent, bytes not read as JSON, not JSON (with why), or JSON. */
export type SentBody =
  | undefined
  | { readonly raw: true }
  | { readonly json: JsonValue }
  | { readonly notJson: string };

/** Says a body problem in the reader's words. */
function sayProblem(p: Problem): (w: EmulatorWords) => string {
  return (w) => w.problems[p.kind](p.at, p.detail);
}

/** A parameter's text as a JSON value of its schema's type, for the schema check. */
function asTyped(text: string, type: string | undefined): JsonValue {
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) {
    return new RawNumber(text);
  }
  if (type === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}

/** The first problem of one parameter's values. */
function paramProblem(
  param: ParamFacts,
  values: readonly string[],
  names: SchemaNames,
): ApiError | undefined {
  if (values.length === 0) {
    return param.required ? badRequest((w) => w.problems.param(param.name)) : undefined;
  }
  const schema = resolveSchema(param.schema, names);
  const item = schema.type === "array" && schema.items
    ? resolveSchema(schema.items, names)
    : schema;
  for (const text of values) {
    const problem = checkValue(asTyped(text, item.type), item, names)[0];
    if (problem === undefined) continue;
    if (problem.kind === "enum") {
      return badRequest((w) => w.problems.paramEnum(param.name, problem.detail));
    }
    if (problem.kind === "type") {
      return badRequest((w) => w.problems.paramType(param.name, problem.detail));
    }
    return badRequest(sayProblem({ ...problem, at: param.name }));
  }
  return undefined;
}

/**
 * The refusal for a request that does not fit the operation, or `undefined`.
 * Path parameters are in `path`; a body that was sent is in `body`.
 */
export function checkRequest(
  facts: OperationFacts,
  names: SchemaNames,
  path: Readonly<Record<string, string>>,
  query: URLSearchParams,
  headers: Headers,
  body: SentBody,
): ApiError | undefined {
  for (const param of facts.params ?? []) {
    const values = param.in === "path"
      ? path[param.name] === undefined ? [] : [path[param.name]]
      : param.in === "query"
      ? query.getAll(param.name)
      : headers.has(param.name)
      ? [headers.get(param.name) ?? ""]
      : [];
    // Header parameters are the client's business (content types); only their presence counts.
    if (param.in === "header" && values.length > 0) continue;
    const problem = paramProblem(param, values, names);
    if (problem !== undefined) return problem;
  }
  return checkBody(facts, names, body);
}

function checkBody(facts: OperationFacts, names: SchemaNames, body: SentBody) {
  if (body === undefined) {
    return facts.bodyRequired && facts.body !== undefined
      ? badRequest((w) => w.problems.bodyRequired)
      : undefined;
  }
  if ("raw" in body) return undefined;
  if ("notJson" in body) {
    const why = body.notJson;
    return facts.body === undefined ? undefined : badRequest((w) => w.problems.notJson(why));
  }
  if (facts.body === undefined) return undefined;
  const problems = checkValue(body.json, facts.body, names);
  if (problems.length === 0) return undefined;
  const said = problems.map(sayProblem);
  return new ApiError("badRequest", (w) => w.badRequest(said.map((s) => s(w)).join("; ")));
}
