import assert from "node:assert/strict";
import { fc } from "../helpers/property.ts";
import { CliError } from "../../src/errors.ts";
import { toProfile } from "../../src/profile/schema.ts";
import {
  loadProfile,
  parseProfileText,
  sanitizeProfileName,
  saveProfile,
  serializeProfile,
  sourceProfileName,
} from "../../src/profile/store.ts";
import { testContext } from "../helpers/context.ts";
import { tempDir, writeProfile } from "../helpers/run.ts";
import { testWhere } from "../helpers/platform.ts";

Deno.test("keys match case-insensitively; username is read from userName; unknown keys are ignored", async () => {
  const p = await toProfile({ UserName: "sam", AUTHKEYID: "k", operatorid: "OP1", extra: 1 }, "x");
  assert.deepEqual(p, { username: "sam", authKeyId: "k", operatorId: "OP1" });
});

Deno.test("an exact key beats a case-insensitive one", async () => {
  assert.equal((await toProfile({ username: "a", userName: "b" }, "x")).username, "a");
  assert.equal((await toProfile({ userName: "b", username: "a" }, "x")).username, "a");
});

Deno.test("JSONC: comments and trailing commas are accepted", async () => {
  const p = await parseProfileText(
    `{
    // my SAM user
    "operatorId": "OP1", /* inline */
    "username": "sam",
  }`,
    "f.json",
  );
  assert.deepEqual(p, { operatorId: "OP1", username: "sam" });
});

Deno.test("syntax errors name the file, line and column", async () => {
  await assert.rejects(
    () => parseProfileText(`{\n  "a": 1\n  "b": 2\n}`, "/p/x.json"),
    (e) => e instanceof CliError && e.message.includes("/p/x.json:3:3"),
  );
  await assert.rejects(
    () => parseProfileText("", "/p/x.json"),
    (e) => e instanceof CliError && e.message.includes("empty"),
  );
  // In our words, in both languages (not jsonc-parser's CommaExpected).
  await assert.rejects(parseProfileText(`{\n  "a": 1\n  "b": 2\n}`, "/p/x.json"), (e) => {
    assert.ok(e instanceof CliError);
    assert.equal(e.textIn("en"), `/p/x.json:3:3: invalid JSON (expected ",")`);
    assert.equal(e.textIn("ja"), `/p/x.json:3:3: JSON が正しくありません（"," がありません）`);
    return true;
  });
});

Deno.test("wrong types name the field", async () => {
  const rejects = (value: unknown, text: string) =>
    assert.rejects(
      () => toProfile(value, "f"),
      (e) => e instanceof CliError && e.message.includes(text),
    );
  await rejects({ email: 5 }, "field 'email' must be a string");
  await rejects(
    { tokenTimeoutSeconds: "1" },
    "field 'tokenTimeoutSeconds' must be an integer, got a string",
  );
  await rejects(
    { tokenTimeoutSeconds: 1.5 },
    "field 'tokenTimeoutSeconds' must be an integer, got a number",
  );
  await rejects({ headers: { a: 1 } }, "field 'headers.a' must be a string, got a number");
  await rejects({ sessionCache: "no" }, "field 'sessionCache' must be a boolean, got a string");
  await rejects([1], "expected a JSON object");
});

Deno.test("names are sanitised as soracom-cli does and never leave the folder", () => {
  assert.equal(sanitizeProfileName("my_profile"), "my-profile");
  assert.equal(sanitizeProfileName("../x"), "-x");
  assert.equal(sanitizeProfileName("a/b"), "a-b");
  assert.equal(sanitizeProfileName(" Éa "), "Ea");
  assert.equal(sanitizeProfileName("prod 日本"), "prod-");
  assert.equal(sanitizeProfileName("a\0b"), "ab");
  assert.throws(
    () => sanitizeProfileName("日本"),
    (e) => e instanceof CliError && e.message.includes("invalid profile name"),
  );
  assert.equal(sourceProfileName("my_src"), "my_src");
  assert.equal(sourceProfileName("../../etc/passwd"), "-etc-passwd");
  fc.assert(fc.property(fc.string(), (s) => {
    try {
      const n = sanitizeProfileName(s);
      assert.ok(!n.includes("/") && !n.includes("\\") && n !== "." && n !== "..", n);
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
    }
  }));
});

testWhere(
  ["posix-modes"],
  "loading refuses group/other permission bits with the chmod to run",
  async () => {
    const dir = await tempDir();
    const path = await writeProfile(dir, "open", { authKeyId: "k", authKey: "s" });
    await Deno.chmod(path, 0o644);
    const { ctx } = testContext();
    await assert.rejects(
      () => loadProfile(ctx, dir, "open"),
      (e) => e instanceof CliError && e.message.includes(`chmod 600 ${path}`),
    );
    await Deno.remove(dir, { recursive: true });
  },
);

Deno.test("a mistyped profile name suggests the profile it is close to, in both languages", async () => {
  const dir = await tempDir();
  try {
    await Deno.writeTextFile(`${dir}/default.json`, "{}", { mode: 0o600 });
    for (
      const [lang, text] of [
        ["en", "profile 'defualt' does not exist (did you mean 'default'?)"],
        ["ja", "プロファイル 'defualt' はありません（'default' のことですか？）"],
      ] as const
    ) {
      const { ctx } = testContext();
      await assert.rejects(loadProfile(ctx, dir, "defualt"), (e: unknown) => {
        assert.ok(e instanceof CliError);
        assert.equal(e.textIn(lang), text);
        return true;
      });
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a missing profile says which and how to create it", async () => {
  const dir = await tempDir();
  const { ctx } = testContext();
  const e = await Promise.resolve().then(() => loadProfile(ctx, dir, "sam")).then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(e instanceof CliError, String(e));
  assert.ok(e.message.includes(`profile 'sam' does not exist (there is no ${dir}/sam.json)`));
  assert.match(e.message, /soracom configure --profile sam/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("a huge profile is refused", async () => {
  const dir = await tempDir();
  await writeProfile(dir, "big", `{"a":"${"x".repeat(10 * 1024 * 1024)}"}`);
  const { ctx } = testContext();
  await assert.rejects(
    () => loadProfile(ctx, dir, "big"),
    (e) => e instanceof CliError && e.message.includes("larger than a profile can be"),
  );
  await Deno.remove(dir, { recursive: true });
});

testWhere(
  ["posix-modes"],
  "saving writes 0600 in a 0700 folder, in soracom-cli's form, atomically",
  async () => {
    const base = await tempDir();
    const dir = `${base}/profiles`;
    const { ctx } = testContext();
    const path = await saveProfile(ctx, dir, "x", {
      coverageType: "jp",
      authKeyId: "k",
      authKey: "s",
    });
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
    assert.equal((await Deno.stat(dir)).mode! & 0o777, 0o700);
    assert.equal(
      await Deno.readTextFile(path),
      `{"sandbox":false,"coverageType":"jp","authKeyId":"k","authKey":"s","registerPaymentMethod":false}`,
    );
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["x.json"]);
    await Deno.remove(base, { recursive: true });
  },
);

Deno.test("serializeProfile keeps soracom-cli's key order", () => {
  assert.equal(
    serializeProfile({ username: "u", operatorId: "OP", sandbox: true }),
    `{"sandbox":true,"coverageType":"","username":"u","operatorId":"OP","registerPaymentMethod":false}`,
  );
});

Deno.test("property: the profile parser throws only CliError", async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string(), fc.json()), async (text) => {
      try {
        await parseProfileText(text, "f");
      } catch (e) {
        if (!(e instanceof CliError)) throw e;
      }
    }),
    { numRuns: 1000 },
  );
});

Deno.test("nesting is measured as jsonc-parser reads the text, and refused past 32 levels", async () => {
  const tooDeep = async (text: string) => {
    const e = await parseProfileText(text, "p.json").catch((e) => e);
    return e instanceof CliError && /nests deeper than 32 levels/.test(e.message);
  };
  const nest = (n: number) => `{"a":${"[".repeat(n - 1)}${"]".repeat(n - 1)}}`;
  for (const comment of ["// c\n", "// c\r", "// c\r\n", "/* ] */", "/* \n ] */"]) {
    assert.equal(await tooDeep(`${comment}${nest(33)}`), true, JSON.stringify(comment));
    assert.equal(await tooDeep(`${comment}${nest(32)}`), false, JSON.stringify(comment));
    assert.equal(await tooDeep(`${comment}${"[".repeat(200_000)}`), true, JSON.stringify(comment));
  }
  // Brackets in strings (escaped quotes too) are not nesting; plain JSON is held to the same.
  assert.equal(await tooDeep(`{"x": "\\"[[[[", "a": [], } // trailing comma: JSONC`), false);
  assert.equal(await tooDeep(nest(33)), true);
  assert.equal(await tooDeep(`${"[".repeat(200_000)}${"]".repeat(200_000)}`), true);
});

Deno.test("saving a profile removes the temp files interrupted profile writes left, not a write going on", async () => {
  const dir = await tempDir();
  try {
    const uuid = "0b0c0d0e-1f20-4122-8324-252627282930";
    const old = `.alpha.json.${uuid}.tmp`;
    const young = `.beta.json.${uuid.replace("0b", "1b")}.tmp`;
    const other = `.notes.${uuid}.tmp`;
    for (const name of [old, young, other]) {
      await Deno.writeTextFile(`${dir}/${name}`, '{"authKey":"secret-left"}');
    }
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await Deno.utime(`${dir}/${old}`, twoMinutesAgo, twoMinutesAgo);
    await Deno.utime(`${dir}/${other}`, twoMinutesAgo, twoMinutesAgo);
    await saveProfile(testContext().ctx, dir, "gamma", { coverageType: "jp" });
    const left = [...Deno.readDirSync(dir)].map((e) => e.name).sort();
    assert.deepEqual(left, [other, young, "gamma.json"].sort());
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
