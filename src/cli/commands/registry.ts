/**
 * The hand-written commands: their paths, one-line descriptions, and lazy
 * loaders (a command's module is imported only when it runs).
 *
 * @module
 */

import type { Catalog } from "../../catalog/types.ts";
import type { Command } from "../command.ts";

/**
 * Builds a command. `catalog` holds the operations of the catalogue groups
 * loaded so far (the command's own among them), and none for a run of
 * hand-written commands only.
 */
export type CommandBuilder = (catalog: Catalog | undefined) => Command;

/** One hand-written command. */
export interface HandWritten {
  /** The one-line English description. */
  readonly brief: string;
  /** Loads the command's module and gives its builder. */
  readonly load: () => Promise<CommandBuilder>;
}

/** Path -> command. `auth` and `logout` replace the generated ones. */
export const HAND_WRITTEN: Readonly<Record<string, HandWritten>> = {
  "configure": {
    brief: "create or update a profile (interactive, or with flags)",
    load: async () => (await import("./configure.ts")).configureCommand,
  },
  "configure get": {
    brief: "print a profile",
    load: async () => (await import("./configure.ts")).configureGetCommand,
  },
  "configure-sandbox": {
    brief: "create an API Sandbox operator and a profile for it",
    load: async () => (await import("./configure_sandbox.ts")).configureSandboxCommand,
  },
  "unconfigure": {
    brief: "remove a profile",
    load: async () => (await import("./configure.ts")).unconfigureCommand,
  },
  "version": {
    brief: "print the version",
    load: async () => (await import("./version.ts")).versionCommand,
  },
  "self-update": {
    brief: "update soracom to the latest release",
    load: async () => (await import("./self_update.ts")).selfUpdateCommand,
  },
  "auth": {
    brief: "log in and print the API key and token (POST /auth)",
    load: async () => (await import("./auth.ts")).authCommand,
  },
  "auth status": {
    brief: "show each profile's session: who, where, until when (no secrets)",
    load: async () => (await import("./auth_status.ts")).authStatusCommand,
  },
  "auth export": {
    brief: "print the profile's session as environment variables (for eval)",
    load: async () => (await import("./exec.ts")).authExportCommand,
  },
  "exec": {
    brief: "run a command with the profile's session in its environment",
    load: async () => (await import("./exec.ts")).execCommand,
  },
  "logout": {
    brief: "revoke the session and delete it from the cache (POST /auth/logout)",
    load: async () => (await import("./auth.ts")).logoutCommand,
  },
  "api": {
    brief: "call any API endpoint (as gh api)",
    load: async () => (await import("./api.ts")).apiCommand,
  },
  "completion": {
    brief: "print a shell completion script (bash by default)",
    load: async () => (await import("./completion.ts")).completionCommand,
  },
  "completion bash": {
    brief: "print the bash completion script",
    load: async () => (await import("./completion.ts")).completionBashCommand,
  },
  "completion zsh": {
    brief: "print the zsh completion script",
    load: async () => (await import("./completion.ts")).completionZshCommand,
  },
  "completion fish": {
    brief: "print the fish completion script",
    load: async () => (await import("./completion.ts")).completionFishCommand,
  },
};
