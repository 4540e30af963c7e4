/**
 * Lookups over the generated API catalogue: `catalog.json` (every command name,
 * by group) and `groups/GROUP.json` (each group's operations).
 *
 * A run loads the names with {@link loadCommands} and then only the groups it
 * needs (a warm `subscribers list` parses one group, not 490 operations).
 * {@link loadCatalog} loads them all (the help text generator reads them all).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { loadCommands } from "./catalog.ts";
 *
 * const commands = await loadCommands();
 * await commands.load("sims get");
 * assert.equal(commands.op("sims get")?.operationId, "getSim");
 * ```
 *
 * @module
 */

import type { Catalog, CatalogOperation } from "./types.ts";

/** `catalog.json`: the versions, and the command names of each group's operations. */
interface CatalogIndex {
  readonly "//"?: string;
  readonly specVersion: string;
  readonly sandboxSpecVersion: string;
  readonly groups: Readonly<Record<string, readonly string[]>>;
}

/**
 * Every command name, and the operations of the groups loaded so far. The
 * specifiers are static strings (in `groups.generated.ts`), so `deno compile`
 * and bundlers include every file; Deno parses each file once.
 */
export class Commands {
  /** Command name -> its group. */
  readonly #groupOf = new Map<string, string>();
  /** Group -> its operations, once loaded. */
  readonly #groups = new Map<string, readonly CatalogOperation[]>();
  /** Command name -> operation, for the loaded groups. */
  readonly #ops = new Map<string, CatalogOperation>();

  /** Commands read from `index`; their groups are loaded on demand. */
  constructor(private readonly index: CatalogIndex) {
    for (const [group, names] of Object.entries(index.groups)) {
      for (const name of names) this.#groupOf.set(name, group);
    }
  }

  /** Every command name (aliases included). */
  names(): IterableIterator<string> {
    return this.#groupOf.keys();
  }

  /** True when `name` is a command of the catalogue. */
  has(name: string): boolean {
    return this.#groupOf.has(name);
  }

  /**
   * The operation of command `name`, once its group is loaded (see
   * {@link Commands.load}); `undefined` for a name that is no command.
   *
   * @throws Error when `name` is a command whose group is not loaded
   */
  op(name: string): CatalogOperation | undefined {
    const op = this.#ops.get(name);
    if (op === undefined && this.#groupOf.has(name)) {
      throw new Error(`the catalogue group of "${name}" is not loaded`);
    }
    return op;
  }

  /**
   * Loads the groups of `name`, of every command below it, and of the commands
   * it is below (help and usage lines show the path's briefs): "" loads all.
   */
  async load(name: string): Promise<void> {
    const head = `${name} `;
    const wanted = new Set<string>();
    for (const [command, group] of this.#groupOf) {
      if (name === "" || command === name || command.startsWith(head)) wanted.add(group);
    }
    const words = name.split(" ");
    for (let n = 1; n < words.length; n++) {
      const group = this.#groupOf.get(words.slice(0, n).join(" "));
      if (group !== undefined) wanted.add(group);
    }
    const { GROUPS } = await import("./groups.generated.ts");
    await Promise.all(
      [...wanted].filter((g) => !this.#groups.has(g)).map(async (group) => {
        const file = (await GROUPS[group]()).default as { operations: CatalogOperation[] };
        this.#groups.set(group, file.operations);
        for (const op of file.operations) for (const n of op.names) this.#ops.set(n, op);
      }),
    );
  }

  /** The catalogue of the groups loaded so far, its operations in catalogue order. */
  loaded(): Catalog {
    const { groups: _, ...head } = this.index;
    const operations = Object.keys(this.index.groups).flatMap((g) => this.#groups.get(g) ?? []);
    return { ...head, operations };
  }
}

/**
 * Loads the command names (`catalog.json`); operations come group by group.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const commands = await loadCommands();
 * await commands.load("subscribers list");
 * assert.deepEqual(commands.op("subscribers list")?.path, "/subscribers");
 * ```
 */
export async function loadCommands(): Promise<Commands> {
  const json = await import("./catalog.json", { with: { type: "json" } });
  return new Commands(json.default as CatalogIndex);
}

/**
 * Loads the whole catalogue. Deno caches the modules, so calling this twice
 * parses the files once.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const catalog = await loadCatalog();
 * assert.deepEqual(catalog.operations.length, 490);
 * ```
 */
export async function loadCatalog(): Promise<Catalog> {
  const commands = await loadCommands();
  await commands.load("");
  return commands.loaded();
}

/**
 * The group an operation is filed under (`groups/GROUP.json`, `help/GROUP.json`):
 * the first word of its first command name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { groupOf } from "./catalog.ts";
 * import type { CatalogOperation } from "./types.ts";
 *
 * const op: CatalogOperation = {
 *   operationId: "getDataEntries",
 *   tag: "DataEntry",
 *   names: ["data get", "subscribers get-data"],
 *   method: "GET",
 *   path: "/data/{resource_type}/{resource_id}",
 *   params: [],
 *   auth: true,
 * };
 * assert.equal(groupOf(op), "data");
 * ```
 */
export function groupOf(op: CatalogOperation): string {
  return op.names[0].split(" ")[0];
}

/**
 * The API reference link soracom-cli appends to a command's long help.
 * The tag and operation ID are inserted as they are, like soracom-cli does.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { referenceUrl } from "./catalog.ts";
 * import type { CatalogOperation } from "./types.ts";
 *
 * const op: CatalogOperation = {
 *   operationId: "listSims",
 *   tag: "Sim",
 *   names: ["sims list"],
 *   method: "GET",
 *   path: "/sims",
 *   params: [],
 *   auth: true,
 * };
 * assert.equal(referenceUrl(op, "en"), "https://developers.soracom.io/en/api/#!/Sim/listSims");
 * assert.equal(
 *   referenceUrl(op, "ja"), "https://users.soracom.io/ja-jp/tools/api/reference/#/Sim/listSims",
 * );
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
 * import assert from "node:assert/strict";
 * assert.deepEqual(optionCase("speedClass"), "speed-class");
 * assert.deepEqual(optionCase("operator_id"), "operator-id");
 * assert.deepEqual(optionCase("mfaOTPCode"), "mfa-otpcode");
 * ```
 */
export function optionCase(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, "$1-$2").replace(/[ _]/g, "-").toLowerCase();
}
