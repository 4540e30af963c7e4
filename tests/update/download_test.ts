/**
 * Release files on a scripted network: the hosts they may come from, the
 * redirects followed and how many, the caps on a body (declared or streamed),
 * an error answer's body read only in part, and what a failed request says.
 */
import assert from "node:assert/strict";
import { fakeContext } from "../../src/context.ts";
import { CliError } from "../../src/errors.ts";
import {
  type Fetched,
  fetchReleaseFile,
  MAX_ERROR_BODY_BYTES,
  MAX_HOPS,
  releaseSources,
} from "../../src/update/download.ts";

const BASE = "http://127.0.0.1:9";
const FILE: Fetched = { accept: "*/*", timeoutMs: 10_000, name: "SHA256SUMS", max: 16 };

/** A context whose network answers with `answer`, recording each URL asked for. */
function network(answer: (url: URL) => Response, env = { SORACOM_RELEASES_URL: BASE }) {
  const asked: string[] = [];
  const { ctx } = fakeContext({
    env,
    fetch: (req) => {
      asked.push(req.url);
      return Promise.resolve(answer(new URL(req.url)));
    },
  });
  return { ctx, asked, sources: releaseSources(ctx) };
}

async function refusal(p: Promise<unknown>): Promise<CliError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof CliError, String(e));
    return e;
  }
  assert.fail("not refused");
}

Deno.test("releaseSources: GitHub's hosts over https by default, else the one origin given", () => {
  const github = releaseSources(fakeContext().ctx);
  assert.ok(github.allows(new URL("https://github.com/o/r/releases/download/v1/x")));
  assert.ok(github.allows(new URL("https://release-assets.githubusercontent.com/x")));
  assert.ok(!github.allows(new URL("http://api.github.com/x")));
  assert.ok(!github.allows(new URL("https://github.com.example.com/x")));
  const given = releaseSources(fakeContext({ env: { SORACOM_RELEASES_URL: `${BASE}//` } }).ctx);
  assert.equal(given.base, BASE);
  assert.ok(given.allows(new URL(`${BASE}/download/x`)));
  assert.ok(!given.allows(new URL("http://127.0.0.1:10/download/x")));
  for (
    const [url, said] of [["not a url", "releasesUrlInvalid"], [
      "http://example.com",
      "releasesUrlScheme",
    ]]
  ) {
    assert.throws(
      () => releaseSources(fakeContext({ env: { SORACOM_RELEASES_URL: url } }).ctx),
      (e) => e instanceof CliError && e.kind === "usage" && e.said?.key === said,
    );
  }
});

Deno.test("fetchReleaseFile follows redirects within the sources, at most MAX_HOPS", async () => {
  const hop = (n: number) =>
    new Response(null, { status: 302, headers: { location: `/hop/${n}` } });
  const near = network((url) => {
    const n = Number(url.pathname.split("/").at(-1));
    return n < MAX_HOPS ? hop(n + 1) : new Response("sums");
  });
  assert.deepEqual(
    await fetchReleaseFile(near.ctx, near.sources, `${BASE}/hop/0`, FILE),
    new TextEncoder().encode("sums"),
  );
  assert.equal(near.asked.length, MAX_HOPS + 1);
  const far = network((url) => hop(Number(url.pathname.split("/").at(-1)) + 1));
  const e = await refusal(fetchReleaseFile(far.ctx, far.sources, `${BASE}/hop/0`, FILE));
  assert.equal(e.kind, "api");
  assert.equal(e.said?.key, "releaseUrlRefused");
  assert.equal(far.asked.length, MAX_HOPS + 1);
});

Deno.test("fetchReleaseFile refuses a body over its cap, declared or streamed", async () => {
  const declared = network(() =>
    new Response("x".repeat(17), { headers: { "content-length": "17" } })
  );
  const e = await refusal(fetchReleaseFile(declared.ctx, declared.sources, `${BASE}/a`, FILE));
  assert.equal(
    e.message,
    "SHA256SUMS is larger than 16 bytes, more than a release file can be; soracom was not changed",
  );
  const chunks = [new Uint8Array(10), new Uint8Array(10)];
  const streamed = network(() => new Response(ReadableStream.from(chunks)));
  const f = await refusal(fetchReleaseFile(streamed.ctx, streamed.sources, `${BASE}/a`, FILE));
  assert.equal(f.said?.key, "releaseTooLarge");
});

Deno.test("fetchReleaseFile quotes the start of an error answer, reading no more of it", async () => {
  let pulled = 0;
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1024;
      controller.enqueue(new TextEncoder().encode("e".repeat(1024)));
    },
  });
  const { ctx, sources } = network(() => new Response(endless, { status: 500 }));
  const e = await refusal(fetchReleaseFile(ctx, sources, `${BASE}/a`, FILE));
  assert.equal(e.kind, "api");
  assert.equal(e.status, 500);
  assert.equal(e.message, `GET ${BASE}/a: HTTP 500 ${"e".repeat(200)}…`);
  assert.ok(pulled <= MAX_ERROR_BODY_BYTES + 2048, `${pulled} bytes read`);
});

Deno.test("fetchReleaseFile: no answer is a network error without the URL's credentials", async () => {
  const { ctx } = fakeContext({
    env: { SORACOM_RELEASES_URL: BASE },
    fetch: () => Promise.reject(new TypeError("connection refused")),
  });
  const sources = releaseSources(ctx);
  const url = "http://user:secret@127.0.0.1:9/a?token=t";
  const e = await refusal(fetchReleaseFile(ctx, sources, url, FILE));
  assert.equal(e.kind, "network");
  assert.equal(e.message, `GET ${BASE}/a: connection refused`);
});
