/** The HTTP layer in-process: retry schedule and budget on a fake clock, verbose redaction. */
import assert from "node:assert/strict";
import { CliError } from "../../src/errors.ts";
import { testContext } from "../helpers/context.ts";
import { redactUrl, send } from "../../src/api/http.ts";
import { redactText } from "../../src/redact.ts";

function clocked(respond: (attempt: number, advance: (ms: number) => void) => Response) {
  let now = 0;
  let attempt = 0;
  const sleeps: number[] = [];
  const t = testContext({
    env: { SORACOM_VERBOSE: "1" },
    now: () => now,
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    fetch: () => Promise.resolve(respond(attempt++, (ms) => now += ms)),
  });
  return { t, sleeps, attempts: () => attempt };
}

const req = { method: "GET", url: "http://127.0.0.1:1/v1/x", headers: [] as [string, string][] };

Deno.test("5xx: five attempts with growing, jittered waits, each reported under SORACOM_VERBOSE", async () => {
  const { t, sleeps, attempts } = clocked(() => new Response("down", { status: 503 }));
  const res = await send(t.ctx, req, { retry: true });
  assert.equal(res.status, 503);
  assert.equal(attempts(), 5);
  assert.equal(sleeps.length, 4);
  sleeps.forEach((ms, i) => {
    const ceiling = 1000 * 2 ** i;
    if (ms < ceiling / 2 || ms > ceiling) throw new Error(`wait ${i} was ${ms}`);
  });
  assert.equal(t.stderr().split("retrying in").length - 1, 4);
});

Deno.test("the retry budget counts time spent in requests, not only the waits", async () => {
  const { t, attempts } = clocked((_n, advance) => {
    advance(40_000); // each attempt takes 40 s before failing
    return new Response("", { status: 502 });
  });
  const res = await send(t.ctx, req, { retry: true });
  assert.equal(res.status, 502);
  // 40 s, wait, 81 s, wait, 123 s: no attempt starts once 90 s are spent (5 without the budget).
  assert.equal(attempts(), 3);
});

Deno.test("429 honours Retry-After; --no-retry-on-error makes one attempt; 4xx is never retried", async () => {
  const a = clocked((n) =>
    n === 0
      ? new Response("", { status: 429, headers: { "retry-after": "3" } })
      : new Response("ok")
  );
  assert.equal((await send(a.t.ctx, req, { retry: true })).status, 200);
  assert.deepEqual(a.sleeps, [3000]);
  const b = clocked(() => new Response("", { status: 503 }));
  assert.equal((await send(b.t.ctx, req, { retry: false })).status, 503);
  assert.equal(b.attempts(), 1);
  const c = clocked(() => new Response("", { status: 404 }));
  assert.equal((await send(c.t.ctx, req, { retry: true })).status, 404);
  assert.equal(c.attempts(), 1);
});

Deno.test("verbose redaction: secrets by field name, not identifiers or numbers; signed URLs", () => {
  assert.deepEqual(
    JSON.parse(
      redactText(
        `{"authKeyId":"keyId-1","authKeySecret":"s","authKey":"k","tokenTimeoutSeconds":900,"nested":[{"password":"p","registrationSecret":"r","apiKey":"a"}]}`,
      ),
    ),
    {
      authKeyId: "keyId-1",
      authKeySecret: "<hidden>",
      authKey: "<hidden>",
      tokenTimeoutSeconds: 900,
      nested: [{ password: "<hidden>", registrationSecret: "<hidden>", apiKey: "<hidden>" }],
    },
  );
  assert.match(redactText(`password=hunter2&user=x`), /password=<hidden>/);
  // Numbers are shown as written (a 20-digit one is not rounded); escaped keys are read right.
  assert.equal(
    redactText(
      `{"n":12345678901234567890,"x":1.50,"pass\\u0077ord":"p","a":{"a":0,"x":0},"\\n":0}`,
    ),
    `{"\\n":0,"a":{"a":0,"x":0},"n":12345678901234567890,"password":"<hidden>","x":1.50}`,
  );
  assert.equal(
    redactUrl("https://bucket.example/a.txt?X-Amz-Signature=abc&X-Amz-Credential=def&part=1"),
    "https://bucket.example/a.txt?X-Amz-Signature=hidden&X-Amz-Credential=hidden&part=1",
  );
});

Deno.test("SORACOM_VERBOSE hides headers named like secrets (a profile's own headers too), not the others", async () => {
  const { t } = clocked(() =>
    new Response("{}", { headers: { "set-cookie": "session=s3", "x-request-id": "r-1" } })
  );
  const headers: [string, string][] = [
    ["X-Api-Key", "k-secret-1"],
    ["X-Partner-Token", "t-secret-2"],
    ["Cookie", "c-secret-3"],
    ["Proxy-Authorization", "Basic p-secret-4"],
    ["X-Client-Secret", "c-secret-5"],
    ["X-Trace", "visible-6"],
    ["X-Api-Key-Id", "id-7"],
  ];
  await send(t.ctx, { ...req, headers }, { retry: false });
  const dump = t.stderr();
  for (
    const secret of ["k-secret-1", "t-secret-2", "c-secret-3", "p-secret-4", "c-secret-5", "s3"]
  ) {
    assert.ok(!dump.includes(secret), `${secret} shown in:\n${dump}`);
  }
  assert.match(dump, /X-Trace: visible-6/);
  assert.match(dump, /X-Api-Key-Id: id-7/);
  assert.match(dump, /x-request-id: r-1/);
  assert.match(dump, /X-Api-Key: <hidden>/);
});

Deno.test("a TLS failure or a malformed header is not retried, and the header's value is not shown", async () => {
  let attempts = 0;
  const tls = testContext({
    fetch: () => {
      attempts++;
      return Promise.reject(
        new TypeError("client error (Connect)", {
          cause: new Error("invalid peer certificate: UnknownIssuer"),
        }),
      );
    },
    sleep: () => Promise.resolve(),
  });
  const e = await Promise.resolve().then(() => send(tls.ctx, req, { retry: true })).then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(e instanceof CliError, String(e));
  assert.equal(attempts, 1);
  assert.match(e.message, /TLS error/);
  // A profile header with a line break in it: Request refuses it before any fetch.
  let fetched = 0;
  const bad = testContext({ fetch: () => Promise.resolve(new Response(String(++fetched))) });
  const crlf = { ...req, headers: [["X-Token", "s3cr3t\r\nX-Evil: 1"]] as [string, string][] };
  const err = await Promise.resolve().then(() => send(bad.ctx, crlf, { retry: true })).then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(err instanceof CliError, String(err));
  assert.match(err.message, /a header holds a character no header may/);
  assert.doesNotMatch(err.message, /s3cr3t/);
  assert.equal(fetched, 0);
});

/** The CliError `promise` rejects with. */
async function refusal(promise: Promise<unknown>): Promise<CliError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof CliError, String(e));
    return e;
  }
  throw new Error("expected a rejection");
}

Deno.test("no response: the error names the call and the host, and says whether it was retried", async () => {
  const failing = (message: string) => {
    let attempts = 0;
    const t = testContext({
      sleep: () => Promise.resolve(),
      fetch: () => {
        attempts++;
        return Promise.reject(
          new TypeError("error sending request", { cause: new Error(message) }),
        );
      },
    });
    return { t, attempts: () => attempts };
  };
  const login = {
    method: "POST",
    url: "https://api.soracom.io/v1/auth?x=1",
    headers: [] as [string, string][],
  };
  // A name that does not resolve is not retried: offline, waiting would not mend it.
  const dns = failing(
    "dns error: failed to lookup address information: Temporary failure in name resolution",
  );
  const e = await refusal(send(dns.t.ctx, login, { retry: true }));
  assert.equal(dns.attempts(), 1);
  assert.equal(
    e.textIn("en"),
    "POST /v1/auth at api.soracom.io: the host name does not resolve (not retried: waiting would not mend it)",
  );
  assert.equal(
    e.textIn("ja"),
    "api.soracom.io への POST /v1/auth: ホスト名を解決できません（待っても直らないため再試行していません）",
  );
  assert.match(e.hint ?? "", /network connection, and the endpoint/);
  // A refused connection is retried, and the error says how often.
  const refused = failing("tcp connect error: Connection refused (os error 111)");
  const r = await refusal(send(refused.t.ctx, login, { retry: true }));
  assert.equal(refused.attempts(), 5);
  assert.equal(
    r.textIn("en"),
    "POST /v1/auth at api.soracom.io: connection refused (tried 5 times)",
  );
  assert.equal(
    r.textIn("ja"),
    "api.soracom.io への POST /v1/auth: 接続を拒否されました（5 回試しました）",
  );
  const off = failing("tcp connect error: Connection refused (os error 111)");
  const o = await refusal(send(off.t.ctx, login, { retry: false }));
  assert.match(o.textIn("en"), /\(not retried: --no-retry-on-error\)$/);
  // Anything else keeps the library's words inside our own sentence.
  const odd = failing("something odd");
  const d = await refusal(send(odd.t.ctx, login, { retry: false }));
  assert.match(
    d.textIn("ja"),
    /: リクエストが失敗しました（something odd）（--no-retry-on-error/,
  );
});
