/**
 * `--query`, `--output`, `--dry-run`, the page hints and `soracom api`, end
 * to end on the emulator: what a user types, what they read.
 */

import { emulatorFixture, type Fixture, PROFILES } from "../helpers/fixture.ts";
import { runInProcess, type TestContextOptions } from "../helpers/context.ts";
import { DENO_DIR, MAIN, writeProfile } from "../helpers/run.ts";
import { systemEnv, testWhere } from "../helpers/platform.ts";
import { authKey } from "../helpers/accounts.ts";
import { parse as parseYaml } from "yaml";
import assert from "node:assert/strict";
import { runInPty } from "../helpers/pty.ts";
import { kinsokuFault } from "../helpers/kinsoku.ts";
import { displayWidth } from "../../src/output/table.ts";

async function setup(sims = 7): Promise<Fixture> {
  const t = await emulatorFixture({ sims });
  await writeProfile(t.profiles, "default", PROFILES.authKey);
  return t;
}

function run(t: Fixture, args: string[], options: TestContextOptions = {}) {
  return runInProcess(args, { env: t.env, ...options });
}

const imsi = (n: number) => `4401000000000${String(n).padStart(2, "0")}`;

testWhere(
  ["/bin/sh"],
  "--query picks from one page; --fetch-all streams an element-wise query",
  async () => {
    await using t = await setup();
    const page = await run(t, ["subscribers", "list", "--limit", "2", "--query", "[].imsi"]);
    assert.equal(page.code, 0, page.stderr);
    assert.deepEqual(JSON.parse(page.stdout), [imsi(0), imsi(1)]);
    assert.equal(page.stdout, `[\n\t"${imsi(0)}",\n\t"${imsi(1)}"\n]\n`);
    const all = await run(t, [
      "subscribers",
      "list",
      "--fetch-all",
      "--limit",
      "3",
      "--query",
      "[?imsi=='440100000000005'].{imsi: imsi, speed: speedClass}",
    ]);
    assert.equal(all.code, 0, all.stderr);
    assert.deepEqual(JSON.parse(all.stdout), [{ imsi: imsi(5), speed: "s1.fast" }]);
    // A query over the whole list sees every page.
    const count = await run(t, [
      "subscribers",
      "list",
      "--fetch-all",
      "--limit",
      "3",
      "--query",
      "length(@)",
    ]);
    assert.equal(count.stdout, "7\n");
    assert.deepEqual(t.api.count("GET", "/v1/subscribers"), 1 + 3 + 3);
  },
);

testWhere(["/bin/sh"], "a bad --query is a usage error before any login or request", async () => {
  await using t = await setup();
  const r = await run(t, ["subscribers", "list", "--query", "[?"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Error: invalid --query '\[\?'/);
  assert.equal(t.api.log.length, 0);
  const ja = await run(t, ["subscribers", "list", "--query", "[?"], {
    env: { ...t.env, LANG: "ja_JP.UTF-8" },
  });
  assert.match(ja.stderr, /は JMESPath の式として正しくありません/);
});

testWhere(
  ["/bin/sh"],
  "--output csv, text, table, yaml and jsonl print the same list their ways",
  async () => {
    await using t = await setup(3);
    const q = ["--query", "[].{imsi: imsi, name: tags.name, status: status}"];
    const csv = await run(t, ["subscribers", "list", ...q, "--output", "csv"]);
    assert.deepEqual(
      csv.stdout,
      "imsi,name,status\r\n" +
        [0, 1, 2].map((n) => `${imsi(n)},sim-000000${String(n).padStart(2, "0")},active\r\n`).join(
          "",
        ),
    );
    const text = await run(t, [
      "subscribers",
      "list",
      "--query",
      "[].[imsi, status]",
      "--output",
      "text",
    ]);
    assert.deepEqual(text.stdout, [0, 1, 2].map((n) => `${imsi(n)}\tactive\n`).join(""));
    const table = await run(t, ["subscribers", "list", ...q, "--output", "table"]);
    assert.equal(table.stdout.split("\n")[0], "IMSI             NAME          STATUS");
    assert.equal(table.stdout.split("\n").length, 5);
    const yaml = await run(t, ["subscribers", "list", ...q, "--output", "yaml"]);
    assert.deepEqual(
      parseYaml(yaml.stdout),
      JSON.parse((await run(t, ["subscribers", "list", ...q])).stdout),
    );
    const jsonl = await run(t, ["subscribers", "list", "--output", "jsonl", "--query", "[].imsi"]);
    assert.deepEqual(jsonl.stdout, [0, 1, 2].map((n) => `"${imsi(n)}"\n`).join(""));
    // Without --query, --output json and jsonl are soracom-cli's bytes.
    const plain = await run(t, ["subscribers", "list"]);
    assert.deepEqual(
      (await run(t, ["subscribers", "list", "--output", "json"])).stdout,
      plain.stdout,
    );
    assert.deepEqual(
      (await run(t, ["subscribers", "list", "--output", "jsonl"])).stdout,
      (await run(t, ["subscribers", "list", "--jsonl"])).stdout,
    );
  },
);

testWhere(["/bin/sh"], "--output table fits the terminal, cutting the widest columns", async () => {
  await using t = await setup(2);
  // Six columns, some wide: they cannot all fit in 80 columns as they are.
  const query =
    "[].{imsi: imsi, iccid: iccid, msisdn: msisdn, serial: serialNumber, session: sessionStatus, tags: tags}";
  const r = await run(t, ["subscribers", "list", "--query", query, "--output", "table"], {
    terminalWidth: 80,
  });
  assert.equal(r.code, 0, r.stderr);
  for (const line of r.stdout.trimEnd().split("\n")) assert.ok(line.length <= 80, line);
  assert.match(r.stdout, /…/);
});

testWhere(
  ["/bin/sh"],
  "--raw-output with --query or --output is refused; an unknown format lists the formats",
  async () => {
    await using t = await setup();
    const raw = await run(t, ["subscribers", "list", "--raw-output", "--output", "csv"]);
    assert.equal(raw.code, 2);
    assert.match(raw.stderr, /--raw-output prints the response as it came/);
    const bad = await run(t, ["subscribers", "list", "--output", "xml"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /json, jsonl, table, yaml, csv, text/);
  },
);

testWhere(
  ["/bin/sh"],
  "--dry-run prints the request, hides the session, sends nothing and logs in to nothing",
  async () => {
    await using t = await setup();
    const http = await run(t, ["subscribers", "list", "--limit", "2", "--dry-run"]);
    assert.equal(http.code, 0, http.stderr);
    const lines = http.stdout.split("\n");
    assert.equal(lines[0], `GET ${t.api.url}/v1/subscribers?limit=2`);
    assert.match(http.stdout, /X-Soracom-API-Key: <hidden>\n/);
    assert.match(http.stderr, /nothing was sent/);
    const curl = await run(t, [
      "operator",
      "update-password",
      "--current-password",
      "hunter2",
      "--new-password",
      "correct horse",
      "--dry-run=curl",
    ]);
    assert.equal(curl.code, 0, curl.stderr);
    assert.ok(
      curl.stdout.includes(
        `curl -X POST "${t.api.url}/v1/operators/$SORACOM_OPERATOR_ID/password"`,
      ),
    );
    assert.match(curl.stdout, /-H "X-Soracom-API-Key: \$SORACOM_API_KEY"/);
    assert.doesNotMatch(curl.stdout, /hunter2/);
    assert.doesNotMatch(curl.stdout, /correct horse/);
    assert.ok(!curl.stdout.includes(authKey.authKey));
    assert.equal(t.api.log.length, 0);
  },
);

testWhere(
  ["/bin/sh"],
  "on a terminal, a page with more items says how to get them; elsewhere nothing",
  async () => {
    await using t = await setup();
    const tty = await run(t, ["subscribers", "list", "--limit", "2"], { stderrIsTerminal: true });
    assert.equal(
      tty.stderr,
      `hint: more items on the server: add --fetch-all, or go on with --last-evaluated-key ${
        imsi(1)
      }\n`,
    );
    const piped = await run(t, ["subscribers", "list", "--limit", "2"]);
    assert.equal(piped.stderr, "");
    const last = await run(t, ["subscribers", "list"], { stderrIsTerminal: true });
    assert.equal(last.stderr, "");
  },
);

testWhere(
  ["/bin/sh"],
  "a --fetch-all that fails after its first page names the key to resume with",
  async () => {
    await using t = await setup();
    let lists = 0;
    const fetch = (req: Request) => {
      if (new URL(req.url).pathname === "/v1/subscribers" && ++lists === 2) {
        return Promise.resolve(
          new Response(`{"code":"ERR0001","message":"boom"}`, {
            status: 500,
            headers: { "content-type": "application/json" },
          }),
        );
      }
      return globalThis.fetch(req);
    };
    const r = await run(t, [
      "subscribers",
      "list",
      "--fetch-all",
      "--limit",
      "3",
      "--no-retry-on-error",
    ], { fetch });
    assert.equal(r.code, 5, r.stderr);
    assert.ok(
      r.stderr.includes(
        `hint: the pages before it were printed; resume with --last-evaluated-key ${imsi(2)}`,
      ),
    );
    assert.ok(r.stdout.includes(imsi(2)));
  },
);

testWhere(
  ["/bin/sh", "jq"],
  "soracom api: MFA login once, the cached session after, fields, pages and output",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "mfa", PROFILES.opWithOtpCommand);
    const first = await run(t, [
      "api",
      "GET",
      "/subscribers",
      "--profile",
      "mfa",
      "--field",
      "limit=2",
      "--query",
      "[].imsi",
    ]);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), [imsi(0), imsi(1)]);
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
    const again = await run(t, [
      "api",
      "GET",
      "/v1/subscribers?limit=1",
      "--profile",
      "mfa",
      "--output",
      "text",
      "--query",
      "[].[imsi]",
    ]);
    assert.equal(again.stdout, `${imsi(0)}\n`);
    assert.equal(t.api.count("POST", "/v1/auth"), 1, "the session was cached");
    const pages = await run(t, [
      "api",
      "GET",
      "/subscribers",
      "--profile",
      "mfa",
      "--paginate",
      "--field",
      "limit=3",
      "--output",
      "jsonl",
      "--query",
      "[].imsi",
    ]);
    assert.equal(pages.stdout.trim().split("\n").length, 7);
    t.api.stub("PUT", `/v1/subscribers/${imsi(0)}/tags`, {
      status: 200,
      body: `{"tags":{"room":"101"}}`,
    });
    const put = await run(t, [
      "api",
      "PUT",
      `/subscribers/${imsi(0)}/tags`,
      "--body",
      `[{"tagName":"room","tagValue":"101"}]`,
      "--query",
      "tags.room",
    ]);
    assert.equal(put.code, 0, put.stderr);
    assert.equal(put.stdout, `"101"\n`);
    const sent = t.api.log.at(-1)!;
    assert.deepEqual([sent.method, sent.body], ["PUT", `[{"tagName":"room","tagValue":"101"}]`]);
    assert.equal(sent.headers["content-type"], "application/json");
  },
);

testWhere(["/bin/sh"], "soracom api refuses what it cannot send, before logging in", async () => {
  await using t = await setup();
  for (
    const [args, says] of [
      [["api", "FETCH", "/subscribers"], "'FETCH' is not an HTTP method"],
      [["api", "GET", "subscribers"], "the path must start with /"],
      [["api", "POST", "/x", "--field", "novalue"], "key=value"],
      [["api", "POST", "/x", "--field", "a=1", "--body", "{}"], "cannot go with --body"],
      [["api", "GET"], "takes a method and a path"],
    ] as const
  ) {
    const r = await run(t, [...args]);
    assert.equal(r.code, 2, args.join(" "));
    assert.ok(r.stderr.includes(says));
  }
  const typed = await run(t, [
    "api",
    "POST",
    "/x",
    "--field",
    "n=3",
    "--field",
    "ok=true",
    "--raw-field",
    "s=3",
    "--dry-run",
  ]);
  assert.match(typed.stdout, /\{"n":3,"ok":true,"s":"3"\}/);
  assert.equal(t.api.log.length, 0);
});

/** A child that runs the CLI and reports its own peak memory (VmHWM) on its last stderr line. */
const PEAK_RUNNER = `
import { runCli } from ${
  JSON.stringify(new URL(MAIN, "file:").href.replace("main.ts", "src/cli/app.ts"))
};
import { realContext } from ${
  JSON.stringify(new URL(MAIN, "file:").href.replace("main.ts", "src/system/real.ts"))
};
const code = await runCli(Deno.args, realContext());
const status = await Deno.readTextFile("/proc/self/status");
console.error("peak-kb " + /VmHWM:\\s+(\\d+)/.exec(status)[1]);
Deno.exit(code);
`;

testWhere(
  ["/bin/sh", "setsid"],
  "--fetch-all of 20,000 as --output csv streams: every row out, under 150 MB",
  async () => {
    await using t = await setup(20_000);
    const runner = `${t.dir}/peak.ts`;
    await Deno.writeTextFile(runner, PEAK_RUNNER);
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        "--quiet",
        runner,
        "subscribers",
        "list",
        "--fetch-all",
        "--limit",
        "100",
        "--output",
        "csv",
      ],
      env: { ...systemEnv(), ...t.env, DENO_DIR, PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" },
      clearEnv: true,
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stderr = new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, stderr);
    const lines = new TextDecoder().decode(out.stdout).split("\r\n");
    assert.deepEqual(lines.length, 1 + 20_000 + 1, "a header, 20,000 rows and the last CRLF");
    assert.equal(lines[1].split(",")[0].length > 0, true);
    const peakMb = Number(/peak-kb (\d+)/.exec(stderr)![1]) / 1024;
    assert.ok(peakMb < 150, `peak ${peakMb.toFixed(1)} MB`);
  },
);

testWhere(
  ["/bin/sh", "script"],
  "on a terminal, what is said about the output comes after it: columns left out, more items",
  async () => {
    await using t = await setup(4);
    for (const [columns, lang] of [[40, "en"], [80, "ja"]] as const) {
      const env = { ...t.env, ...(lang === "ja" ? { LANG: "ja_JP.UTF-8" } : {}) };
      const args = ["subscribers", "list", "--limit", "2", "--output", "table"];
      const { code, screen } = await runInPty(args, env, [], { columns });
      assert.equal(code, 0, screen);
      const table = screen.indexOf(imsi(1));
      const leftOut = screen.indexOf(
        lang === "en" ? "hint: not shown:" : "ヒント: 表示していない項目:",
      );
      const more = screen.indexOf(
        lang === "en" ? "hint: more items" : "サーバーにはまだ続きがあります",
      );
      assert.ok(table >= 0 && table < leftOut && leftOut < more, screen);
    }
  },
);

testWhere(
  ["/bin/sh", "script"],
  "on a terminal of 40 columns, the hints after a table and auth status's wrap to it, in both languages",
  async () => {
    await using t = await setup(4);
    for (const lang of ["en", "ja"] as const) {
      const env = { ...t.env, ...(lang === "ja" ? { LANG: "ja_JP.UTF-8" } : {}) };
      const hint = lang === "en" ? "hint: " : "ヒント: ";
      for (
        const args of [
          ["subscribers", "list", "--limit", "2", "--output", "table"],
          ["auth", "status", "--all"],
        ]
      ) {
        const { code, screen } = await runInPty(args, env, [], { columns: 40 });
        assert.ok(code === 0 || code === 1, screen); // auth status: 1 without a session
        const lines = screen.replaceAll("\r", "").trimEnd().split("\n");
        const hints = lines.findIndex((l) => l.startsWith(hint));
        assert.ok(hints > 0, screen);
        // Every line fits: the terminal never breaks one itself, mid-word or before a 。.
        for (const line of lines) {
          assert.ok(displayWidth(line) <= 40, `${lang}: ${JSON.stringify(line)}\n${screen}`);
        }
        // A hint goes on indented, each line by the line-breaking rules of its language.
        for (const line of lines.slice(hints)) {
          assert.ok(line.startsWith(hint) || line.startsWith("  "), screen);
          assert.equal(kinsokuFault(line), undefined, `${lang}: ${line}\n${screen}`);
        }
        assert.ok(lines.length - hints > 2, screen); // wrapped, not one line a hint
      }
    }
  },
);

testWhere(
  ["/bin/sh", "script"],
  "--fetch-all into a file shows its progress and clears it; into a pipe shows none",
  async () => {
    await using t = await setup(5);
    const args = ["subscribers", "list", "--fetch-all", "--limit", "2", "--output", "csv"];
    const file = await runInPty(args, t.env, [], { stdout: `> "${t.dir}/out.csv"` });
    assert.equal(file.code, 0, file.screen);
    assert.equal(
      file.screen,
      "\rfetched 1 page, 2 items\rfetched 2 pages, 4 items\rfetched 3 pages, 5 items\r\x1b[K",
    );
    assert.equal((await Deno.readTextFile(`${t.dir}/out.csv`)).split("\r\n").length, 7);
    const pipe = await runInPty(args, t.env, [], { stdout: "| cat" });
    assert.equal(pipe.code, 0, pipe.screen);
    assert.ok(!pipe.screen.includes("fetched") && !pipe.screen.includes("\x1b"), pipe.screen);
  },
);
