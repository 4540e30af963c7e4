/**
 * How a hand-written command is defined: its flags interface, a spec checked
 * against it ({@link FlagSpecsOf}), and an exported `runX(ctx, flags)` that
 * tests call in-process with a fake Context. {@link defineCommand} is the one
 * place that hands such a definition to stricli.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { defineCommand } from "./command.ts";
 * import { booleanFlag } from "./flags.ts";
 *
 * interface HelloFlags {
 *   readonly loud?: boolean;
 * }
 * const hello = defineCommand<HelloFlags>({
 *   flags: { loud: booleanFlag("shout") },
 *   docs: { brief: "say hello" },
 *   run: ({ ctx }, flags) => ctx.stdout.write(flags.loud ? "HELLO\n" : "hello\n"),
 * });
 * assert.equal(hello.brief, "say hello");
 * ```
 *
 * @module
 */

import { buildCommand, type Command } from "@stricli/core";
import type { CliCommand } from "./flags.ts";
import {
  type AppContext,
  type FlagSpecs,
  type FlagSpecsOf,
  type GlobalFlagValues,
  withGlobalFlags,
} from "./flags.ts";

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
  /** The English brief and page (help pages read `catalog/text/`). */
  readonly docs: { readonly brief: string; readonly fullDescription?: string };
  /** The words after `--` are the command's argument (as `exec` takes a command to run). */
  readonly argument?: { readonly brief: string; readonly placeholder: string };
  /** Runs the command with the parsed flags and the words after `--`. */
  run(
    app: AppContext,
    flags: F & O & GlobalFlagValues,
    args: readonly string[],
  ): void | Promise<void>;
}

/** The flags of a command's flags interface `F` that are its own (not global). */
export type OwnFlags<F> = Omit<F, keyof GlobalFlagValues>;

/** The stricli command for a {@link CommandDefinition}. */
export function defineCommand<F, O = Record<never, never>>(
  def: CommandDefinition<F, O>,
): CliCommand {
  const flags = withGlobalFlags({ ...def.operationFlags, ...def.flags as FlagSpecs });
  const positional = def.argument
    ? { kind: "array", parameter: { ...def.argument, parse: String } }
    : { kind: "tuple", parameters: [] };
  const command: Command<AppContext> = buildCommand<F & O & GlobalFlagValues, string[], AppContext>(
    {
      func(this: AppContext, parsed: F & O & GlobalFlagValues, ...args: string[]) {
        return def.run(this, parsed, args);
      },
      // Our flags are data (FlagSpecsOf checks them against F above); stricli's
      // parameter types want literal definitions, so this is the one cast.
      parameters: { flags, positional } as never,
      docs: def.docs,
    },
  );
  return command;
}
