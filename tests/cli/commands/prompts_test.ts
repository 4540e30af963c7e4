/** Questions on the terminal: asked again until answered, refused without a terminal. */
import assert from "node:assert/strict";
import { fakeContext } from "../../../src/context.ts";
import { CliError } from "../../../src/errors.ts";
import { ask, choose, flagString } from "../../../src/cli/commands/prompts.ts";

Deno.test("ask asks again after an empty answer; without a terminal it fails with the words given", async () => {
  const fake = fakeContext({ prompts: ["  ", " ann "] });
  assert.equal(await ask(fake.ctx, "Name: ", "add --name"), "ann");
  assert.equal(fake.asked.length, 2);
  assert.ok(fake.asked[1].endsWith("Name: "));
  await assert.rejects(
    ask(fakeContext().ctx, "Name: ", "add --name"),
    (e) => e instanceof CliError && e.kind === "usage" && e.message === "add --name",
  );
});

Deno.test("choose shows a numbered menu and asks until a number in range", async () => {
  const fake = fakeContext({ prompts: ["0", "x", "2"] });
  assert.equal(await choose(fake.ctx, "Pick one", ["first", "second"], "add --pick"), 2);
  assert.match(fake.stderr(), /^Pick one\n1\. first\n2\. second\n$/);
  assert.equal(fake.asked.length, 3);
});

Deno.test("flagString: a non-empty string, else nothing", () => {
  assert.equal(flagString("x"), "x");
  assert.equal(flagString(""), undefined);
  assert.equal(flagString(true), undefined);
});
