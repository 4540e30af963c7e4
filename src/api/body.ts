/**
 * Reading a response's body, never more than is meant to be held: whole (up
 * to {@link MAX_RESPONSE_BYTES}) to be printed as JSON or values, chunk by
 * chunk straight to the output when it is written as it came (no limit,
 * nothing held), or only its start for an error message.
 *
 * @module
 */

import { collectPrefix } from "../bytes.ts";
import type { Output } from "../context.ts";
import { CliError } from "../errors.ts";
import { said } from "../messages.ts";

/**
 * The most of one response (or one page) held in memory to print it. API
 * answers are a few MB at most; `--raw-output` writes a larger one as it comes.
 */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** The most of a body read as text: a login's reply, an error's message. */
export const MAX_TEXT_BYTES = 1024 * 1024;

/** The network error for a body whose connection broke part way. */
function cutOff(e: unknown): CliError {
  const why = (e instanceof Error ? e.message : String(e)).split("\n")[0];
  return new CliError("network", said("responseCutOff", why), { cause: e });
}

/**
 * Reads a whole body; a connection that breaks mid-body is a network error,
 * not a crash.
 *
 * @throws CliError (`limit`) past `max` bytes, having read no further
 */
export async function readBody(
  response: Response,
  max: number = MAX_RESPONSE_BYTES,
): Promise<Uint8Array> {
  const tooLarge = () =>
    new CliError("limit", said("responseOverCap", Math.round(max / (1024 * 1024))));
  // A body that says its length is no longer than that (HTTP holds it to it), and is read in one
  // go: a page of --fetch-all costs what it did. One compressed, or of no said length, is counted.
  const length = response.headers.get("content-length");
  const stated = length === null || response.headers.has("content-encoding") ? NaN : Number(length);
  const declared = Number.isSafeInteger(stated) ? stated : undefined;
  if (declared !== undefined && declared > max) {
    await response.body?.cancel();
    throw tooLarge();
  }
  try {
    if (declared !== undefined) return new Uint8Array(await response.arrayBuffer());
    const read = await collectPrefix(response.body ?? [], max);
    if (read.complete) return read.bytes;
  } catch (e) {
    throw cutOff(e);
  }
  throw tooLarge();
}

/**
 * At most `max` bytes of a body, as text (an error's message, a login reply):
 * what comes after is not read. A body the network cuts off reads as empty.
 */
export async function bodyText(response: Response, max: number): Promise<string> {
  const read = await collectPrefix(response.body ?? [], max).catch(() => undefined);
  return read === undefined ? "" : new TextDecoder().decode(read.bytes);
}

/**
 * Writes a body to `out` chunk by chunk as it comes, so any size passes
 * through in constant memory (`--raw-output`, a file download).
 */
export async function writeBody(out: Output, response: Response): Promise<void> {
  const reader = response.body?.getReader();
  if (reader === undefined) return;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (e) {
      throw cutOff(e);
    }
    if (chunk.done) return;
    out.write(chunk.value);
  }
}
