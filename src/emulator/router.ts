/**
 * Finds the operation of a request: a tree of the catalogue's path templates,
 * where a literal segment wins over a parameter (`/subscribers/transfer_token/issue`
 * before `/subscribers/{imsi}/...`), and the Harvest Files `{path}` takes the rest
 * of the path, slashes and all, as soracom-cli sends it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadCatalog } from "../catalog/catalog.ts";
 * import { Router } from "./router.ts";
 *
 * const router = new Router((await loadCatalog()).operations);
 * const found = router.match("GET", "/subscribers/440100000000001");
 * assert.equal(found?.op.operationId, "getSubscriber");
 * assert.deepEqual(found?.params, { imsi: "440100000000001" });
 * ```
 *
 * @module
 */

import type { CatalogOperation } from "../catalog/types.ts";

/** An operation and the values of its path parameters. */
export interface Route {
  /** The operation. */
  readonly op: CatalogOperation;
  /** Its path parameters, decoded. */
  readonly params: Readonly<Record<string, string>>;
}

interface Node {
  readonly literal: Map<string, Node>;
  param?: { readonly node: Node };
  /** A parameter that takes every remaining segment (Harvest Files' `{path}`). */
  rest?: { readonly node: Node };
  readonly ops: Map<string, CatalogOperation>;
}

function node(): Node {
  return { literal: new Map(), ops: new Map() };
}

/** The route tree of a catalogue. */
export class Router {
  readonly #root = node();

  /** Builds the tree of `operations` (paths below `/v1`). */
  constructor(operations: readonly CatalogOperation[]) {
    for (const op of operations) this.#add(op);
  }

  #add(op: CatalogOperation): void {
    let at = this.#root;
    for (const segment of op.path.split("/").slice(1)) {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      if (param === undefined) {
        const next = at.literal.get(segment) ?? node();
        at.literal.set(segment, next);
        at = next;
      } else if (param === "path" && op.path.startsWith("/files/")) {
        at.rest ??= { node: node() };
        at = at.rest.node;
      } else {
        at.param ??= { node: node() };
        at = at.param.node;
      }
    }
    at.ops.set(op.method, op);
  }

  /**
   * The operation for `method` on `path` (below `/v1`, not URL-decoded), or
   * `undefined`. A HEAD finds the path's GET when it has no HEAD of its own.
   */
  match(method: string, path: string): Route | undefined {
    const segments = path.split("/").slice(1);
    const values: string[] = [];
    const found = walk(this.#root, segments, 0, values);
    const op = found?.ops.get(method === "HEAD" && !found.ops.has("HEAD") ? "GET" : method);
    if (op === undefined) return undefined;
    // Templates that share a position may name it differently: the operation's own names count.
    const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    return { op, params: Object.fromEntries(names.map((name, i) => [name, values[i]])) };
  }
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Depth-first: literals, then a parameter, then the rest of the path; `values` in order. */
function walk(
  at: Node,
  segments: readonly string[],
  index: number,
  values: string[],
): Node | undefined {
  if (index === segments.length) return at.ops.size > 0 ? at : undefined;
  const segment = segments[index];
  const literal = at.literal.get(segment);
  const byLiteral = literal && walk(literal, segments, index + 1, values);
  if (byLiteral) return byLiteral;
  const value = segment === "" ? undefined : decode(segment);
  if (at.param && value !== undefined) {
    values.push(value);
    const byParam = walk(at.param.node, segments, index + 1, values);
    if (byParam) return byParam;
    values.pop();
  }
  if (at.rest && value !== undefined) return restOf(at.rest, segments, index, values);
  return undefined;
}

/** `{path}` takes what is left; a trailing slash is the folder's own route (`/files/x/dir/`). */
function restOf(
  rest: NonNullable<Node["rest"]>,
  segments: readonly string[],
  index: number,
  values: string[],
): Node | undefined {
  const folder = segments[segments.length - 1] === "";
  const parts = segments.slice(index, folder ? -1 : undefined).map(decode);
  if (parts.some((p) => p === undefined || p === "")) return undefined;
  values.push(parts.join("/"));
  if (folder) {
    const slash = rest.node.literal.get("");
    if (slash && slash.ops.size > 0) return slash;
  }
  return rest.node.ops.size > 0 ? rest.node : undefined;
}
