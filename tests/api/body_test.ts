import assert from "node:assert/strict";
import { bodyText, readBody, writeBody } from "../../src/api/body.ts";
import { CliError } from "../../src/errors.ts";
import { fakeContext } from "../../src/context.ts";

/** A response whose body is `count` chunks of `size` bytes, counting how many were read. */
function chunked(count: number, size: number) {
  const read = { chunks: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (read.chunks === count) return controller.close();
      read.chunks++;
      controller.enqueue(new Uint8Array(size).fill(0x61));
    },
    cancel() {
      read.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { response: new Response(body), read };
}

Deno.test("a body past the cap is refused as a limit, having read no further", async () => {
  const { response, read } = chunked(1000, 1024);
  const e = await readBody(response, 10 * 1024).catch((e) => e);
  assert.ok(e instanceof CliError);
  assert.equal(e.kind, "limit");
  assert.equal(e.exitCode, 8);
  assert.ok(read.chunks <= 12 && read.cancelled, `${read.chunks} chunks read`);
  assert.equal((await readBody(chunked(3, 4).response, 12)).length, 12);
});

Deno.test("an error's text is its start only; a broken body is empty", async () => {
  const { response, read } = chunked(1000, 1024);
  assert.equal(await bodyText(response, 5), "aaaaa");
  assert.ok(read.cancelled);
  const broken = new Response(
    new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode("par"));
        c.error(new Error("reset"));
      },
    }),
  );
  assert.equal(await bodyText(broken, 100), "");
});

Deno.test("a body written as it comes goes out chunk by chunk; a cut is a network error", async () => {
  const fake = fakeContext();
  await writeBody(fake.ctx.stdout, chunked(3, 2).response);
  assert.equal(fake.stdout(), "aaaaaa");
  const broken = new Response(
    new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode("par"));
        c.error(new Error("connection reset"));
      },
    }),
  );
  const e = await writeBody(fake.ctx.stdout, broken).catch((e) => e);
  assert.ok(e instanceof CliError);
  assert.equal(e.kind, "network");
  assert.equal(e.message, "the response was cut off: connection reset");
});
