/** A profile validated: soracom-cli's key spellings accepted, a wrong type named by its field. */
import assert from "node:assert/strict";
import { CliError } from "../../src/errors.ts";
import { toProfile } from "../../src/profile/schema.ts";

Deno.test("toProfile keeps a profile's fields", async () => {
  const profile = await toProfile(
    { authKeyId: "keyId-x", authKey: "secret-x", coverageType: "jp", sandbox: false },
    "default.json",
  );
  assert.deepEqual(profile, {
    authKeyId: "keyId-x",
    authKey: "secret-x",
    coverageType: "jp",
    sandbox: false,
  });
});

Deno.test("toProfile refuses what is not an object, and a field of the wrong type, naming where", async () => {
  for (const value of [null, [], "text"]) {
    await assert.rejects(
      toProfile(value, "p.json"),
      (e) => e instanceof CliError && e.kind === "config" && e.message.includes("p.json"),
    );
  }
  await assert.rejects(
    toProfile({ sandbox: "yes" }, "p.json"),
    (e) => e instanceof CliError && e.message.includes("sandbox") && e.message.includes("p.json"),
  );
});
