/** A hand-written command made from its definition: global flags added, exit code 0 by default. */
import assert from "node:assert/strict";
import { fakeContext } from "../../src/context.ts";
import { defineCommand } from "../../src/cli/command.ts";
import { booleanFlag, GLOBAL_FLAGS } from "../../src/cli/flags.ts";

Deno.test("defineCommand adds the global flags and resolves to the run's exit code, else 0", async () => {
  const seen: unknown[] = [];
  const command = defineCommand<{ yes?: boolean }>({
    flags: { yes: booleanFlag() },
    run: (_ctx, flags, args) => void seen.push(flags.yes, [...args]),
  });
  assert.equal(command.takesArguments, false);
  assert.deepEqual(Object.keys(command.flags).sort(), ["yes", ...Object.keys(GLOBAL_FLAGS)].sort());
  assert.equal(await command.run(fakeContext().ctx, { yes: true }, ["a"]), 0);
  assert.deepEqual(seen, [true, ["a"]]);
  const failing = defineCommand<Record<never, never>>({
    flags: {},
    takesArguments: true,
    run: () => 3,
  });
  assert.equal(failing.takesArguments, true);
  assert.equal(await failing.run(fakeContext().ctx, {}, []), 3);
});
