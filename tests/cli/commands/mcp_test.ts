/** `soracom mcp`: its flags (the rest is `src/mcp/`). */
import assert from "node:assert/strict";
import { mcpCommand } from "../../../src/cli/commands/mcp.ts";

Deno.test("mcp takes --allow-write, and --allow and --deny more than once", () => {
  const { flags } = mcpCommand();
  assert.equal(flags["allow-write"].kind, "boolean");
  for (const name of ["allow", "deny"]) {
    const spec = flags[name];
    assert.ok(spec.kind === "parsed" && spec.variadic === true, name);
  }
});
