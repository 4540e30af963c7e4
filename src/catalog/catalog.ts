/**
 * Lookups over the generated API catalogue (`catalog.json`).
 *
 * Callers load the catalogue once with {@linkcode loadCatalog}, build a
 * {@linkcode commandIndex} when they need many lookups, and use the helpers
 * below to resolve argv words to an operation, list a group's children, or link
 * to the API reference.
 *
 * @example
 * ```ts
 * import { findCommand, loadCatalog } from "./catalog.ts";
 *
 * const catalog = await loadCatalog();
 * const hit = findCommand(catalog, ["sims", "get", "--sim-id", "8942..."]);
 * // hit?.name === "sims get", hit?.consumed === 2
 * ```
 *
 * @module
 */

import type { Catalog, CatalogOperation } from "./types.ts";

/**
 * Loads the generated catalogue.
 *
 * The specifier is a static string so `deno compile` and bundlers include the
 * JSON. Deno caches the module, so calling this twice parses the file once.
 *
 * @example
 * ```ts
 * const catalog = await loadCatalog();
 * catalog.operations.length; // 490
 * ```
 */
export async function loadCatalog(): Promise<Catalog> {
  const json = await import("./catalog.json", { with: { type: "json" } });
  // The JSON's inferred type has `string` where Catalog has literal unions;
  // the generator and tests/catalog_test.ts guarantee the shape.
  return json.default as Catalog;
}

/**
 * Maps every command name (aliases included) to its operation.
 *
 * @example
 * ```ts
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
 * ```ts
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
 * ```ts
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
 * ```ts
 * isGroup(catalog, ["auth"]); // true, and findCommand(catalog, ["auth"]) finds `auth` too
 * isGroup(catalog, ["sims", "list"]); // false
 * ```
 */
export function isGroup(catalog: Catalog, words: readonly string[]): boolean {
  const head = words.length === 0 ? "" : words.join(" ") + " ";
  return catalog.operations.some((op) => op.names.some((name) => name.startsWith(head)));
}

/**
 * The API reference link soracom-cli appends to a command's long help.
 * The tag and operation ID are inserted as they are, like soracom-cli does.
 *
 * @example
 * ```ts
 * referenceUrl(op, "en"); // "https://developers.soracom.io/en/api/#!/Sim/listSims"
 * referenceUrl(op, "ja"); // "https://users.soracom.io/ja-jp/tools/api/reference/#/Sim/listSims"
 * ```
 */
export function referenceUrl(op: CatalogOperation, lang: "en" | "ja"): string {
  return lang === "ja"
    ? `https://users.soracom.io/ja-jp/tools/api/reference/#/${op.tag}/${op.operationId}`
    : `https://developers.soracom.io/en/api/#!/${op.tag}/${op.operationId}`;
}

/**
 * soracom-cli's flag-name rule (OptionCase): a `-` between a lower-case letter
 * and a following upper-case letter, spaces and `_` become `-`, then
 * everything is lower-cased. Digits do not split words.
 *
 * @example
 * ```ts
 * optionCase("speedClass"); // "speed-class"
 * optionCase("operator_id"); // "operator-id"
 * optionCase("mfaOTPCode"); // "mfa-otpcode"
 * ```
 */
export function optionCase(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, "$1-$2").replace(/[ _]/g, "-").toLowerCase();
}

/** Locale-independent string order, so output never depends on the machine. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
