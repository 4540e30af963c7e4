/**
 * The MCP conformance suite's scenarios that apply to `soracom mcp` pass
 * (`scripts/mcp_conformance.ts`, the server run against the emulator with a
 * temporary home), and docs/mcp.md's table names every scenario of the suite.
 * Ignored only where the suite cannot load (it comes from npm).
 */

import assert from "node:assert/strict";
import { APPLICABLE, runScenarios, SCENARIOS, suiteLoads } from "../../scripts/mcp_conformance.ts";
import { emulatorFixture, PROFILES } from "../helpers/fixture.ts";
import { DENO_DIR, writeProfile } from "../helpers/run.ts";
import { systemEnv } from "../helpers/platform.ts";

const loads = await suiteLoads();
const ignored = loads ? "" : " (IGNORED: the conformance suite does not load here)";

Deno.test({
  name: `mcp conformance: every scenario that applies passes${ignored}`,
  ignore: !loads,
  fn: async () => {
    await using f = await emulatorFixture();
    await writeProfile(f.profiles, "default", PROFILES.authKey);
    const results = await runScenarios(APPLICABLE, {
      env: { ...systemEnv(), ...f.env, DENO_DIR, NO_COLOR: "1" },
      quiet: true,
    });
    assert.deepEqual(results.map((r) => r.scenario), [...APPLICABLE]);
    for (const r of results) assert.ok(r.passed, `${r.scenario} failed:\n${r.output}`);
  },
});

Deno.test("mcp conformance: docs/mcp.md has one row per scenario, the applicable ones passing", async () => {
  const doc = await Deno.readTextFile(new URL("../../docs/mcp.md", import.meta.url));
  const rows = new Map(
    doc.split("\n").flatMap((line) => {
      const m = /^\| `([a-z0-9-]+)` +\| (\w+)/.exec(line);
      return m ? [[m[1], m[2]] as const] : [];
    }),
  );
  assert.deepEqual([...rows.keys()].sort(), Object.keys(SCENARIOS).sort());
  for (const name of APPLICABLE) assert.equal(rows.get(name), "pass", name);
});
