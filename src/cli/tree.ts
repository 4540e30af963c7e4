/**
 * The command tree: every command path (API and hand-written), its groups,
 * and how to build each command. Shared by the run (app.ts) and shell
 * completion (complete.ts).
 *
 * @module
 */

import type { Commands } from "../catalog/catalog.ts";
import type { CatalogOperation } from "../catalog/types.ts";
import { CliError } from "../errors.ts";
import { said } from "../messages.ts";
import type { Command, CommandTree } from "./command.ts";
import { HAND_WRITTEN } from "./commands/registry.ts";

/**
 * Every command path (API and hand-written) and how to build each. The groups
 * are worked out on demand, a level at a time: a run looks at the few groups
 * along its path, so it never splits all 500 names. An API command's operation
 * is known once {@link Tree.load} has loaded it.
 */
export class Tree implements CommandTree {
  readonly #names: string[];
  /** Group path ("" for the root) -> child words, for the levels scanned so far. */
  readonly #children = new Map<string, Set<string>>();
  readonly #scanned = new Set<string>();

  /** The tree of `commands` (the catalogue, when loaded) and the hand-written commands. */
  constructor(
    /** The catalogue's commands; none for a run of hand-written commands only. */
    private readonly commands: Commands | undefined,
  ) {
    this.#names = [...commands?.names() ?? []];
    for (const name of Object.keys(HAND_WRITTEN)) if (!commands?.has(name)) this.#names.push(name);
  }

  /** Every command name (aliases included). */
  names(): readonly string[] {
    return this.#names;
  }

  /** Loads the operations of command `name`, of those below it and above it ("" for all). */
  async load(name: string): Promise<void> {
    await this.commands?.load(name);
  }

  /** The API operation of command `name`, if it is one (once loaded). */
  op(name: string): CatalogOperation | undefined {
    return this.commands?.op(name);
  }

  /** True when `name` is a command (it may be a group too). */
  isCommand(name: string): boolean {
    return Object.hasOwn(HAND_WRITTEN, name) || this.commands?.has(name) === true;
  }

  /** True when some command is `words` or starts with them. */
  isPrefix(words: readonly string[]): boolean {
    const name = words.join(" ");
    return this.isCommand(name) || this.children(name) !== undefined;
  }

  /** The child words of group `name` ("" for the root), or undefined when it is no group. */
  children(name: string): ReadonlySet<string> | undefined {
    // Scanning the parent's level records this group's children too.
    this.#scan(name.includes(" ") ? name.slice(0, name.lastIndexOf(" ")) : "");
    return this.#children.get(name);
  }

  /** Builds command `name` (importing only what it needs). */
  async build(name: string): Promise<Command> {
    await this.load(name);
    if (Object.hasOwn(HAND_WRITTEN, name)) {
      const whole = () => this.commands ? Promise.resolve(this) : buildTree(true);
      return (await HAND_WRITTEN[name].load())(this.commands?.loaded(), whole);
    }
    const op = this.op(name);
    if (!op) throw new CliError("usage", said("unknownCommand", name, "soracom", []));
    return (await import("./api_run.ts")).apiCommand(op);
  }

  /** Records the children of `group` and of each of its children, in one pass over the names. */
  #scan(group: string): void {
    if (this.#scanned.has(group)) return;
    this.#scanned.add(group);
    const head = group === "" ? "" : `${group} `;
    const add = (parent: string, word: string) => {
      let set = this.#children.get(parent);
      if (!set) this.#children.set(parent, set = new Set());
      set.add(word);
    };
    for (const name of this.#names) {
      if (!name.startsWith(head)) continue;
      const first = name.indexOf(" ", head.length);
      const child = name.slice(head.length, first < 0 ? undefined : first);
      add(group, child);
      if (first < 0) continue;
      const second = name.indexOf(" ", first + 1);
      add(`${head}${child}`, name.slice(first + 1, second < 0 ? undefined : second));
    }
  }
}

/** The tree, with the catalogue's command names unless `withCatalog` is false. */
export async function buildTree(withCatalog: boolean): Promise<Tree> {
  if (!withCatalog) return new Tree(undefined);
  const { loadCommands } = await import("../catalog/catalog.ts");
  return new Tree(await loadCommands());
}
