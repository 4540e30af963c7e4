/**
 * `--query EXPR`: a JMESPath expression applied to what the API answered.
 * The library (`@jmespath-community/jmespath`, see `docs/output.md` for why this
 * one) is imported only when a query is given, so a plain call starts as fast
 * as before.
 *
 * A query that maps each element of a list on its own (`[].imsi`,
 * `[*].name`, `[?status=='active'].{imsi: imsi}`) can run element by element,
 * so `--fetch-all` streams it page by page; any other (`length(@)`,
 * `sort_by(...)`, `[0]`) needs the whole list first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { compileQuery } from "./query.ts";
 *
 * const query = await compileQuery("[?status=='active'].imsi");
 * assert.deepEqual(query.search([{ imsi: "1", status: "active" }, { imsi: "2" }]), ["1"]);
 * assert.equal(query.elementwise, true);
 * assert.deepEqual(query.searchElement({ imsi: "1", status: "active" }), ["1"]);
 * ```
 *
 * @module
 */

import { CliError } from "../errors.ts";
import { said } from "../messages.ts";

/** A compiled `--query`. */
export interface Query {
  /** The expression as given. */
  readonly expression: string;
  /** The result for a whole value. */
  search(value: unknown): unknown;
  /** The query maps each element of a top-level list on its own (it can stream). */
  readonly elementwise: boolean;
  /** For an element-wise query: what one element contributes to the result list. */
  searchElement(element: unknown): unknown[];
  /**
   * The keys of the objects it makes with `{...}` (`[].{imsi: imsi, name:
   * tags.name}`: imsi, name), in the order given; none when it makes none.
   */
  readonly fields?: readonly string[];
}

/** A node of the library's syntax tree, as far as this module reads it. */
interface Node {
  readonly type: string;
  readonly left?: Node;
  readonly right?: Node;
  readonly child?: Node;
  readonly children?: readonly Node[];
  readonly name?: string;
}

/**
 * The keys of the `{...}` that makes the query's objects: at its top, or on
 * the right of a projection, a sub-expression or a pipe (`[?...] | [0:5]`
 * keeps the shape made on its left).
 */
function fieldsOf(ast: Node | undefined): string[] | undefined {
  if (ast === undefined) return undefined;
  switch (ast.type) {
    case "MultiSelectHash":
      return (ast.children ?? []).map((pair) => pair.name ?? "");
    case "Projection":
    case "FilterProjection":
    case "Subexpression":
      return fieldsOf(ast.right);
    case "Pipe":
      return fieldsOf(ast.right) ?? fieldsOf(ast.left);
    default:
      return undefined;
  }
}

/** `[]`/`[*]`/`[?...]` at the top, over the whole input: the list's elements are mapped one by one. */
function isElementwise(ast: Node): boolean {
  if (ast.type !== "Projection" && ast.type !== "FilterProjection") return false;
  const left = ast.left;
  if (left?.type === "Identity") return true;
  return left?.type === "Flatten" && left.child?.type === "Identity";
}

/**
 * What `{imsi, name}` (keys without their values, which JMESPath refuses) was
 * meant as: `[].{imsi: imsi, name: name}`, each element's fields when the
 * expression starts with it (SORACOM's lists are arrays). Undefined when a
 * part of a `{...}` is neither `key` nor `key: value`.
 */
function keysWithValues(expression: string): string | undefined {
  let whole = true;
  const meant = expression.replace(/\{([^{}]*)\}/g, (_, inner: string) => {
    const parts = inner.split(",").map((p) => p.trim());
    return `{${
      parts.map((p) => {
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) return `${p}: ${p}`;
        if (!p.includes(":")) whole = false;
        return p;
      }).join(", ")
    }}`;
  });
  if (!whole) return undefined;
  return meant.trimStart().startsWith("{") ? `[].${meant.trimStart()}` : meant;
}

function compiles(compile: (expression: string) => unknown, expression: string): boolean {
  try {
    compile(expression);
    return true;
  } catch {
    return false;
  }
}

/**
 * Compiles `expression`.
 *
 * @throws CliError (`usage`) naming what is wrong with the expression
 */
export async function compileQuery(expression: string): Promise<Query> {
  const jmespath = await import("@jmespath-community/jmespath");
  let ast: Node;
  try {
    ast = jmespath.compile(expression) as unknown as Node;
  } catch (e) {
    const meant = keysWithValues(expression);
    if (meant !== undefined && meant !== expression && compiles(jmespath.compile, meant)) {
      throw new CliError("usage", said("badQueryKeysNeedValues", expression, meant));
    }
    throw new CliError("usage", said("badQuery", expression, (e as Error).message));
  }
  const run = (value: unknown): unknown => {
    try {
      return jmespath.TreeInterpreter.search(ast as never, value as never);
    } catch (e) {
      throw new CliError("usage", said("badQueryRun", expression, (e as Error).message));
    }
  };
  return {
    expression,
    search: run,
    elementwise: isElementwise(ast),
    fields: fieldsOf(ast),
    searchElement: (element) => {
      const result = run([element]);
      return Array.isArray(result) ? result : [];
    },
  };
}
