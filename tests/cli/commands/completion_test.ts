/** `soracom completion [bash|zsh|fish]`: each prints its script; alone it is bash. */
import assert from "node:assert/strict";
import { fakeContext } from "../../../src/context.ts";
import {
  completionBashCommand,
  completionCommand,
  completionFishCommand,
  completionZshCommand,
} from "../../../src/cli/commands/completion.ts";
import { completionScript } from "../../../src/cli/commands/completion_scripts.ts";

Deno.test("each completion command prints its shell's script", async () => {
  const cases = [
    [completionCommand(), "bash"],
    [completionBashCommand(), "bash"],
    [completionZshCommand(), "zsh"],
    [completionFishCommand(), "fish"],
  ] as const;
  for (const [command, shell] of cases) {
    const fake = fakeContext();
    assert.equal(await command.run(fake.ctx, {}, []), 0);
    assert.equal(fake.stdout(), completionScript(shell), shell);
  }
});
