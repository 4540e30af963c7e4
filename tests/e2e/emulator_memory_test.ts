/**
 * `soracom emulator --sims 100000` serves `--fetch-all` of all 100,000 SIMs
 * with its JavaScript heap capped at 32 MB, twice: what it keeps does not grow
 * with what it serves (a SIM is made from its index when a page needs it).
 *
 * @module
 */

import assert from "node:assert/strict";
import { DENO_DIR, MAIN } from "../helpers/run.ts";
import { DEFAULT_OPERATOR } from "../../src/emulator/seed.ts";

/** Every page of `/v1/subscribers`, following `x-soracom-next-key`: how many SIMs came. */
async function fetchAll(url: string, auth: { apiKey: string; token: string }): Promise<number> {
  let key: string | null = null;
  let count = 0;
  do {
    const page = new URL(`${url}/v1/subscribers?limit=100`);
    if (key !== null) page.searchParams.set("last_evaluated_key", key);
    const res = await fetch(page, {
      headers: { "x-soracom-api-key": auth.apiKey, "x-soracom-token": auth.token },
    });
    assert.equal(res.status, 200);
    count += (await res.json()).length;
    key = res.headers.get("x-soracom-next-key");
  } while (key !== null);
  return count;
}

Deno.test("emulator: --fetch-all of 100,000 SIMs, twice, with the heap capped at 32 MB", async () => {
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--v8-flags=--max-old-space-size=32",
      "-A",
      MAIN,
      "emulator",
      "--sims",
      "100000",
      "--port",
      "0",
    ],
    env: { DENO_DIR, PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" },
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let banner = "";
  while (!banner.includes("Ctrl-C")) {
    const chunk = await reader.read();
    if (chunk.done) break;
    banner += chunk.value;
  }
  const reading = (async () => {
    while (!(await reader.read()).done) { /* the request lines */ }
  })();
  try {
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    assert.ok(url, banner);
    const key = DEFAULT_OPERATOR.authKeys![0];
    const res = await fetch(`${url}/v1/auth`, { method: "POST", body: JSON.stringify(key) });
    const auth = await res.json();
    assert.equal(await fetchAll(url, auth), 100_000);
    assert.equal(await fetchAll(url, auth), 100_000);
  } finally {
    child.kill("SIGINT");
    await reading;
    const status = await child.status;
    const stderr = await new Response(child.stderr).text();
    assert.equal(status.code, 0, stderr);
  }
});
