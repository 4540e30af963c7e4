/** The emulator's refusals: status, code, and words in the request's language. */
import assert from "node:assert/strict";
import {
  alreadyExists,
  ApiError,
  badRequest,
  errorBody,
  errorResponse,
  langOf,
  notFound,
} from "../../src/emulator/errors.ts";

Deno.test("notFound and alreadyExists carry the resource's code and say it in either language", () => {
  const missing = notFound("sim", "8981");
  assert.equal(missing.status, 404);
  assert.equal(missing.code, "SEM0005");
  const en = JSON.parse(errorBody(missing, "en"));
  const ja = JSON.parse(errorBody(missing, "ja"));
  assert.equal(en.code, "SEM0005");
  assert.ok(en.message.includes("8981") && ja.message.includes("8981"));
  assert.notEqual(en.message, ja.message);
  assert.ok(alreadyExists("group", "g").status >= 400);
});

Deno.test("errorResponse: the status, JSON, and the error's own headers", async () => {
  const error = new ApiError("badRequest", () => "nope", {
    status: 429,
    headers: { "retry-after": "1" },
  });
  const response = errorResponse(error, "en");
  assert.equal(response.status, 429);
  assert.equal(response.headers.get("retry-after"), "1");
  assert.equal(response.headers.get("content-type"), "application/json");
  assert.equal((await response.json()).message, "nope");
  assert.equal(badRequest(() => "why").status, 400);
});

Deno.test("langOf reads X-Soracom-Lang: ja and ja-*, else English", () => {
  assert.equal(langOf(new Headers({ "x-soracom-lang": " JA-jp " })), "ja");
  assert.equal(langOf(new Headers({ "x-soracom-lang": "fr" })), "en");
  assert.equal(langOf(new Headers()), "en");
});
