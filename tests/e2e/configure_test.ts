/** configure, configure get, unconfigure and configure-sandbox. */
import { runInProcess } from "../helpers/context.ts";
import assert from "node:assert/strict";
import { emulatorFixture, PROFILES } from "../helpers/fixture.ts";
import { runSoracom, writeProfile } from "../helpers/run.ts";
import { runInPty } from "../helpers/pty.ts";
import { authKey } from "../helpers/accounts.ts";
import { testWhere } from "../helpers/platform.ts";
import { kinsokuFault } from "../helpers/kinsoku.ts";
import { displayWidth } from "../../src/output/table.ts";

async function setup() {
  const f = await emulatorFixture();
  return {
    ...f,
    read: async (name: string) => JSON.parse(await Deno.readTextFile(`${f.profiles}/${name}.json`)),
  };
}

testWhere(
  ["script", "/bin/sh", "posix-modes"],
  "configure in a terminal: menus, secrets without echo, 0600 file in a 0700 folder",
  async () => {
    await using t = await setup();
    const { code, screen } = await runInPty(["configure", "--profile", "pty"], t.env, [
      ["select (1-2) > ", "2"],
      ["select (1-6) > ", "1"],
      ["authKeyId: ", authKey.authKeyId],
      ["authKey: ", authKey.authKey],
    ]);
    assert.equal(code, 0, screen);
    assert.ok(!screen.includes(authKey.authKey)); // typed without echo
    assert.ok(screen.includes(authKey.authKeyId)); // typed with echo
    assert.deepEqual(await t.read("pty"), {
      sandbox: false,
      coverageType: "jp",
      authKeyId: authKey.authKeyId,
      authKey: authKey.authKey,
      registerPaymentMethod: false,
    });
    assert.equal((await Deno.stat(`${t.profiles}/pty.json`)).mode! & 0o777, 0o600);
    assert.equal((await Deno.stat(t.profiles)).mode! & 0o777, 0o700);
    // The profile works.
    const r = await runInProcess(["operator", "get", "--profile", "pty"], { env: t.env });
    assert.equal(r.code, 0, r.stderr);
  },
);

testWhere(
  ["script", "/bin/sh"],
  "configure asks before overwriting; 'n' aborts and keeps the file",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "x", { authKeyId: "old", authKey: "old" });
    const { code } = await runInPty(
      ["configure", "--profile", "x", "--auth-key-id", "new", "--auth-key", "new"],
      t.env,
      [["Profile x already exists. Overwrite it? (y/N) ", "n"]],
    );
    assert.equal(code, 1);
    assert.equal((await t.read("x")).authKeyId, "old");
  },
);

testWhere(
  ["/bin/sh"],
  "configure with flags needs no terminal; every kind of profile",
  async () => {
    await using t = await setup();
    const cases: [string[], Record<string, unknown>][] = [
      [["--auth-key-id", "i", "--auth-key", "s", "--coverage-type", "g"], {
        coverageType: "g",
        authKeyId: "i",
        authKey: "s",
      }],
      [["--email", "e@x", "--password", "p"], { coverageType: "jp", email: "e@x", password: "p" }],
      [[
        "--operator-id",
        "OP1",
        "--user-name",
        "u",
        "--password",
        "p",
        "--mfa-otp-command",
        "op item get x --otp",
      ], {
        coverageType: "jp",
        operatorId: "OP1",
        username: "u",
        password: "p",
        mfaOTPCommand: "op item get x --otp",
      }],
      [["--source-profile", "base", "--operator-id", "OP2", "--user-name", "v"], {
        coverageType: "jp",
        sourceProfile: "base",
        operatorId: "OP2",
        username: "v",
      }],
      [["--profile-command", "op item get y --format json", "--endpoint", "http://127.0.0.1:9"], {
        coverageType: "jp",
        profileCommand: "op item get y --format json",
        endpoint: "http://127.0.0.1:9",
      }],
    ];
    for (const [i, [args, expected]] of cases.entries()) {
      const r = await runInProcess(["configure", "--profile", `p${i}`, ...args], { env: t.env });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, "");
      const { sandbox, registerPaymentMethod, ...rest } = await t.read(`p${i}`);
      assert.deepEqual([sandbox, registerPaymentMethod], [false, false]);
      assert.deepEqual(rest, expected);
    }
    // A missing piece without a terminal names what to do.
    const half = await runInProcess(["configure", "--profile", "h", "--auth-key-id", "i"], {
      env: t.env,
    });
    assert.equal(half.code, 2);
    assert.equal(
      half.stderr,
      "Error: --auth-key is missing, and configure can ask for it only on a terminal; add --auth-key\n",
    );
    // An existing profile is not replaced without --overwrite when nobody can be asked.
    const p0 = ["configure", "--profile", "p0", "--auth-key-id", "j", "--auth-key", "t"];
    const again = await runInProcess(p0, { env: t.env });
    assert.equal(again.code, 2);
    assert.match(again.stderr, /--overwrite/);
    const forced = await runInProcess([...p0, "--overwrite"], { env: t.env });
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal((await t.read("p0")).authKeyId, "j");
  },
);

testWhere(
  ["/bin/sh"],
  "eight parallel configure runs leave a valid profile and no temp files",
  async () => {
    await using t = await setup();
    const runs = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        runInProcess([
          "configure",
          "--profile",
          "race",
          "--auth-key-id",
          `id${i}`,
          "--auth-key",
          `k${i}`,
          "--overwrite",
        ], {
          env: t.env,
        })),
    );
    for (const r of runs) assert.equal(r.code, 0, r.stderr);
    const p = await t.read("race");
    assert.ok(
      /^id\d$/.test(p.authKeyId) && p.authKey === `k${p.authKeyId.slice(2)}`,
      JSON.stringify(p),
    );
    assert.deepEqual([...Deno.readDirSync(t.profiles)].map((e) => e.name), ["race.json"]);
  },
);

testWhere(
  ["/bin/sh"],
  "configure get prints the profile in soracom-cli's key order with tabs",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "default", {
      username: "u",
      operatorId: "OP1",
      password: "p",
      headers: { A: "b" },
    });
    const r = await runInProcess(["configure", "get"], { env: t.env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      `{\n\t"sandbox": false,\n\t"coverageType": "jp",\n\t"password": "p",\n\t"username": "u",\n\t"operatorId": "OP1",\n\t"registerPaymentMethod": false,\n\t"headers": {\n\t\t"A": "b"\n\t}\n}\n`,
    );
  },
);

testWhere(
  ["script", "/bin/sh"],
  "unconfigure: asks (y/N), --yes for scripts, a missing file is an error",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "gone", { authKeyId: "i", authKey: "k" });
    const no = await runInPty(["unconfigure", "--profile", "gone"], t.env, [
      ["Are you sure to remove profile 'gone' ? (y/N) ", ""],
    ]);
    assert.equal(no.code, 0);
    assert.ok(await Deno.stat(`${t.profiles}/gone.json`));
    const yes = await runInPty(["unconfigure", "--profile", "gone"], t.env, [
      ["Are you sure to remove profile 'gone' ? (y/N) ", "y"],
    ]);
    assert.equal(yes.code, 0, yes.screen);
    assert.equal([...Deno.readDirSync(t.profiles)].length, 0);
    await writeProfile(t.profiles, "gone", { authKeyId: "i", authKey: "k" });
    assert.equal(
      (await runInProcess(["unconfigure", "--profile", "gone", "--yes"], { env: t.env })).code,
      0,
    );
    const missing = await runInProcess(["unconfigure", "--profile", "gone", "--yes"], {
      env: t.env,
    });
    assert.match(missing.stderr, /Error: profile 'gone' does not exist \(there is no /);
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "without a terminal, configure and unconfigure print no question: only the error naming the flag",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "kept", { authKeyId: "i", authKey: "k" });
    const cases: [string[], string, number][] = [
      [
        ["configure", "--profile", "new"],
        "Error: configure needs a terminal to ask its questions",
        2,
      ],
      [["unconfigure", "--profile", "kept"], "Error: unconfigure needs a terminal to confirm", 2],
      [
        ["configure", "--profile", "kept", "--auth-key-id", "j", "--auth-key", "l"],
        "--overwrite",
        2,
      ],
      // A profile that is not there is said without asking.
      [
        ["unconfigure", "--profile", "kep"],
        "Error: profile 'kep' does not exist (did you mean 'kept'?)",
        3,
      ],
    ];
    for (const [args, said, code] of cases) {
      const r = await runSoracom(args, { env: t.env });
      assert.deepEqual(r.code, code, r.stderr);
      assert.ok(r.stderr.startsWith("Error: ") && r.stderr.includes(said), r.stderr);
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
    }
    // An answer piped in still works, as with soracom-cli, and no question is shown.
    const piped = await runSoracom(["unconfigure", "--profile", "kept"], {
      env: t.env,
      stdin: "y\n",
    });
    assert.deepEqual([piped.code, piped.stderr], [0, ""]);
  },
);

testWhere(
  ["/bin/sh"],
  "configure-sandbox with flags: sandbox init with the production AuthKey, then a working sandbox profile",
  async () => {
    await using t = await setup();
    const r = await runInProcess([
      "configure-sandbox",
      "--auth-key-id",
      authKey.authKeyId,
      "--auth-key",
      authKey.authKey,
      "--email",
      "sandbox@example.com",
      "--password",
      "Sandbox-Passw0rd",
      "--coverage-type",
      "jp",
    ], { env: t.env });
    assert.equal(r.code, 0, r.stderr);
    const init = JSON.parse(t.api.log.find((l) => l.path === "/v1/sandbox/init")!.body);
    assert.deepEqual(init, {
      authKey: authKey.authKey,
      authKeyId: authKey.authKeyId,
      coverageTypes: ["jp"],
      email: "sandbox@example.com",
      password: "Sandbox-Passw0rd",
      registerPaymentMethod: true,
    });
    const saved = await t.read("sandbox");
    assert.deepEqual(saved, {
      sandbox: true,
      coverageType: "jp",
      email: "sandbox@example.com",
      password: "Sandbox-Passw0rd",
      endpoint: t.api.url,
      registerPaymentMethod: true,
    });
    assert.ok(!JSON.stringify(saved).includes(authKey.authKey));
    const use = await runInProcess(["subscribers", "list", "--profile", "sandbox"], { env: t.env });
    assert.equal(use.code, 0, use.stderr);
    // A refused init prints the API's body.
    const bad = await runInProcess([
      "configure-sandbox",
      "--auth-key-id",
      "x",
      "--auth-key",
      "y",
      "--email",
      "s2@example.com",
      "--password",
      "p",
      "--profile",
      "sb2",
    ], { env: t.env });
    assert.equal(bad.code, 5);
    assert.ok(bad.stderr.startsWith("Error: {"), bad.stderr);
  },
);

testWhere(["/bin/sh"], "sandbox commands exist and use the same endpoint resolution", async () => {
  await using t = await setup();
  await writeProfile(t.profiles, "default", PROFILES.samPlain);
  t.api.stub("POST", "/v1/sandbox/subscribers/create", { status: 200, body: `{"imsi":"001"}` });
  const r = await runInProcess(["sandbox", "subscribers", "create", "--subscription", "plan-D"], {
    env: t.env,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { imsi: "001" });
  assert.deepEqual(JSON.parse(t.api.log.at(-1)!.body), { subscription: "plan-D" });
  const bad = await runInProcess(["sandbox", "subscribers", "create", "--subscription", "nope"], {
    env: t.env,
  });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /allowed values are plan01s/);
});

testWhere(
  ["setsid", "/bin/sh"],
  "y/N answers may come from a pipe, as with soracom-cli (echo y | soracom unconfigure)",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "piped", { authKeyId: "i", authKey: "k" });
    const no = await runSoracom(["unconfigure", "--profile", "piped"], {
      env: t.env,
      stdin: "n\n",
    });
    assert.equal(no.code, 0, no.stderr);
    assert.ok(await Deno.stat(`${t.profiles}/piped.json`));
    const yes = await runSoracom(["unconfigure", "--profile", "piped"], {
      env: t.env,
      stdin: "y\n",
    });
    assert.equal(yes.code, 0, yes.stderr);
    assert.equal([...Deno.readDirSync(t.profiles)].length, 0);
    await writeProfile(t.profiles, "piped", { authKeyId: "old", authKey: "old" });
    const abort = await runSoracom([
      "configure",
      "--profile",
      "piped",
      "--auth-key-id",
      "new",
      "--auth-key",
      "new",
    ], {
      env: t.env,
      stdin: "n\n",
    });
    assert.equal(abort.code, 1);
    assert.equal((await t.read("piped")).authKeyId, "old");
  },
);

testWhere(
  ["/bin/sh", "posix-modes"],
  "a folder the user made keeps its mode; one soracom makes is 0700",
  async () => {
    await using t = await setup();
    await Deno.chmod(t.profiles, 0o750);
    assert.equal(
      (await runInProcess(["configure", "--auth-key-id", "i", "--auth-key", "k"], { env: t.env }))
        .code,
      0,
    );
    assert.equal((await Deno.stat(t.profiles)).mode! & 0o777, 0o750);
    const fresh = `${t.dir}/new/profiles`;
    const r = await runInProcess(["configure", "--auth-key-id", "i", "--auth-key", "k"], {
      env: { ...t.env, SORACOM_PROFILE_DIR: fresh },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await Deno.stat(fresh)).mode! & 0o777, 0o700);
  },
);

testWhere(
  ["script", "/bin/sh"],
  "configure in Japanese on a 40-column terminal: Japanese prompts, menus wrapped by Japanese rules",
  async () => {
    await using t = await setup();
    const { code, screen } = await runInPty(
      ["configure", "--profile", "ja"],
      { ...t.env, LANG: "ja_JP.UTF-8" },
      [
        ["番号（1-2）> ", "2"],
        ["番号（1-6）> ", "1"],
        ["認証キー ID: ", authKey.authKeyId],
        ["認証キーのシークレット: ", authKey.authKey],
      ],
      { columns: 40 },
    );
    assert.equal(code, 0, screen);
    const lines = screen.replaceAll("\r", "").split("\n");
    const menu = lines.filter((l) => /^\d\. |^ {3}\S/.test(l));
    assert.ok(menu.length > 8, screen); // six methods, some on two lines
    for (const line of menu) {
      assert.ok(displayWidth(line) <= 40, line);
      assert.equal(kinsokuFault(line), undefined, line);
    }
    assert.match(screen, /としてログインしました/);
    assert.deepEqual((await t.read("ja")).authKeyId, authKey.authKeyId);
  },
);
