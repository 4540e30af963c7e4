/**
 * Issue 28: `soracom mcp` as an agent's app uses it: the MCP SDK's client over
 * stdio, against the emulator. Read-only by default, a change only with the
 * user's yes, a one-time code asked of the user (never of the model), no
 * secret in anything the server says, and bad input answered without a crash.
 */

import assert from "node:assert/strict";
import { emulatorFixture, type Fixture, PROFILES } from "../helpers/fixture.ts";
import { MAIN, runSoracom, writeProfile } from "../helpers/run.ts";
import { authKey, sam } from "../helpers/accounts.ts";
import { type Answer, connectMcp, INITIALIZE, type McpSession } from "../helpers/mcp_client.ts";
import { testWhere } from "../helpers/platform.ts";
import { OUTPUT_FORMATS } from "../../src/output/formats.ts";

const SOURCE = [Deno.execPath(), "run", "--allow-all", "--quiet", MAIN];

async function setup(): Promise<Fixture> {
  const f = await emulatorFixture();
  await writeProfile(f.profiles, "key", PROFILES.authKey);
  await writeProfile(f.profiles, "mfa", PROFILES.sam);
  return f;
}

function mcp(f: Fixture, args: readonly string[], answer?: Answer): Promise<McpSession> {
  return connectMcp([...SOURCE, "mcp", ...args], f.env, answer);
}

/** The secrets of the run: the credentials, and every API key and token the emulator was sent. */
function secretsOf(f: Fixture, codes: readonly string[]): string[] {
  const sent = f.api.log.flatMap((
    r,
  ) => [r.headers["x-soracom-api-key"], r.headers["x-soracom-token"]]);
  return [authKey.authKey, sam.password, sam.mfaSecret, ...codes, ...sent]
    .filter((s): s is string => s !== undefined && s.length >= 6);
}

/** Fails naming the secret when any is in what the server said (messages and stderr). */
function assertNoSecret(session: McpSession, secrets: readonly string[]): void {
  const said = `${JSON.stringify(session.received)}\n${session.stderr()}`;
  for (const secret of secrets) assert.ok(!said.includes(secret), `a secret was shown: ${secret}`);
}

/** The command names `soracom search` lists, in order. */
function listedNames(page: string): string[] {
  return page.split("\n").flatMap((line) => {
    const m = /^ {2}(\S+(?: \S+)*?)(?: {2,}|$)/.exec(line);
    return m ? [m[1]] : [];
  });
}

const POSTS = (f: Fixture, imsi: string) =>
  f.api.count("POST", `/v1/subscribers/${imsi}/update_speed_class`);

testWhere(
  ["setsid"],
  "mcp: search, describe, read, and a change the user says yes or no to",
  async () => {
    await using f = await setup();
    const answers: ElicitAnswer[] = ["accept", "decline"];
    await using s = await mcp(f, ["--profile", "key", "--allow-write"], () => ({
      action: answers.shift() ?? "cancel",
      content: {},
    }));
    assert.equal(s.client.getServerVersion()?.name, "soracom");
    const { tools } = await s.client.listTools();
    assert.deepEqual(tools.map((t) => t.name), [
      "soracom_search",
      "soracom_describe",
      "soracom_call",
    ]);
    const call = tools.find((t) => t.name === "soracom_call")!;
    assert.deepEqual(
      [
        call.annotations?.readOnlyHint,
        call.annotations?.destructiveHint,
        call.annotations?.openWorldHint,
      ],
      [false, true, true],
    );
    assert.equal(tools[0].annotations?.readOnlyHint, true);

    // The tool finds what `soracom search` finds, in the same order.
    const found = await s.call("soracom_search", { query: "speed class" });
    assert.equal(found.isError, false, found.text);
    const names = JSON.parse(found.text).matches.map((m: { command: string }) => m.command);
    const cli = await runSoracom(["search", "speed", "class"], { env: f.env });
    assert.equal(cli.code, 0, cli.stderr);
    assert.deepEqual(names, listedNames(cli.stdout));
    assert.ok(names.includes("subscribers update-speed-class"));

    const described = JSON.parse(
      (await s.call("soracom_describe", {
        command: "subscribers update-speed-class",
      })).text,
    );
    const flag = (name: string) => described.flags.find((x: { flag: string }) => x.flag === name);
    const speed = flag("speed-class");
    assert.equal(speed.required, true);
    assert.ok(speed.values.includes("s1.fast"));
    assert.equal(described.method, "POST");
    // Our own flags' values, as the help page lists them (one source: `specChoices`).
    assert.deepEqual([flag("output").values, flag("output").default], [OUTPUT_FORMATS, "json"]);
    assert.deepEqual([flag("dry-run").values, flag("dry-run").trueMeans], [
      ["http", "curl"],
      "http",
    ]);

    const listed = await s.call("soracom_call", {
      command: "subscribers list",
      flags: { limit: 2 },
    });
    assert.equal(listed.isError, false, listed.text);
    const sims = JSON.parse(listed.text.slice(0, listed.text.lastIndexOf("]") + 1));
    assert.equal(sims.length, 2);
    assert.match(listed.text, /--last-evaluated-key \d+/);
    const imsi: string = sims[0].imsi;

    const change = {
      command: "subscribers update-speed-class",
      flags: { imsi, "speed-class": "s1.fast" },
    };
    const yes = await s.call("soracom_call", change);
    assert.equal(yes.isError, false, yes.text);
    assert.equal(JSON.parse(yes.text).speedClass, "s1.fast");
    assert.match(
      s.asked[0].message,
      new RegExp(`POST \\S+/v1/subscribers/${imsi}/update_speed_class`),
    );
    assert.match(s.asked[0].message, /"speedClass":\s*"s1.fast"/);
    assert.equal(POSTS(f, imsi), 1);

    const no = await s.call("soracom_call", change);
    assert.equal(no.isError, true);
    assert.match(no.text, /said no: nothing was sent/);
    assert.equal(POSTS(f, imsi), 1);

    // What ran and what was refused, in the client's log (MCP logging) and on stderr.
    const route = "POST /v1/subscribers/{imsi}/update_speed_class";
    assert.deepEqual(logged(s), [
      ["info", "ran subscribers list: GET /v1/subscribers"],
      ["info", `ran subscribers update-speed-class: ${route}`],
      ["notice", "refused subscribers update-speed-class: The user said no: nothing was sent."],
    ]);
    assert.match(s.stderr(), /soracom mcp: ran subscribers list: GET \/v1\/subscribers\n/);
    // At "warning" the client is told of neither.
    await s.client.setLoggingLevel("warning");
    await s.call("soracom_call", { command: "operator get" });
    await s.call("soracom_call", { command: "subscribers delete-session", flags: { imsi } });
    assert.equal(logged(s).length, 3);
    // No templates, said as an empty list.
    assert.deepEqual((await s.client.listResourceTemplates()).resourceTemplates, []);
    assert.deepEqual(s.errors, []);
    assertNoSecret(s, secretsOf(f, []));
  },
);

/** The log lines the server sent the client: level and text. */
function logged(s: McpSession): [string, string][] {
  return s.received.flatMap((m) =>
    "method" in m && m.method === "notifications/message"
      ? [[String(m.params?.level), String(m.params?.data)] as [string, string]]
      : []
  );
}

type ElicitAnswer = "accept" | "decline" | "cancel";

testWhere(["setsid"], "mcp: read-only by default, and --allow/--deny narrow it", async () => {
  await using f = await setup();
  await using s = await mcp(f, ["--profile", "key", "--deny", "sims *"]);
  const { tools } = await s.client.listTools();
  assert.equal(tools.find((t) => t.name === "soracom_call")?.annotations?.readOnlyHint, true);
  const refused = await s.call("soracom_call", {
    command: "subscribers update-speed-class",
    flags: { imsi: "440100000000000", "speed-class": "s1.fast" },
  });
  assert.equal(refused.isError, true);
  assert.match(refused.text, /read-only.*--allow-write/);
  const denied = await s.call("soracom_call", { command: "sims list" });
  assert.match(denied.text, /--deny sims \*/);
  // --dry-run sends nothing: it shows a change even here.
  const dry = await s.call("soracom_call", {
    command: "subscribers update-speed-class",
    flags: { imsi: "440100000000000", "speed-class": "s1.fast", "dry-run": true },
  });
  assert.equal(dry.isError, false, dry.text);
  assert.match(dry.text, /^POST /);
  assert.equal(f.api.log.length, 0);
  assertNoSecret(s, secretsOf(f, []));
});

testWhere(
  ["setsid"],
  "mcp: a login's one-time code is asked of the user, never the model",
  async () => {
    await using f = await setup();
    const codes: string[] = [];
    await using s = await mcp(f, ["--profile", "mfa"], (params) => {
      assert.deepEqual(
        Object.keys(params.mode === "url" ? {} : params.requestedSchema.properties),
        [
          "code",
        ],
      );
      // Made as the question arrives, so the emulator (the step either side) takes it however
      // slowly the server got here.
      codes.push(f.api.totp("sam"));
      return { action: "accept", content: { code: codes.at(-1)! } };
    });
    const listed = await s.call("soracom_call", {
      command: "subscribers list",
      flags: { limit: 1 },
    });
    assert.equal(listed.isError, false, listed.text);
    assert.equal(s.asked.length, 1);
    assert.match(s.asked[0].message, /mfa/);
    // The cached session serves the next call: nothing more is asked.
    await s.call("soracom_call", { command: "operator get" });
    assert.equal(s.asked.length, 1);
    assertNoSecret(s, secretsOf(f, codes));

    // A client that cannot ask: refused, saying how to log in instead.
    await using blind = await mcp(f, ["--profile", "mfa", "--no-session-cache"]);
    const refused = await blind.call("soracom_call", { command: "subscribers list" });
    assert.equal(refused.isError, true);
    assert.match(refused.text, /cannot ask the user/);
    assertNoSecret(blind, secretsOf(f, codes));
  },
);

/** Runs `soracom mcp` with `lines` on stdin; every line it printed on stdout, parsed. */
async function rawSession(f: Fixture, lines: readonly string[]) {
  const child = new Deno.Command(SOURCE[0], {
    args: [...SOURCE.slice(1), "mcp", "--profile", "key"],
    env: { ...f.env, DENO_DIR: (await import("../helpers/run.ts")).DENO_DIR },
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  for (const line of lines) await writer.write(new TextEncoder().encode(`${line}\n`));
  await writer.close();
  const out = await child.output();
  const stdout = new TextDecoder().decode(out.stdout);
  return {
    code: out.code,
    stderr: new TextDecoder().decode(out.stderr),
    messages: stdout.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l)),
  };
}

testWhere(
  ["setsid"],
  "mcp: bad input gets MCP errors, the server goes on, stdout is protocol only",
  async () => {
    await using f = await setup();
    const call = (id: number, name: string, args: unknown) =>
      JSON.stringify({
        jsonrpc: "2.0",
        id,
        method: "tools/call",
        params: { name, arguments: args },
      });
    const huge = call(90, "soracom_search", { query: "x".repeat(5 * 1024 * 1024) });
    const run = await rawSession(f, [
      JSON.stringify(INITIALIZE),
      JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }),
      "{not json",
      JSON.stringify({ jsonrpc: "2.0", id: 2 }),
      huge,
      call(3, "no_such_tool", {}),
      call(4, "soracom_call", { command: "subscribers list", flags: { "no-such-flag": 1 } }),
      call(5, "soracom_call", { command: "subscribrs list" }),
      call(6, "soracom_call", {
        command: "subscribers update-speed-class",
        flags: { body: "@/etc/passwd" },
      }),
      call(7, "soracom_call", { command: "subscribers list", flags: { "auth-key": "x" } }),
      call(8, "soracom_search", { query: "y".repeat(1000) }),
      call(9, "soracom_call", { command: "operator get" }),
    ]);
    assert.equal(run.code, 0, run.stderr);
    for (const m of run.messages) assert.equal(m.jsonrpc, "2.0");
    const byId = (id: unknown) => run.messages.find((m) => m.id === id);
    const nulls = run.messages.filter((m) => m.id === null).map((m) => m.error.code);
    assert.deepEqual(nulls.sort(), [-32700, -32600].sort());
    assert.equal(byId(2).error.code, -32600);
    assert.equal(byId(90), undefined); // skipped unread: said with a null id above
    assert.equal(byId(3).error.code, -32602);
    assert.match(byId(3).error.message, /^There is no tool no_such_tool/);
    assert.match(byId(4).result.content[0].text, /^Error: unknown flag: --no-such-flag/);
    assert.match(byId(5).result.content[0].text, /did you mean subscribers list/);
    assert.match(byId(6).result.content[0].text, /give the body as JSON text/);
    assert.match(byId(7).result.content[0].text, /--auth-key is not taken here/);
    assert.equal(byId(8).error.code, -32602);
    assert.equal(byId(9).result.isError, undefined, byId(9).result.content[0].text);
    assert.ok(!run.stderr.includes(authKey.authKey));

    const badFlag = await runSoracom(["mcp", "--bogus"], { env: f.env });
    assert.equal(badFlag.code, 2);
    assert.equal(badFlag.stdout, "");
    assert.match(badFlag.stderr, /^Error: unknown flag: --bogus/);

    // A profile that is not there is said at start, once, with the closest name: no server runs.
    for (
      const [name, said] of [["nosuch", /create it with/], ["kye", /did you mean .key.\?/]] as const
    ) {
      const missing = await runSoracom(["mcp", "--profile", name], { env: f.env, stdin: "" });
      assert.equal(missing.code, 3, missing.stderr);
      assert.equal(missing.stdout, "");
      assert.match(missing.stderr, new RegExp(`^Error: profile '${name}' does not exist`));
      assert.match(missing.stderr, said);
      assert.equal(missing.stderr.trimEnd().split("\n").length, 1, missing.stderr);
    }
  },
);
