/**
 * `deno task bundle` makes one self-contained file, and that file, run with
 * exactly the release permissions (src/permissions.ts), does the main jobs:
 * a profileCommand with an OTP, switch user, paging, configure, self-update,
 * a proxy, `soracom mcp`. With a permission taken away, it stops with one line naming the flag.
 */
import {
  assert,
  assertEquals,
  assertNotIncludes,
  assertStringIncludes,
} from "../helpers/assert.ts";
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
  assertEquals(bundleProblem(source), undefined);
  assertStringIncludes(source, "listSubscribers");
  const version = await runBundle(["--version"], {});
  assertEquals(version.stdout, `SORACOM API client v${VERSION}\n`);
  const help = await runBundle(["sims", "list", "--help"], {});
  assertEquals(help.code, 0, help.stderr);
  assertStringIncludes(help.stdout, "GET /v1/sims");
  assertEquals(
    bundleProblem(`const c = await import("./catalog.json");`),
    'it still imports "./catalog.json"',
  );
  assertEquals(bundleProblem(`import { z } from "npm:zod";`), 'it still imports "npm:zod"');
});

testWhere(
  ["/bin/sh", "jq"],
  "bundle + release permissions: profileCommand (op, jq) with an OTP, then the cached session",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", OP_JQ_PROFILE);
    const first = await runBundle(["--profile", "sam", "soralets", "list"], t.env);
    assertEquals(first.stderr, "");
    assertEquals(first.code, 0);
    assert(Array.isArray(JSON.parse(first.stdout)));
    const auth = JSON.parse(t.api.log.find((l) => l.path === "/v1/auth")!.body);
    assertEquals([auth.operatorId, auth.userName], [sam.operatorId, sam.userName]);
    assert(/^\d{6}$/.test(auth.mfaOTPCode));
    const second = await runBundle(["--profile", "sam", "soralets", "list"], t.env);
    assertEquals(second.code, 0, second.stderr);
    assertEquals(await opRuns(t.opLog), 1);
    assertEquals(t.api.count("POST", "/v1/auth"), 1);
  },
);

testWhere(["/bin/sh"], "bundle + release permissions: switch user", async () => {
  await using t = await setup();
  await writeProfile(t.profiles, "src", PROFILES.authKey);
  await writeProfile(t.profiles, "dst", PROFILES.switchUser);
  const r = await runBundle(["operator", "get", "--profile", "dst"], t.env);
  assertEquals(r.code, 0, r.stderr);
  assertEquals(JSON.parse(r.stdout).operatorId, switchTarget.operatorId);
  assertEquals(t.api.count("POST", "/v1/auth/switch_user"), 1);
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
    assertEquals(exec.code, 4, exec.stderr);
    assertEquals(exec.stdout, `${switchTarget.operatorId}\n`);
    const status = await runBundle(["auth", "status", "--all", "--json"], t.env);
    assertEquals(status.code, 0, status.stderr);
    assertEquals(
      JSON.parse(status.stdout).map((s: { session: string }) => s.session),
      ["cache", "cache"],
    );
    const exported = await runBundle(["auth", "export", "--profile", "dst"], t.env);
    assertEquals(exported.code, 0, exported.stderr);
    assertStringIncludes(
      exported.stdout,
      `export SORACOM_OPERATOR_ID='${switchTarget.operatorId}'`,
    );
    assertEquals(t.api.count("POST", "/v1/auth"), 1);
    assertEquals(t.api.count("POST", "/v1/auth/switch_user"), 1);
  },
);

testWhere(
  ["/bin/sh"],
  "bundle + release permissions: --fetch-all pages through every subscriber",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    const r = await runBundle(["subscribers", "list", "--fetch-all", "--limit", "3"], t.env);
    assertEquals(r.code, 0, r.stderr);
    assertEquals(JSON.parse(r.stdout).length, 7);
    assertEquals(t.api.count("GET", "/v1/subscribers"), 3);
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
    assertEquals(r.code, 0, r.stderr);
    assertNotIncludes(r.stdout + r.stderr, authKey.authKey);
    assertEquals((await Deno.stat(`${t.profiles}/ci.json`)).mode! & 0o777, 0o600);
    const op = await runBundle(["operator", "get", "--profile", "ci"], t.env);
    assertEquals(op.code, 0, op.stderr);
    assertEquals(JSON.parse(op.stdout).operatorId, authKey.operatorId);
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
      assertEquals(refused.code, 5, refused.stderr);
      assertStringIncludes(refused.stderr, "a key this soracom does not trust");
      assertEquals(await Deno.readTextFile(target), "old");
      // With the tests' key in its place, the same program verifies, downloads and replaces.
      const r = await runBundle(
        ["self-update", "--yes"],
        env,
        undefined,
        await testKeyBundlePath(),
      );
      assertEquals(r.code, 0, r.stderr);
      assertEquals(await Deno.readFile(target), next);
      assertEquals((await Deno.stat(target)).mode! & 0o777, 0o755);
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
    assertEquals(r.code, 0, r.stderr);
    assertEquals(JSON.parse(r.stdout).operatorId, authKey.operatorId);
    assertEquals(t.api.log[0].headers["host"], "soracom.invalid");
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
      assertEquals(r.code, 7, `${name}: ${r.stderr}`);
      assert(
        new RegExp(`^Error: this needs the --allow-${name} permission \\([^\\n]*\\)\\n$`).test(
          r.stderr,
        ),
        `${name}: ${r.stderr}`,
      );
      assertEquals(r.stdout, "");
    }
    assertEquals(t.api.log.length, 0);
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
    assertEquals(help.code, 0, help.stderr);
    // get-data's operation lives in the data group: the listing still finds its summary.
    assertStringIncludes(help.stdout, "\n  get-data               Read what a SIM (by IMSI) sent");
    for (const expectedLogins of [1, 1]) {
      const r = await run(["subscribers", "list", "--limit", "2"]);
      assertEquals(r.code, 0, r.stderr);
      assertEquals(JSON.parse(r.stdout).length, 2);
      assertEquals(t.api.count("POST", "/v1/auth"), expectedLogins);
    }
    const typo = await run(["subscribers", "list", "--limt", "2"]);
    assertEquals([typo.code, typo.stderr], [
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
      assert(key !== null, api.output());
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
      assertEquals(speed.code, 0, speed.stderr);
      const list = await runBundle(
        [...login, "subscribers", "list", "--fetch-all", "--limit", "3"],
        env,
      );
      assertEquals(list.code, 0, list.stderr);
      assertEquals(JSON.parse(list.stdout).length, 4);
      assertStringIncludes(api.output(), "GET /v1/subscribers 200 listSubscribers");
      api.child.kill("SIGINT");
      assertEquals((await api.child.status).code, 0);
    }
    assert(await Deno.stat(state).then(() => true), "the state file is written");
    await using again = await startBundledEmulator(["--state", state]);
    assertStringIncludes(again.output(), "4 SIMs");
    const { sims } = JSON.parse(await Deno.readTextFile(state));
    assertEquals(sims["440100000000002"].speedClass, "s1.fast");
    assert(url.startsWith("http://127.0.0.1:"));
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
  assertEquals(tools.length, 3);
  const found = await s.call("soracom_search", { query: "speed class" });
  assertStringIncludes(found.text, "subscribers update-speed-class");
  const listed = await s.call("soracom_call", { command: "subscribers list", flags: { limit: 1 } });
  assertEquals(listed.isError, false, listed.text);
  const imsi = JSON.parse(listed.text.slice(0, listed.text.lastIndexOf("]") + 1))[0].imsi;
  const changed = await s.call("soracom_call", {
    command: "subscribers update-speed-class",
    flags: { imsi, "speed-class": "s1.slow" },
  });
  assertEquals(changed.isError, false, changed.text);
  assertEquals(s.asked.length, 1);
  assertEquals(s.errors, []);
  assertNotIncludes(JSON.stringify(s.received) + s.stderr(), authKey.authKey);
});
