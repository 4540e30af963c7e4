/**
 * Issue 3, end to end against the emulator: paging, bodies, raw and binary
 * output, retries, enum and required errors, deprecation warnings.
 */
import assert from "node:assert/strict";
import { emulatorFixture, PROFILES } from "../helpers/fixture.ts";
import { DENO_DIR, MAIN, runSoracom, writeProfile } from "../helpers/run.ts";
import { authKey } from "../helpers/accounts.ts";
import { testWhere } from "../helpers/platform.ts";

async function setup(sims = 7) {
  const f = await emulatorFixture({ sims });
  await writeProfile(f.profiles, "default", PROFILES.authKey);
  return {
    ...f,
    run: (args: string[], extra: { env?: Record<string, string>; stdin?: string } = {}) =>
      runSoracom(args, { env: { ...f.env, ...extra.env }, stdin: extra.stdin }),
  };
}

/** Makes groups (beside the emulator's own) whose configuration holds 12345678901234567890. */
async function bigNumberGroups(t: Awaited<ReturnType<typeof setup>>, count: number) {
  for (let i = 0; i < count; i++) {
    const created = await t.run([
      "groups",
      "create",
      "--body",
      '{"configuration":{"SoracomAir":{"big":12345678901234567890}}}',
    ]);
    assert.equal(created.code, 0, created.stderr);
  }
}

const imsis = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `4401000000000${String(from + i).padStart(2, "0")}`);

testWhere(
  ["setsid", "/bin/sh"],
  "--fetch-all follows x-soracom-next-key into last_evaluated_key and prints one merged array",
  async () => {
    await using t = await setup(7);
    const all = await t.run(["subscribers", "list", "--fetch-all", "--limit", "3"]);
    assert.equal(all.code, 0, all.stderr);
    const items = JSON.parse(all.stdout);
    assert.deepEqual(items.map((s: { imsi: string }) => s.imsi), imsis(7));
    const pages = t.api.log.filter((l) => l.path === "/v1/subscribers");
    assert.equal(pages.length, 3);
    assert.deepEqual(pages.map((p) => p.query.last_evaluated_key?.[0]), [
      undefined,
      imsis(1, 2)[0],
      imsis(1, 5)[0],
    ]);
    // Byte for byte what one merged array prints as.
    const single = await t.run(["subscribers", "list", "--limit", "100"]);
    assert.deepEqual(all.stdout, single.stdout);
    // A number past 2^64 that the API keeps (a group's configuration) survives every page.
    await bigNumberGroups(t, 3);
    const groups = await t.run(["groups", "list", "--fetch-all", "--limit", "1"]);
    assert.equal(groups.code, 0, groups.stderr);
    assert.equal(groups.stdout.split("12345678901234567890").length - 1, 3);
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "--fetch-all --jsonl prints one compact, key-sorted element per line",
  async () => {
    await using t = await setup(5);
    const r = await t.run(["subscribers", "list", "--fetch-all", "--jsonl", "--limit", "2"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n");
    assert.equal(lines.length, 5);
    for (const line of lines) {
      assert.ok(!line.includes("\t") && !line.includes(": "), line);
      const keys = Object.keys(JSON.parse(line));
      assert.deepEqual(keys, [...keys].sort());
    }
    await bigNumberGroups(t, 1);
    const groups = await t.run(["groups", "list", "--fetch-all", "--jsonl", "--limit", "1"]);
    assert.equal(groups.stdout.trimEnd().split("\n").length, 2);
    assert.match(groups.stdout, /"big":12345678901234567890/);
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "an empty result is [] (and nothing with --jsonl); an empty body prints nothing",
  async () => {
    await using t = await setup(0);
    assert.equal((await t.run(["subscribers", "list", "--fetch-all"])).stdout, "[]\n");
    assert.equal((await t.run(["subscribers", "list"])).stdout, "[]\n");
    assert.equal((await t.run(["subscribers", "list", "--fetch-all", "--jsonl"])).stdout, "");
    t.api.stub("POST", "/v1/subscribers/440100000000001/activate", { status: 204 });
    const r = await t.run(["subscribers", "activate", "--imsi", "440100000000001"]);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, "", ""]);
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "a repeating x-soracom-next-key stops --fetch-all with an error, not an endless loop",
  async () => {
    await using t = await setup(7);
    t.api.setNextKeyLoop("/v1/subscribers");
    const r = await t.run(["subscribers", "list", "--fetch-all", "--limit", "2"]);
    assert.equal(r.code, 5);
    assert.match(r.stderr, /x-soracom-next-key/);
    assert.ok(t.api.count("GET", "/v1/subscribers") <= 3);
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "--body from @file and from stdin; flags overwrite its keys",
  async () => {
    await using t = await setup();
    t.api.stub("POST", "/v1/subscribers/440100000000001/update_speed_class", {
      status: 200,
      body: "{}",
    });
    const file = `${t.dir}/body.json`;
    await Deno.writeTextFile(file, `{"speedClass":"s1.slow","note":"from file"}`);
    assert.equal(
      (await t.run([
        "subscribers",
        "update-speed-class",
        "--imsi",
        "440100000000001",
        "--body",
        `@${file}`,
      ])).code,
      0,
    );
    assert.deepEqual(JSON.parse(t.api.log.at(-1)!.body), {
      note: "from file",
      speedClass: "s1.slow",
    });
    const viaStdin = await t.run(
      [
        "subscribers",
        "update-speed-class",
        "--imsi",
        "440100000000001",
        "--body",
        "-",
        "--speed-class",
        "s1.fast",
      ],
      { stdin: `{"speedClass":"s1.slow"}` },
    );
    assert.equal(viaStdin.code, 0, viaStdin.stderr);
    assert.deepEqual(JSON.parse(t.api.log.at(-1)!.body), { speedClass: "s1.fast" });
    assert.equal(t.api.log.at(-1)!.headers["content-type"], "application/json");
    const missing = await t.run([
      "subscribers",
      "update-speed-class",
      "--imsi",
      "1",
      "--body",
      "@/nonexistent.json",
    ]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /\/nonexistent\.json/);
    const bad = await t.run([
      "subscribers",
      "update-speed-class",
      "--imsi",
      "1",
      "--body",
      `{"speedClass":}`,
    ]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /invalid json format specified for `--body` parameter/);
    assert.match(bad.stderr, /line 1 column 15/);
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "array bodies and binary uploads are sent exactly as given",
  async () => {
    await using t = await setup();
    t.api.stub("PUT", "/v1/groups/g1/configuration/SoracomAir", { status: 200, body: "{}" });
    const body = `[{"key":"useCustomDns","value":true}]`;
    const r = await t.run([
      "groups",
      "put-config",
      "--group-id",
      "g1",
      "--namespace",
      "SoracomAir",
      "--body",
      body,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(t.api.log.at(-1)!.body, body);
    t.api.stub("POST", "/v1/soralets/s1/versions", { status: 200, body: "{}" });
    const wasm = `${t.dir}/code.wasm`;
    await Deno.writeFile(wasm, new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    const up = await t.run([
      "soralets",
      "upload",
      "--soralet-id",
      "s1",
      "--content-type",
      "application/octet-stream",
      "--body",
      `@${wasm}`,
    ]);
    assert.equal(up.code, 0, up.stderr);
    const logged = t.api.log.at(-1)!;
    assert.equal(logged.headers["content-type"], "application/octet-stream");
    assert.deepEqual(
      logged.body,
      new TextDecoder().decode(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])),
    );
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "--raw-output prints the body byte for byte; binary responses are written unchanged",
  async () => {
    await using t = await setup();
    const raw = `{"z":1,  "a":2}`;
    t.api.stub("GET", "/v1/soralets/raw", {
      status: 200,
      headers: { "content-type": "application/json" },
      body: raw,
    });
    const r = await t.run(["soralets", "get", "--soralet-id", "raw", "--raw-output"]);
    assert.deepEqual(r.stdout, raw);
    const jpeg = new Uint8Array([
      0xff,
      0xd8,
      0xff,
      0xe0,
      0,
      0x10,
      0x4a,
      0x46,
      0x49,
      0x46,
      0xff,
      0xd9,
    ]);
    t.api.stub("POST", "/v1/sims/8942/downlink/rtsp", {
      status: 200,
      headers: { "content-type": "image/jpeg" },
      body: jpeg,
    });
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--quiet",
        MAIN,
        "sims",
        "downlink-rtsp",
        "--sim-id",
        "8942",
      ],
      env: { ...t.env, DENO_DIR },
      stdout: "piped",
      stderr: "piped",
    });
    const out = await child.output();
    assert.deepEqual(out.stdout, jpeg, new TextDecoder().decode(out.stderr));
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "files get is always raw and follows the redirect without sending credentials to another origin",
  async () => {
    await using t = await setup();
    const seen: Headers[] = [];
    const ac = new AbortController();
    const storage = Deno.serve(
      { hostname: "127.0.0.1", port: 0, signal: ac.signal, onListen() {} },
      (req) => {
        seen.push(req.headers);
        return new Response("file content\nline 2", { headers: { "content-type": "text/plain" } });
      },
    );
    try {
      t.api.stub("GET", "/v1/files/private/dir/a.txt", {
        status: 302,
        headers: { location: `http://127.0.0.1:${storage.addr.port}/bucket/a.txt?sig=1` },
      });
      // The profile's own headers: secret-named ones stay with the API, the others follow.
      await writeProfile(t.profiles, "default", {
        ...PROFILES.authKey,
        headers: {
          "Authorization": "Bearer partner-secret",
          "X-Partner-Token": "partner-token",
          "Cookie": "session=abc",
          "X-Request-Source": "ci",
        },
      });
      const r = await t.run(["files", "get", "--path", "/dir/a.txt"]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, "file content\nline 2");
      assert.equal(seen.length, 1);
      for (
        const name of [
          "x-soracom-api-key",
          "x-soracom-token",
          "authorization",
          "x-partner-token",
          "cookie",
        ]
      ) {
        assert.equal(seen[0].get(name), null, name);
      }
      assert.equal(seen[0].get("x-request-source"), "ci");
      // The API itself got them all.
      const call = t.api.log.find((l) => l.path === "/v1/files/private/dir/a.txt")!;
      assert.equal(call.headers["authorization"], "Bearer partner-secret");
      assert.equal(call.headers["x-partner-token"], "partner-token");
    } finally {
      ac.abort();
      await storage.finished;
    }
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "export commands print the body exactly (signed URLs untouched)",
  async () => {
    await using t = await setup();
    const body = `{"url":"https://example.com/x.csv?a=1&b=2"}`;
    t.api.stub("POST", "/v1/bills/latest/export", {
      status: 200,
      headers: { "content-type": "application/json" },
      body,
    });
    const r = await t.run(["bills", "export-latest"]);
    assert.deepEqual([r.code, r.stdout], [0, body]);
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "retries: 503 then success is retried; 429 honours Retry-After; --no-retry-on-error makes one attempt",
  async () => {
    await using t = await setup();
    t.api.injectFault({ method: "GET", path: "/v1/soralets" }, { kind: "status", status: 503 }, 1);
    const r = await t.run(["soralets", "list"], { env: { SORACOM_VERBOSE: "1" } });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.api.count("GET", "/v1/soralets"), 2);
    assert.match(r.stderr, /retrying in/);
    t.api.injectFault({ method: "GET", path: "/v1/soralets" }, {
      kind: "status",
      status: 429,
      headers: { "retry-after": "0" },
      body: `{"code":"RATE","message":"slow down"}`,
    }, 2);
    assert.equal((await t.run(["soralets", "list"])).code, 0);
    assert.equal(t.api.count("GET", "/v1/soralets"), 5);
    t.api.injectFault({ method: "GET", path: "/v1/soralets" }, {
      kind: "status",
      status: 503,
      body: `{"code":"X503","message":"down"}`,
    }, 1);
    const once = await t.run(["soralets", "list", "--no-retry-on-error"]);
    assert.equal(once.code, 5);
    assert.equal(once.stderr, `Error: {"code":"X503","message":"down"}\n`);
    assert.equal(t.api.count("GET", "/v1/soralets"), 6);
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "enum values are checked before any request and the error lists them; required errors too",
  async () => {
    await using t = await setup();
    const bad = await t.run([
      "stats",
      "air",
      "get",
      "--imsi",
      "1",
      "--from",
      "1",
      "--to",
      "2",
      "--period",
      "week",
    ]);
    assert.equal(bad.code, 2);
    assert.equal(
      bad.stderr,
      `Error: invalid value "week" for "--period": allowed values are month, day, minutes\n`,
    );
    const req = await t.run(["stats", "air", "get", "--imsi", "1", "--from", "1", "--to", "2"]);
    assert.equal(req.stderr, "Error: required parameter 'period' is not specified\n");
    const body = await t.run(["subscribers", "update-speed-class", "--imsi", "1"]);
    assert.equal(
      body.stderr,
      "Error: required parameter 'speedClass' in body (or command line option 'speed-class') is not specified\n",
    );
    assert.equal(t.api.log.length, 0); // not even a login
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "deprecated operations warn on stderr with the alternative command",
  async () => {
    await using t = await setup();
    t.api.stub("GET", "/v1/query/subscribers", { status: 200, body: "[]" });
    const r = await t.run(["query", "subscribers"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /WARN: Deprecated API calling\./);
    assert.match(r.stderr, /query sims/);
    assert.equal(r.stdout, "[]\n");
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "SORACOM_VERBOSE shows requests and responses with every secret hidden",
  async () => {
    await using t = await setup();
    const r = await t.run(["soralets", "list"], { env: { SORACOM_VERBOSE: "1" } });
    assert.equal(r.code, 0);
    assert.match(r.stderr, /POST /);
    assert.match(r.stderr, /X-Soracom-API-Key: <hidden>/);
    assert.match(r.stderr, /"authKey":"<hidden>"/);
    assert.match(r.stderr, /"token":"<hidden>"/);
    assert.ok(!r.stderr.includes(authKey.authKey));
    const files = await t.sessionFiles();
    const session = JSON.parse(await Deno.readTextFile(`${t.sessions}/${files[0]}`));
    assert.ok(!r.stderr.includes(session.token));
    assert.ok(!r.stderr.includes(session.apiKey));
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "command and group at once: auth and auth switch-user, query subscribers and its traffic-volume-ranking",
  async () => {
    await using t = await setup();
    t.api.stub("GET", "/v1/query/subscribers/traffic_volume/ranking", { status: 200, body: "[]" });
    const r = await t.run([
      "query",
      "subscribers",
      "traffic-volume-ranking",
      "--from",
      "1",
      "--to",
      "2",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.api.log.at(-1)!.path, "/v1/query/subscribers/traffic_volume/ranking");
    const alias = await t.run(["query", "traffic-ranking", "--from", "1", "--to", "2"]);
    assert.equal(alias.code, 0, alias.stderr);
    assert.equal(t.api.log.at(-1)!.path, "/v1/query/subscribers/traffic_volume/ranking");
  },
);
