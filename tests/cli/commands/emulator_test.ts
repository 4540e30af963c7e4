/**
 * `soracom emulator`, run in process: it prints where it listens and a command
 * that makes a profile for it, serves until Ctrl-C, keeps `--state FILE`
 * across restarts (written atomically), and refuses a broken state file, a
 * broken faults file and out-of-range flags with one clear error, leaving the
 * files as they were.
 *
 * @module
 */

import assert from "node:assert/strict";
import { runEmulator } from "../../../src/cli/commands/emulator.ts";
import { runCli } from "../../../src/cli/app.ts";
import { CliError } from "../../../src/errors.ts";
import { testContext } from "../../helpers/context.ts";
import { tempDir } from "../../helpers/run.ts";

/** Runs the emulator until the test's `stop` is called; `ready` settles once it prints. */
function running(flags: Parameters<typeof runEmulator>[1], env: Record<string, string> = {}) {
  let stop = () => {};
  const interrupted = new Promise<string>((resolve) => stop = () => resolve("SIGINT"));
  const t = testContext({ env, interrupted });
  const done = runEmulator(t.ctx, { port: 0, ...flags });
  const ready = (async () => {
    // A guard against a hang (not a timing assertion): give up after about 5 s.
    for (let i = 0; i < 500 && !/Ctrl-C/.test(t.stdout()); i++) {
      await Promise.race([done.catch(() => {}), new Promise((r) => setTimeout(r, 10))]);
    }
    return /(http:\/\/127\.0\.0\.1:\d+)/.exec(t.stdout())?.[1] ?? "";
  })();
  return { t, done, ready, stop };
}

async function signIn(url: string): Promise<{ apiKey: string; token: string }> {
  const res = await fetch(`${url}/v1/auth`, {
    method: "POST",
    body: JSON.stringify({
      authKeyId: "keyId-emulator00000000000000000001",
      authKey: "secret-emulator0000000000000000000000000000000000000000000000000001",
    }),
  });
  assert.equal(res.status, 200);
  return await res.json();
}

async function get(url: string, path: string, auth: { apiKey: string; token: string }) {
  const res = await fetch(`${url}${path}`, {
    headers: { "x-soracom-api-key": auth.apiKey, "x-soracom-token": auth.token },
  });
  return { status: res.status, body: await res.json() };
}

Deno.test("emulator: prints the endpoint and a profile command, serves, and stops at Ctrl-C", async () => {
  const run = running({ sims: 3 });
  const url = await run.ready;
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const out = run.t.stdout();
  assert.match(out, /3 SIMs, seed 1; state in memory/);
  assert.ok(out.includes(`soracom configure --profile emulator --auth-key-id keyId-`), out);
  assert.ok(out.includes(`--endpoint ${url}`), out);
  const auth = await signIn(url);
  assert.equal((await get(url, "/v1/subscribers", auth)).body.length, 3);
  assert.match(run.t.stdout(), /GET \/v1\/subscribers 200 listSubscribers \d+ ms/);
  run.stop();
  await run.done;
  assert.match(run.t.stdout(), /emulator stopped\n$/);
  await assert.rejects(fetch(`${url}/v1/subscribers`));
});

Deno.test("emulator: says it all in Japanese under LANG=ja", async () => {
  const run = running({}, { LANG: "ja_JP.UTF-8" });
  await run.ready;
  run.stop();
  await run.done;
  assert.match(run.t.stdout(), /SORACOM API エミュレーター/);
  assert.match(run.t.stdout(), /Ctrl-C で止まります/);
});

Deno.test("emulator: --state keeps changes across restarts, written atomically", async () => {
  const dir = await tempDir();
  try {
    const state = `${dir}/state.json`;
    const first = running({ state, sims: 5 });
    const url = await first.ready;
    const auth = await signIn(url);
    const res = await fetch(`${url}/v1/subscribers/440100000000003/update_speed_class`, {
      method: "POST",
      headers: { "x-soracom-api-key": auth.apiKey, "x-soracom-token": auth.token },
      body: JSON.stringify({ speedClass: "s1.8xfast" }),
    });
    assert.equal(res.status, 200);
    await res.body?.cancel();
    first.stop();
    await first.done;
    assert.deepEqual((await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name), ["state.json"]);
    // A new seed and SIM count are for a new state: the file's world wins.
    const second = running({ state, sims: 50, seed: 7 });
    const again = await second.ready;
    assert.match(second.t.stdout(), /5 SIMs, seed 1; state in /);
    assert.match(second.t.stdout(), /--sims and --seed count only for a new one/);
    // The session of the first run is kept too.
    const sim = await get(again, "/v1/subscribers/440100000000003", auth);
    assert.equal(sim.body.speedClass, "s1.8xfast");
    second.stop();
    await second.done;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("emulator: a broken state file is refused at start and left as it was", async () => {
  const dir = await tempDir();
  try {
    for (
      const text of [
        "{not json",
        '{"format":"something else"}',
        "[]",
        '{"format":"soracom-emulator-state","version":1}',
      ]
    ) {
      const state = `${dir}/state.json`;
      await Deno.writeTextFile(state, text);
      const t = testContext();
      await assert.rejects(
        runEmulator(t.ctx, { port: 0, state }),
        (e: unknown) =>
          e instanceof CliError && e.kind === "config" &&
          /state file .* cannot be used/.test(e.message),
      );
      assert.equal(await Deno.readTextFile(state), text);
    }
    const r = await runCliIn(["emulator", "--port", "0", "--state", `${dir}/state.json`]);
    assert.equal(r.code, 3);
    assert.match(
      r.stderr,
      /^Error: the state file .*state\.json cannot be used: not an emulator state/,
    );
    assert.equal(r.stderr.trimEnd().split("\n").length, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function runCliIn(args: string[]) {
  const t = testContext({ interrupted: Promise.resolve("SIGINT") });
  const code = await runCli(args, t.ctx);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}

Deno.test("emulator: bad flags and a broken faults file get one clear error each", async () => {
  const dir = await tempDir();
  try {
    await Deno.writeTextFile(`${dir}/faults.json`, '[{"path": "/v1/x", "status": 200}]');
    const cases: [string[], number, RegExp][] = [
      [["--port", "70000"], 2, /"--port" must be within 0-65535/],
      [["--sims", "-1"], 2, /"--sims" must be within/],
      [["--port", "many"], 2, /many/],
      [["--faults", `${dir}/faults.json`], 3, /faults file .* cannot be used: rule 0\.status/],
      [["--faults", `${dir}/none.json`], 3, /faults file .* cannot be used/],
    ];
    for (const [args, code, message] of cases) {
      const r = await runCliIn(["emulator", ...args]);
      assert.equal(r.code, code, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("emulator: a port in use is one clear error", async () => {
  const taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const r = await runCliIn(["emulator", "--port", String((taken.addr as Deno.NetAddr).port)]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /^Error: cannot listen on 127\.0\.0\.1:\d+: /);
  } finally {
    taken.close();
  }
});

Deno.test("emulator: --faults rules and --latency apply", async () => {
  const dir = await tempDir();
  try {
    await Deno.writeTextFile(
      `${dir}/faults.json`,
      JSON.stringify([{ path: "/v1/subscribers", status: 503, times: 1 }]),
    );
    const run = running({ faults: `${dir}/faults.json`, latency: 20 });
    const url = await run.ready;
    const auth = await signIn(url);
    assert.equal((await get(url, "/v1/subscribers", auth)).status, 503);
    assert.equal((await get(url, "/v1/subscribers", auth)).status, 200);
    run.stop();
    await run.done;
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
