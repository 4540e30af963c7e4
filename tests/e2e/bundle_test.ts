/**
 * `deno task bundle` makes one self-contained file, and that file, run with
 * exactly the release permissions (src/permissions.ts), does the main jobs:
 * a profileCommand with an OTP, switch user, paging, configure, self-update,
 * a proxy, `soracom mcp`. With a permission taken away, it stops with one line naming the flag.
 */
import assert from "node:assert/strict";
import { emulatorFixture, OP_JQ_PROFILE, PROFILES } from "../helpers/fixture.ts";
import { releaseOf, startFakeReleases } from "../../scripts/fake_releases.ts";
import { MAIN, opRuns, tempDir, writeProfile } from "../helpers/run.ts";
import { authKey, sam, switchTarget } from "../helpers/accounts.ts";
import { bundleProblem } from "../../scripts/bundle.ts";
import { PERMISSION_FLAGS, SOURCE_RUN_FLAGS } from "../../src/permissions.ts";
import {
  bundleArgv,
  bundlePath,
  denoRun,
  runBundle,
  startBundledEmulator,
  testKeyBundlePath,
} from "../helpers/bundle.ts";
import { VERSION } from "../../src/version.ts";
import { testWhere } from "../helpers/platform.ts";
import { connectMcp } from "../helpers/mcp_client.ts";

function setup() {
  return emulatorFixture({ sims: 7 });
}

Deno.test("the bundle is one self-contained file with the catalogue and every command", async () => {
  const file = await bundlePath();
  const source = await Deno.readTextFile(file);
  assert.equal(bundleProblem(source), undefined);
  assert.match(source, /listSubscribers/);
  const version = await runBundle(["--version"], {});
  assert.equal(version.stdout, `SORACOM API client v${VERSION}\n`);
  const help = await runBundle(["sims", "list", "--help"], {});
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /GET \/v1\/sims/);
  assert.equal(
    bundleProblem(`const c = await import("./catalog.json");`),
    'it still imports "./catalog.json"',
  );
  assert.equal(bundleProblem(`import { z } from "npm:zod";`), 'it still imports "npm:zod"');
});

testWhere(
  ["/bin/sh", "jq"],
  "bundle + release permissions: profileCommand (op, jq) with an OTP, then the cached session",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", OP_JQ_PROFILE);
    const first = await runBundle(["--profile", "sam", "soralets", "list"], t.env);
    assert.equal(first.stderr, "");
    assert.equal(first.code, 0);
    assert.ok(Array.isArray(JSON.parse(first.stdout)));
    const auth = JSON.parse(t.api.log.find((l) => l.path === "/v1/auth")!.body);
    assert.deepEqual([auth.operatorId, auth.userName], [sam.operatorId, sam.userName]);
    assert.ok(/^\d{6}$/.test(auth.mfaOTPCode));
    const second = await runBundle(["--profile", "sam", "soralets", "list"], t.env);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(await opRuns(t.opLog), 1);
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
  },
);

testWhere(["/bin/sh"], "bundle + release permissions: switch user", async () => {
  await using t = await setup();
  await writeProfile(t.profiles, "src", PROFILES.authKey);
  await writeProfile(t.profiles, "dst", PROFILES.switchUser);
  const r = await runBundle(["operator", "get", "--profile", "dst"], t.env);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).operatorId, switchTarget.operatorId);
  assert.equal(t.api.count("POST", "/v1/auth/switch_user"), 1);
});

testWhere(
  ["/bin/sh"],
  "bundle + release permissions: auth status, exec (status passed through) and auth export",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "src", PROFILES.authKey);
    await writeProfile(t.profiles, "dst", PROFILES.switchUser);
    const exec = await runBundle(
      ["exec", "--profile", "dst", "--", "sh", "-c", 'echo "$SORACOM_OPERATOR_ID"; exit 4'],
      t.env,
    );
    assert.equal(exec.code, 4, exec.stderr);
    assert.equal(exec.stdout, `${switchTarget.operatorId}\n`);
    const status = await runBundle(["auth", "status", "--all", "--json"], t.env);
    assert.equal(status.code, 0, status.stderr);
    assert.deepEqual(JSON.parse(status.stdout).map((s: { session: string }) => s.session), [
      "cache",
      "cache",
    ]);
    const exported = await runBundle(["auth", "export", "--profile", "dst"], t.env);
    assert.equal(exported.code, 0, exported.stderr);
    assert.ok(exported.stdout.includes(`export SORACOM_OPERATOR_ID='${switchTarget.operatorId}'`));
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
    assert.equal(t.api.count("POST", "/v1/auth/switch_user"), 1);
  },
);

testWhere(
  ["/bin/sh"],
  "bundle + release permissions: --fetch-all pages through every subscriber",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    const r = await runBundle(["subscribers", "list", "--fetch-all", "--limit", "3"], t.env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).length, 7);
    assert.equal(t.api.count("GET", "/v1/subscribers"), 3);
  },
);

testWhere(
  ["/bin/sh", "posix-modes"],
  "bundle + release permissions: configure writes a profile (0600) that then works",
  async () => {
    await using t = await setup();
    const r = await runBundle([
      "configure",
      "--profile",
      "ci",
      "--coverage-type",
      "jp",
      "--auth-key-id",
      authKey.authKeyId,
      "--auth-key",
      authKey.authKey,
    ], t.env);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!(r.stdout + r.stderr).includes(authKey.authKey));
    assert.equal((await Deno.stat(`${t.profiles}/ci.json`)).mode! & 0o777, 0o600);
    const op = await runBundle(["operator", "get", "--profile", "ci"], t.env);
    assert.equal(op.code, 0, op.stderr);
    assert.deepEqual(JSON.parse(op.stdout).operatorId, authKey.operatorId);
  },
);

testWhere(
  ["/bin/sh", "posix-modes"],
  "bundle + release permissions: self-update against a local releases API",
  async () => {
    const dir = await tempDir();
    const target = `${dir}/soracom`;
    await Deno.writeTextFile(target, "old", { mode: 0o755 });
    const next = new TextEncoder().encode("#!/bin/sh\necho new\n");
    const releases = startFakeReleases(await releaseOf("99.0.0", next));
    try {
      const env = {
        HOME: dir,
        SORACOM_RELEASES_URL: releases.url,
        SORACOM_SELF_UPDATE_TARGET: target,
      };
      // As shipped, the bundle trusts only the built-in key: the tests' signature is refused.
      const refused = await runBundle(["self-update", "--yes"], env);
      assert.equal(refused.code, 5, refused.stderr);
      assert.match(refused.stderr, /a key this soracom does not trust/);
      assert.equal(await Deno.readTextFile(target), "old");
      // With the tests' key in its place, the same program verifies, downloads and replaces.
      const r = await runBundle(
        ["self-update", "--yes"],
        env,
        undefined,
        await testKeyBundlePath(),
      );
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(await Deno.readFile(target), next);
      assert.equal((await Deno.stat(target)).mode! & 0o777, 0o755);
    } finally {
      await releases.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
);

testWhere(
  ["/bin/sh"],
  "bundle + release permissions: HTTP_PROXY works without an --allow-env grant",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    // A host that cannot resolve: only the proxy (the emulator) can answer. Plain http off
    // this machine takes --allow-insecure-endpoint.
    const r = await runBundle([
      "operator",
      "get",
      "--no-session-cache",
      "--allow-insecure-endpoint",
    ], {
      ...t.env,
      SORACOM_ENDPOINT: "http://soracom.invalid",
      HTTP_PROXY: t.api.url,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).operatorId, authKey.operatorId);
    assert.equal(t.api.log[0].headers["host"], "soracom.invalid");
  },
);

testWhere(
  ["/bin/sh", "jq"],
  "with a permission taken away, one line names the flag to add",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", OP_JQ_PROFILE);
    const without = (name: string) =>
      PERMISSION_FLAGS.filter((f) => !f.startsWith(`--allow-${name}`));
    const cases: [string, string[], Record<string, string>][] = [
      ["run", ["--profile", "sam", "soralets", "list"], t.env],
      [
        "net",
        ["soralets", "list", "--api-key", "k", "--api-token", "t", "--no-retry-on-error"],
        t.env,
      ],
      ["read", ["--profile", "sam", "soralets", "list"], t.env],
      ["write", [
        "configure",
        "--profile",
        "w",
        "--coverage-type",
        "jp",
        "--auth-key-id",
        "k",
        "--auth-key",
        "s",
      ], t.env],
      ["env", ["soralets", "list"], t.env],
      // The session cache checks who owns its folder: the user's ID is the one system fact read.
      ["sys", ["--profile", "sam", "soralets", "list"], t.env],
    ];
    for (const [name, args, env] of cases) {
      const r = await runBundle(args, env, without(name));
      assert.equal(r.code, 7, `${name}: ${r.stderr}`);
      assert.ok(
        new RegExp(`^Error: this needs the --allow-${name} permission \\([^\\n]*\\)\\n$`).test(
          r.stderr,
        ),
        `${name}: ${r.stderr}`,
      );
      assert.equal(r.stdout, "");
    }
    assert.equal(t.api.log.length, 0);
  },
);

testWhere(
  ["/bin/sh"],
  "from a checkout with SOURCE_RUN_FLAGS and the release permissions: help, login, warm call",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    const run = (args: readonly string[]) =>
      denoRun([...SOURCE_RUN_FLAGS, ...PERMISSION_FLAGS, MAIN, ...args], t.env);
    const help = await run(["subscribers", "--help"]);
    assert.equal(help.code, 0, help.stderr);
    // get-data's operation lives in the data group: the listing still finds its summary.
    assert.match(help.stdout, /\n {2}get-data {15}Read what a SIM \(by IMSI\) sent/);
    for (const expectedLogins of [1, 1]) {
      const r = await run(["subscribers", "list", "--limit", "2"]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).length, 2);
      assert.deepEqual(t.api.count("POST", "/v1/auth"), expectedLogins);
    }
    const typo = await run(["subscribers", "list", "--limt", "2"]);
    assert.deepEqual([typo.code, typo.stderr], [
      2,
      "Error: unknown flag: --limt (did you mean --limit?)\n",
    ]);
  },
);

Deno.test("bundle + release permissions: soracom emulator serves, keeps --state, stops at Ctrl-C", async () => {
  const dir = await tempDir();
  try {
    const state = `${dir}/state.json`;
    let url: string;
    {
      await using api = await startBundledEmulator(["--sims", "4", "--state", state]);
      url = api.url;
      const env = {
        HOME: dir,
        SORACOM_ENDPOINT: api.url,
        SORACOM_PROFILE_DIR: `${dir}/profiles`,
        SORACOM_SESSION_DIR: `${dir}/sessions`,
      };
      const key = /--auth-key-id (\S+) --auth-key (\S+)/.exec(api.output());
      assert.ok(key !== null, api.output());
      const login = ["--auth-key-id", key[1], "--auth-key", key[2]];
      const speed = await runBundle(
        [
          ...login,
          "subscribers",
          "update-speed-class",
          "--imsi",
          "440100000000002",
          "--speed-class",
          "s1.fast",
        ],
        env,
      );
      assert.equal(speed.code, 0, speed.stderr);
      const list = await runBundle(
        [...login, "subscribers", "list", "--fetch-all", "--limit", "3"],
        env,
      );
      assert.equal(list.code, 0, list.stderr);
      assert.equal(JSON.parse(list.stdout).length, 4);
      assert.match(api.output(), /GET \/v1\/subscribers 200 listSubscribers/);
      api.child.kill("SIGINT");
      assert.equal((await api.child.status).code, 0);
    }
    assert.ok(await Deno.stat(state).then(() => true), "the state file is written");
    await using again = await startBundledEmulator(["--state", state]);
    assert.match(again.output(), /4 SIMs/);
    const { sims } = JSON.parse(await Deno.readTextFile(state));
    assert.equal(sims["440100000000002"].speedClass, "s1.fast");
    assert.ok(url.startsWith("http://127.0.0.1:"));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("bundle + release permissions: soracom mcp serves the SDK's client, a change asked first", async () => {
  await using t = await setup();
  await writeProfile(t.profiles, "key", PROFILES.authKey);
  await using s = await connectMcp(
    [...await bundleArgv(), "mcp", "--profile", "key", "--allow-write"],
    t.env,
    () => ({ action: "accept", content: {} }),
  );
  const { tools } = await s.client.listTools();
  assert.equal(tools.length, 3);
  const found = await s.call("soracom_search", { query: "speed class" });
  assert.match(found.text, /subscribers update-speed-class/);
  const listed = await s.call("soracom_call", { command: "subscribers list", flags: { limit: 1 } });
  assert.equal(listed.isError, false, listed.text);
  const imsi = JSON.parse(listed.text.slice(0, listed.text.lastIndexOf("]") + 1))[0].imsi;
  const changed = await s.call("soracom_call", {
    command: "subscribers update-speed-class",
    flags: { imsi, "speed-class": "s1.slow" },
  });
  assert.equal(changed.isError, false, changed.text);
  assert.equal(s.asked.length, 1);
  assert.equal(s.errors.length, 0);
  assert.ok(!(JSON.stringify(s.received) + s.stderr()).includes(authKey.authKey));
});
