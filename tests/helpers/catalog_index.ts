/**
 * Questions the tests ask of the whole catalogue (the CLI itself asks the
 * group-by-group `Commands` of `src/catalog/catalog.ts`): every name's
 * operation, the longest command prefix of some words, a group's children.
 *
 * @module
 */

import type { Catalog, CatalogOperation } from "../../src/catalog/types.ts";

/** Code-unit order, as the catalogue sorts names. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Maps every command name (aliases included) to its operation.
 *
 * @example
 * ```ts ignore
 * const index = commandIndex(await loadCatalog());
 * index.get("soralets exec") === index.get("soralets test"); // true
 * ```
 */
export function commandIndex(catalog: Catalog): Map<string, CatalogOperation> {
  const index = new Map<string, CatalogOperation>();
  for (const op of catalog.operations) {
    for (const name of op.names) index.set(name, op);
  }
  return index;
}

/**
 * Finds the longest prefix of `words` that is a command name.
 *
 * `consumed` is how many words the name took; the rest are flags and
 * arguments. Returns `undefined` when no prefix is a command (for example
 * when `words` names a group only).
 *
 * @example
 * ```ts ignore
 * const hit = findCommand(catalog, ["query", "subscribers", "traffic-volume-ranking"]);
 * hit?.name; // "query subscribers traffic-volume-ranking"
 * hit?.consumed; // 3
 * ```
 */
export function findCommand(
  catalog: Catalog,
  words: readonly string[],
): { op: CatalogOperation; name: string; consumed: number } | undefined {
  // prefix text -> its word count, for every prefix of `words`
  const prefixes = new Map<string, number>();
  for (let n = 1; n <= words.length; n++) prefixes.set(words.slice(0, n).join(" "), n);
  let best: { op: CatalogOperation; name: string; consumed: number } | undefined;
  for (const op of catalog.operations) {
    for (const name of op.names) {
      const consumed = prefixes.get(name);
      if (consumed !== undefined && (best === undefined || consumed > best.consumed)) {
        best = { op, name, consumed };
      }
    }
  }
  return best;
}

/**
 * Lists the distinct next words below `prefix`, sorted: the subcommands and
 * subgroups of a group. An empty prefix gives the top-level words.
 *
 * @example
 * ```ts ignore
 * childrenOf(catalog, ["query"]);
 * // ["devices", "sigfox-devices", "sims", "subscribers", "traffic-ranking"]
 * ```
 */
export function childrenOf(catalog: Catalog, prefix: readonly string[]): string[] {
  const children = new Set<string>();
  for (const op of catalog.operations) {
    for (const name of op.names) {
      const words = name.split(" ");
      if (words.length > prefix.length && prefix.every((w, i) => words[i] === w)) {
        children.add(words[prefix.length]);
      }
    }
  }
  return [...children].sort(compareCodeUnits);
}

/**
 * Tells whether some command name extends `words`, i.e. `words` is a group.
 * A path can be both a command and a group (`auth`, `query subscribers`).
 *
 * @example
 * ```ts ignore
 * isGroup(catalog, ["auth"]); // true, and findCommand(catalog, ["auth"]) finds `auth` too
 * isGroup(catalog, ["sims", "list"]); // false
 * ```
 */
export function isGroup(catalog: Catalog, words: readonly string[]): boolean {
  const head = words.length === 0 ? "" : words.join(" ") + " ";
  return catalog.operations.some((op) => op.names.some((name) => name.startsWith(head)));
}
