/** `POST /auth` and `/auth/switch_user` on a scripted network: bodies, codes, refusals. */
import assert from "node:assert/strict";
import { authBodyOf, hasCredentials, login, switchUser } from "../../src/auth/login.ts";
import { fakeContext } from "../../src/context.ts";
import { CliError } from "../../src/errors.ts";

const target = {
  endpoint: "https://api.example.com",
  lang: "en",
  extraHeaders: {},
  retry: false,
} as const;
const session = { apiKey: "api-key-1234", token: "token-abcdefgh", operatorId: "OP0000000001" };

/** A network answering each request with the next of `answers`, recording the bodies sent. */
function network(...answers: Response[]) {
  const sent: { url: string; body: Record<string, unknown> }[] = [];
  const fake = fakeContext({
    fetch: async (req) => {
      sent.push({ url: req.url, body: await req.json() });
      return answers.shift() ?? new Response("no more", { status: 500 });
    },
  });
  return { ...fake, sent };
}

Deno.test("authBodyOf sends a profile's credentials under the API's names", () => {
  const body = authBodyOf({
    username: "sam",
    operatorId: "OP1",
    password: "pw",
    coverageType: "jp",
  });
  assert.deepEqual(body, { userName: "sam", operatorId: "OP1", password: "pw" });
  assert.equal(hasCredentials(body), true);
  assert.equal(hasCredentials({ authKeyId: "k" }), false);
  assert.equal(hasCredentials({ email: "a@example.com", password: "pw" }), true);
});

Deno.test("login posts the credentials and the flag's code; the session's secrets are hidden from then on", async () => {
  const t = network(Response.json(session));
  const got = await login(t.ctx, target, { authKeyId: "k", authKey: "secret-k" }, {
    flag: "123456",
    label: "default",
  });
  assert.equal(got.apiKey, "api-key-1234");
  assert.equal(got.mfa, true);
  assert.equal(t.sent[0].url, "https://api.example.com/v1/auth");
  assert.deepEqual(t.sent[0].body, { authKeyId: "k", authKey: "secret-k", mfaOTPCode: "123456" });
  t.ctx.stderr.write("secret-k token-abcdefgh\n");
  assert.ok(!/secret-k|token-abcdefgh/.test(t.stderr()), t.stderr());
});

Deno.test("a refused login is an auth error with the API's words; without a terminal no code is asked", async () => {
  const refusal = () =>
    new Response('{"code":"AUM0001","message":"bad credentials"}', { status: 401 });
  const t = network(refusal());
  await assert.rejects(
    login(t.ctx, target, { email: "a@example.com", password: "pw" }, { label: "default" }),
    (e) =>
      e instanceof CliError && e.kind === "auth" && e.status === 401 &&
      e.message.includes("bad credentials"),
  );
  assert.equal(t.sent.length, 1);
  assert.deepEqual(t.asked, []);
});

Deno.test("switchUser sends the target and a lifetime only within 180..3600 seconds", async () => {
  const t = network(Response.json(session), Response.json(session));
  await switchUser(t.ctx, target, { ...session, expiresAt: 0 }, {
    operatorId: "OP2",
    userName: "u",
    tokenTimeoutSeconds: 60,
  });
  await switchUser(t.ctx, target, { ...session, expiresAt: 0 }, {
    operatorId: "OP2",
    userName: "u",
    tokenTimeoutSeconds: 900,
  });
  assert.equal(t.sent[0].url, "https://api.example.com/v1/auth/switch_user");
  assert.deepEqual(t.sent[0].body, { operatorId: "OP2", userName: "u" });
  assert.deepEqual(t.sent[1].body, { operatorId: "OP2", userName: "u", tokenTimeoutSeconds: 900 });
});
