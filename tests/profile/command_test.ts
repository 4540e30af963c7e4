/** profileCommand and mfaOTPCommand: run, their output read, their failures said in one line. */
import assert from "node:assert/strict";
import { type CommandResult, fakeContext } from "../../src/context.ts";
import { CliError } from "../../src/errors.ts";
import {
  otpFromCommand,
  profileFromCommand,
  programOf,
  stderrTail,
} from "../../src/profile/command.ts";

const text = (s: string) => new TextEncoder().encode(s);

/** A context whose only child answers with `result`, recording its argv. */
function running(result: CommandResult | Error) {
  const argvs: string[][] = [];
  const fake = fakeContext({
    run: (argv) => {
      argvs.push([...argv]);
      return result instanceof Error ? Promise.reject(result) : Promise.resolve(result);
    },
  });
  return { ...fake, argvs };
}

const failsWith = (kind: string, key: string) => (e: unknown) =>
  e instanceof CliError && e.kind === kind && e.said?.key === key;

Deno.test("profileFromCommand reads the profile it prints, split into words, its own profileCommand dropped", async () => {
  const t = running({
    code: 0,
    stdout: text('{"authKeyId":"keyId-x","authKey":"secret-x","profileCommand":"again"}'),
  });
  const profile = await profileFromCommand(t.ctx, "op item get 'my item' --format json");
  assert.deepEqual(profile, { authKeyId: "keyId-x", authKey: "secret-x" });
  assert.deepEqual(t.argvs, [["op", "item", "get", "my item", "--format", "json"]]);
});

Deno.test("profileFromCommand refuses empty output, output that is not JSON, a missing program, a failure", async () => {
  const cases: [CommandResult | Error, string, string][] = [
    [{ code: 0, stdout: text("  \n") }, "auth", "commandOutputEmpty"],
    [{ code: 0, stdout: text("not json") }, "auth", "commandOutputNotJson"],
    [new Deno.errors.NotFound("op"), "config", "commandNotFound"],
    [{ code: 1, stdout: text(""), stderr: text("locked\n") }, "auth", "commandFailed"],
    [
      { code: 127, stdout: text(""), stderr: text("sh: 1: op: not found\n") },
      "config",
      "commandNotFound",
    ],
  ];
  for (const [result, kind, key] of cases) {
    await assert.rejects(
      profileFromCommand(running(result).ctx, "op item get x"),
      failsWith(kind, key),
      key,
    );
  }
});

Deno.test("otpFromCommand: the trimmed code, or a refusal when it prints nothing", async () => {
  assert.equal(
    await otpFromCommand(running({ code: 0, stdout: text(" 123456\n") }).ctx, "op --otp"),
    "123456",
  );
  await assert.rejects(
    otpFromCommand(running({ code: 0, stdout: text("") }).ctx, "op --otp"),
    failsWith("auth", "otpCommandEmpty"),
  );
});

Deno.test("programOf names the program a shell runs; stderrTail keeps the end, secrets hidden", () => {
  assert.equal(programOf(["/bin/sh", "-c", "FOO=1 exec op item get x"]), "op");
  assert.equal(programOf(["sh", "-c", "( sleep 9 & )"]), "sh");
  assert.equal(stderrTail(undefined), undefined);
  assert.equal(stderrTail(text("  \n")), undefined);
  const tail = stderrTail(text(`${"x".repeat(5000)}\npassword=hunter2 \x1b[31m\n`)) ?? "";
  assert.ok(!tail.includes("hunter2"), tail);
  assert.ok(!tail.includes("\x1b"), tail);
  assert.ok(tail.length < 5000, String(tail.length));
});
