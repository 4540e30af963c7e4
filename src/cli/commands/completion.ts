/**
 * `soracom completion [bash|zsh|fish]`: prints a shell completion script
 * (`completion_scripts.ts`). `completion` alone prints the bash script, as
 * soracom-cli does.
 *
 * @module
 */

import { type Command, defineCommand } from "../command.ts";
import { completionScript, type Shell } from "./completion_scripts.ts";

/** The command that prints `shell`'s completion script. */
function scriptCommand(shell: Shell): Command {
  return defineCommand<Record<never, never>>({
    flags: {},
    run: (ctx) => ctx.stdout.write(completionScript(shell)),
  });
}

/** `completion`: the bash script (soracom-cli prints bash when no shell is named). */
export function completionCommand(): Command {
  return scriptCommand("bash");
}

/** `completion bash`. */
export function completionBashCommand(): Command {
  return scriptCommand("bash");
}

/** `completion zsh`. */
export function completionZshCommand(): Command {
  return scriptCommand("zsh");
}

/** `completion fish`. */
export function completionFishCommand(): Command {
  return scriptCommand("fish");
}
