/**
 * What a command is, for the dispatcher: its flags (names and types, as data),
 * whether it takes arguments, and what it runs. Hand-written commands
 * (`commands/`) and API commands (`api_run.ts`) are both a {@link Command},
 * read from argv by the one reader (`argv.ts`) and run the same way.
 *
 * A hand-written command is its flags interface, a spec checked against it
 * ({@link FlagSpecsOf}), and an exported `runX(ctx, flags)` that tests call
 * in-process with a fake Context; {@link defineCommand} makes the Command.
 * What a command says (summary, flag texts, page) is in
 * `src/catalog/text/*.json`, never here.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../context.ts";
 * import { defineCommand } from "./command.ts";
 * import { booleanFlag } from "./flags.ts";
 *
 * interface HelloFlags {
 *   readonly loud?: boolean;
 * }
 * const hello = defineCommand<HelloFlags>({
 *   flags: { loud: booleanFlag() },
 *   run: (ctx, flags) => ctx.stdout.write(flags.loud ? "HELLO\n" : "hello\n"),
 * });
 * const fake = fakeContext();
 * assert.equal(await hello.run(fake.ctx, { loud: true }, []), 0);
 * assert.equal(fake.stdout(), "HELLO\n");
 * ```
 *
 * @module
 */

import type { CatalogOperation } from "../catalog/types.ts";
import type { Context } from "../context.ts";
import {
  type FlagSpecs,
  type FlagSpecsOf,
  type FlagValues,
  type GlobalFlagValues,
  withGlobalFlags,
} from "./flags.ts";

/** A command the dispatcher can run. */
export interface Command {
  /** Every flag it takes: its own first (they shadow global ones), then the global ones. */
  readonly flags: Readonly<FlagSpecs>;
  /**
   * It takes arguments besides its flags (`exec` a command after `--`, `api`
   * a method and a path); any other command refuses them.
   */
  readonly takesArguments: boolean;
  /** Runs it with the flags' values and the arguments; resolves to the exit code. */
  run(ctx: Context, flags: FlagValues, args: readonly string[]): Promise<number>;
}

/**
 * The command tree as the commands that list commands (`search`, `help`)
 * and their pages see it: `tree.ts`'s `Tree`. A command is handed it when it
 * is built, since importing tree.ts would lead back to the command itself
 * through the registry.
 */
export interface CommandTree {
  /** Every command name (aliases included). */
  names(): readonly string[];
  /** Loads the operations of command `name`, of those below it and above it ("" for all). */
  load(name: string): Promise<void>;
  /** The API operation of command `name`, if it is one (once loaded). */
  op(name: string): CatalogOperation | undefined;
  /** True when `name` is a command (it may be a group too). */
  isCommand(name: string): boolean;
  /** The child words of group `name` ("" for the root), or undefined when it is no group. */
  children(name: string): ReadonlySet<string> | undefined;
}

/** The flags made from a catalogue operation, as a command receives them. */
export interface OperationFlagValues {
  /** Flag name -> value (`undefined` when not given). */
  readonly [flag: string]: unknown;
}

/**
 * A hand-written command: its own flags `F` (the global ones are added), the
 * operation's flags `O` when it has them, and what it runs.
 */
export interface CommandDefinition<F, O = Record<never, never>> {
  /** The command's own flags, one per key of `F`. */
  readonly flags: FlagSpecsOf<F>;
  /**
   * Flags made from the catalogue's operation (`auth`, `logout` keep
   * soracom-cli's): known only at run time, received among the flags as they are.
   */
  readonly operationFlags?: FlagSpecs;
  /** See {@link Command.takesArguments}. */
  readonly takesArguments?: boolean;
  /**
   * Runs the command with the parsed flags and the arguments; what it resolves
   * to is the exit code (0 when nothing).
   */
  run(
    ctx: Context,
    flags: F & O & GlobalFlagValues,
    args: readonly string[],
  ): void | number | Promise<void | number>;
}

/** The flags of a command's flags interface `F` that are its own (not global). */
export type OwnFlags<F> = Omit<F, keyof GlobalFlagValues>;

/** The {@link Command} of a {@link CommandDefinition}. */
export function defineCommand<F, O = Record<never, never>>(
  def: CommandDefinition<F, O>,
): Command {
  return {
    flags: withGlobalFlags({ ...def.operationFlags, ...def.flags as FlagSpecs }),
    takesArguments: def.takesArguments === true,
    // The values were read against these very specs (FlagSpecsOf checks them against F):
    // this is the one place they are taken as F.
    run: async (ctx, flags, args) =>
      (await def.run(ctx, flags as F & O & GlobalFlagValues, args)) ?? 0,
  };
}
