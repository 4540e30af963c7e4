/** The shell completion scripts: each asks `soracom __complete` and registers itself. */
import assert from "node:assert/strict";
import { completionScript } from "../../../src/cli/commands/completion_scripts.ts";

Deno.test("each script registers for soracom and asks __complete", () => {
  assert.match(completionScript("bash"), /complete -F _soracom_complete soracom/);
  assert.ok(completionScript("zsh").startsWith("#compdef soracom\n"));
  assert.match(completionScript("fish"), /complete -c soracom/);
  for (const shell of ["bash", "zsh", "fish"] as const) {
    assert.ok(completionScript(shell).includes("__complete"), shell);
    assert.ok(completionScript(shell).endsWith("\n"), shell);
  }
});
