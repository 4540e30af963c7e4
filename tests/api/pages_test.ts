/** Pages as an async iterator: each asked for once, the next before the current is handed on. */
import assert from "node:assert/strict";
import { fetchPages } from "../../src/api/pages.ts";
import { CliError } from "../../src/errors.ts";

const HEADER = "x-soracom-next-key";
const page = (body: string, next?: string) =>
  new Response(body, { headers: next === undefined ? {} : { [HEADER]: next } });

Deno.test("fetchPages walks the keys to the last page, asking for the next one ahead", async () => {
  const asked: (string | undefined)[] = [];
  const fetchPage = (key: string | undefined) => {
    asked.push(key);
    return Promise.resolve(
      key === undefined ? page("[1]", "a") : key === "a" ? page("[2]", "b") : page("[3]"),
    );
  };
  const got: string[] = [];
  for await (const p of fetchPages(fetchPage, HEADER)) {
    got.push(`${p.number}:${new TextDecoder().decode(p.bytes)}:${p.nextKey}`);
    assert.equal(asked.length, Math.min(p.number + 1, 3));
  }
  assert.deepEqual(got, ["1:[1]:a", "2:[2]:b", "3:[3]:"]);
  assert.deepEqual(asked, [undefined, "a", "b"]);
});

Deno.test("fetchPages hands on a page whose key was seen before, then stops", async () => {
  const numbers: number[] = [];
  await assert.rejects(async () => {
    for await (const p of fetchPages(() => Promise.resolve(page("[]", "same")), HEADER)) {
      numbers.push(p.number);
    }
  }, (e) => e instanceof CliError && e.said?.key === "fetchAllLoop");
  assert.deepEqual(numbers, [1, 2]);
});

Deno.test("fetchPages lets onError say which key a failed page was asked with", async () => {
  const fetchPage = (key: string | undefined) =>
    key === undefined ? Promise.resolve(page("[1]", "k")) : Promise.reject(new Error("down"));
  await assert.rejects(async () => {
    for await (const _ of fetchPages(fetchPage, HEADER, (_e, key) => new Error(`at ${key}`))) {
      // each page
    }
  }, { message: "at k" });
});
