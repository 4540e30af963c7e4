/**
 * The hand-written commands: their paths and lazy loaders (a command's module
 * is imported only when it runs). Adding one: its file in this folder, an
 * entry here, its words in `src/catalog/text/*.json` (`handWritten`,
 * `handWrittenFlags`, `details`, `examples`).
 *
 * @module
 */

import type { Catalog } from "../../catalog/types.ts";
import type { Command, CommandTree } from "../command.ts";

/**
 * Builds a command. `catalog` holds the operations of the catalogue groups
 * loaded so far (the command's own among them), and none for a run of
 * hand-written commands only; `tree` gives the whole command tree, the
 * catalogue's commands included, for a command that lists commands.
 */
export type CommandBuilder = (
  catalog: Catalog | undefined,
  tree: () => Promise<CommandTree>,
) => Command;

/** One hand-written command (its words: `handWritten` in `catalog/text/*.json`). */
export interface HandWritten {
  /** Loads the command's module and gives its builder. */
  readonly load: () => Promise<CommandBuilder>;
}

/** Path -> command. `auth` and `logout` replace the generated ones. */
export const HAND_WRITTEN: Readonly<Record<string, HandWritten>> = {
  "configure": {
    load: async () => (await import("./configure.ts")).configureCommand,
  },
  "configure get": {
    load: async () => (await import("./configure.ts")).configureGetCommand,
  },
  "configure-sandbox": {
    load: async () => (await import("./configure_sandbox.ts")).configureSandboxCommand,
  },
  "unconfigure": {
    load: async () => (await import("./configure.ts")).unconfigureCommand,
  },
  "version": {
    load: async () => (await import("./version.ts")).versionCommand,
  },
  "search": {
    load: async () => (await import("./search.ts")).searchCommand,
  },
  "help": {
    load: async () => (await import("./search.ts")).helpCommand,
  },
  "self-update": {
    load: async () => (await import("./self_update.ts")).selfUpdateCommand,
  },
  "auth": {
    load: async () => (await import("./auth.ts")).authCommand,
  },
  "auth status": {
    load: async () => (await import("./auth_status.ts")).authStatusCommand,
  },
  "auth export": {
    load: async () => (await import("./exec.ts")).authExportCommand,
  },
  "exec": {
    load: async () => (await import("./exec.ts")).execCommand,
  },
  "logout": {
    load: async () => (await import("./auth.ts")).logoutCommand,
  },
  "emulator": {
    load: async () => (await import("./emulator.ts")).emulatorCommand,
  },
  "mcp": {
    load: async () => (await import("./mcp.ts")).mcpCommand,
  },
  "api": {
    load: async () => (await import("./api.ts")).apiCommand,
  },
  "completion": {
    load: async () => (await import("./completion.ts")).completionCommand,
  },
  "completion bash": {
    load: async () => (await import("./completion.ts")).completionBashCommand,
  },
  "completion zsh": {
    load: async () => (await import("./completion.ts")).completionZshCommand,
  },
  "completion fish": {
    load: async () => (await import("./completion.ts")).completionFishCommand,
  },
};
