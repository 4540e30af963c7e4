/**
 * Asking on the real terminal, from a child whose stdin is a pipe and which
 * has no terminal (setsid): an answer piped in is read line by line and no
 * question is shown; a secret or a question that needs a person gets none.
 */
import assert from "node:assert/strict";
import { testWhere } from "../helpers/platform.ts";

const TERMINAL = new URL("../../src/system/terminal.ts", import.meta.url).href;
const STREAMS = new URL("../../src/system/streams.ts", import.meta.url).href;

/** Runs `prompt` twice with `options` in a child without a terminal, `stdin` piped in. */
async function promptInChild(
  stdin: string,
  options: string,
): Promise<{ out: string; err: string }> {
  const script = `import { prompt } from ${JSON.stringify(TERMINAL)};
import { outputFor } from ${JSON.stringify(STREAMS)};
const stderr = outputFor(Deno.stderr);
const first = await prompt(stderr, "Q1? ", ${options});
const second = await prompt(stderr, "Q2? ", ${options});
console.log(JSON.stringify([first ?? null, second ?? null]));`;
  const child = new Deno.Command("setsid", {
    args: [Deno.execPath(), "eval", script],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(stdin));
  await writer.close();
  const { stdout, stderr } = await child.output();
  return { out: new TextDecoder().decode(stdout), err: new TextDecoder().decode(stderr) };
}

testWhere(
  ["setsid"],
  "a piped answer is read a line at a time, without showing the question",
  async () => {
    const { out, err } = await promptInChild("yes\r\nno\n", "{ stdinOk: true }");
    assert.equal(out, '["yes","no"]\n');
    assert.equal(err, "");
  },
);

testWhere(["setsid"], "without a terminal, a question that needs one gets no answer", async () => {
  const { out } = await promptInChild("yes\n", "{ secret: true, stdinOk: true }");
  assert.equal(out, "[null,null]\n");
});
