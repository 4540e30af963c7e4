/** Serving HTTP for `soracom emulator`, and waiting for a signal. */
import assert from "node:assert/strict";
import { serveHttp } from "../../src/system/serve.ts";
import { testWhere } from "../helpers/platform.ts";

Deno.test("serveHttp serves until its signal aborts; a failing handler answers 500", async () => {
  const stop = new AbortController();
  const served = await serveHttp(
    { hostname: "127.0.0.1", port: 0, signal: stop.signal },
    (req) =>
      new URL(req.url).pathname === "/fail"
        ? Promise.reject(new Error("x"))
        : Promise.resolve(new Response("ok")),
  );
  const base = `http://${served.hostname}:${served.port}`;
  assert.equal(await (await fetch(`${base}/`)).text(), "ok");
  const failed = await fetch(`${base}/fail`);
  await failed.body?.cancel();
  assert.equal(failed.status, 500);
  stop.abort();
  await served.finished;
});

Deno.test("serveHttp refuses an address it cannot listen on", async () => {
  const stop = new AbortController();
  const first = await serveHttp(
    { hostname: "127.0.0.1", port: 0, signal: stop.signal },
    () => Promise.resolve(new Response()),
  );
  await assert.rejects(
    serveHttp(
      { hostname: "127.0.0.1", port: first.port, signal: stop.signal },
      () => Promise.resolve(new Response()),
    ),
  );
  stop.abort();
  await first.finished;
});

testWhere(["posix-modes"], "interrupted settles with the signal's name", async () => {
  const script = `import { interrupted } from ${
    JSON.stringify(new URL("../../src/system/serve.ts", import.meta.url).href)
  };
const signal = interrupted();
console.log("ready");
console.log(await signal);`;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", script],
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let out = "";
  while (!out.includes("ready\n")) out += (await reader.read()).value ?? "";
  child.kill("SIGTERM");
  for (let r = await reader.read(); !r.done; r = await reader.read()) out += r.value;
  assert.equal(out, "ready\nSIGTERM\n");
  assert.equal((await child.status).code, 0);
});
