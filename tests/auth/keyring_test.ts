/**
 * The OS keyrings' commands: the secret always on stdin, never in argv, and
 * each tool's "not found" told from a failure.
 */
import assert from "node:assert/strict";
import { fakeContext, type RunOptions } from "../../src/context.ts";
import { osKeyring, windowsScript } from "../../src/auth/keyring.ts";

const ACCOUNT = "ab".repeat(32);
const SECRET = btoa(JSON.stringify({ apiKey: "api-key-1", token: "token-1" }));

/** A keyring for `os` whose tool answers with `answer`, recording each call. */
function keyringOn(os: string, answer: (argv: readonly string[]) => [number, string]) {
  const calls: { argv: readonly string[]; input: string }[] = [];
  const fake = fakeContext({
    run: (argv, options: RunOptions) => {
      calls.push({ argv, input: new TextDecoder().decode(options.input ?? new Uint8Array()) });
      const [code, out] = answer(argv);
      return Promise.resolve({ code, stdout: new TextEncoder().encode(out) });
    },
  });
  return { keyring: osKeyring({ ...fake.ctx, os }), calls };
}

Deno.test("Secret Service: secret-tool with the secret on stdin; lookup, clear", async () => {
  const { keyring, calls } = keyringOn("linux", (argv) => [0, argv[1] === "lookup" ? SECRET : ""]);
  await keyring.set(ACCOUNT, SECRET);
  assert.deepEqual(await keyring.get(ACCOUNT), SECRET);
  await keyring.delete(ACCOUNT);
  assert.deepEqual(calls.map((c) => c.argv), [
    [
      "secret-tool",
      "store",
      "--label=soracom session",
      "service",
      "soracom-cli-ts",
      "account",
      ACCOUNT,
    ],
    ["secret-tool", "lookup", "service", "soracom-cli-ts", "account", ACCOUNT],
    ["secret-tool", "clear", "service", "soracom-cli-ts", "account", ACCOUNT],
  ]);
  assert.deepEqual(calls[0].input, SECRET);
  const missing = keyringOn("linux", () => [1, ""]);
  assert.equal(await missing.keyring.get(ACCOUNT), undefined);
  await assert.rejects(
    () => missing.keyring.set(ACCOUNT, SECRET),
    (e) => e instanceof Error && e.message.includes("secret-tool exited"),
  );
});

Deno.test("macOS Keychain: security -i reads the add command (and the secret) from stdin", async () => {
  const { keyring, calls } = keyringOn("darwin", (argv) => [
    0,
    argv[1] === "find-generic-password" ? `${SECRET}\n` : "",
  ]);
  await keyring.set(ACCOUNT, SECRET);
  assert.deepEqual(calls[0].argv, ["security", "-i"]);
  assert.equal(
    calls[0].input,
    `add-generic-password -U -s soracom-cli-ts -a ${ACCOUNT} -w ${SECRET}\n`,
  );
  assert.deepEqual(await keyring.get(ACCOUNT), SECRET);
  assert.deepEqual(calls[1].argv, [
    "security",
    "find-generic-password",
    "-s",
    "soracom-cli-ts",
    "-a",
    ACCOUNT,
    "-w",
  ]);
  const missing = keyringOn("darwin", () => [44, ""]);
  assert.equal(await missing.keyring.get(ACCOUNT), undefined);
  await assert.rejects(() => keyringOn("darwin", () => [1, ""]).keyring.get(ACCOUNT));
});

Deno.test("Windows Credential Manager: an encoded PowerShell script, the secret on stdin", async () => {
  const { keyring, calls } = keyringOn("windows", () => [0, SECRET]);
  await keyring.set(ACCOUNT, SECRET);
  assert.deepEqual(await keyring.get(ACCOUNT), SECRET);
  for (const call of calls) {
    assert.deepEqual(call.argv.slice(0, 4), [
      "powershell",
      "-NoProfile",
      "-NonInteractive",
      "-EncodedCommand",
    ]);
    for (const word of call.argv) assert.ok(!word.includes(SECRET));
  }
  assert.deepEqual(calls[0].input, SECRET);
  const bytes = Uint8Array.from(atob(calls[0].argv[4]), (c) => c.charCodeAt(0));
  const script = new TextDecoder("utf-16le").decode(bytes);
  assert.deepEqual(script, windowsScript("set", `soracom-cli-ts:${ACCOUNT}`));
  assert.ok(script.includes("CredWriteW") && script.includes("[Console]::In.ReadToEnd()"), script);
  assert.equal(await keyringOn("windows", () => [44, ""]).keyring.get(ACCOUNT), undefined);
});
