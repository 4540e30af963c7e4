/** Soralets: created once per ID, listed and found per operator. */
import assert from "node:assert/strict";
import { SORALET_HANDLERS } from "../../src/emulator/soralets.ts";
import { answerOf, testWorld } from "../helpers/emulator_call.ts";

Deno.test("a Soralet is created once, then listed and found; another ID is not found", async () => {
  const world = testWorld();
  const body = '{"soraletId":"mine","description":"d"}';
  const made = await answerOf(SORALET_HANDLERS, world, "POST", "/soralets", { body });
  assert.equal(made.status, 201);
  const again = await answerOf(SORALET_HANDLERS, world, "POST", "/soralets", { body });
  assert.ok(again.status >= 400 && again.status < 500, String(again.status));
  const listed = await answerOf(SORALET_HANDLERS, world, "GET", "/soralets");
  assert.ok((listed.json as { soraletId: string }[]).some((s) => s.soraletId === "mine"));
  const found = await answerOf(SORALET_HANDLERS, world, "GET", "/soralets/mine");
  assert.equal((found.json as { description: string }).description, "d");
  assert.equal((await answerOf(SORALET_HANDLERS, world, "GET", "/soralets/nope")).status, 404);
});
