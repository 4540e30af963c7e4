/**
 * MCP's stdio transport, through the Context: one JSON-RPC message per line on
 * stdin and stdout, nothing else on stdout. Ours rather than the SDK's (which
 * reads `node:process`), so it goes through the Context like every effect, and
 * a bad line is answered rather than dropped: a line that is not JSON gets a
 * parse error, one that is not a JSON-RPC message an invalid request, one
 * longer than {@link MAX_LINE_BYTES} is skipped with an error; the server reads
 * on in every case.
 *
 * @module
 */

// The package declares no types for its .js paths: they are its paths without .js.
// @ts-types="@modelcontextprotocol/sdk/types"
import { ErrorCode, JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";
import { concatBytes } from "../bytes.ts";
import type { Context } from "../context.ts";

/** A JSON-RPC message, as far as the transport looks into one (the SDK's `Transport` takes it). */
export interface JsonRpcMessage {
  /** Always `2.0`. */
  readonly jsonrpc: "2.0";
  /** A request's or a response's id. */
  readonly id?: string | number;
  /** A request's or a notification's method. */
  readonly method?: string;
  /** The rest: params, result or error. */
  readonly [key: string]: unknown;
}
import { messages } from "../messages.ts";

/** The longest message read: a request's arguments are small, a runaway one is not read whole. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

const NEWLINE = 0x0a;

/** The id of a message that is JSON but no JSON-RPC message, if it has a usable one. */
function idOf(value: unknown): string | number | null {
  if (value === null || typeof value !== "object" || !("id" in value)) return null;
  const id = (value as { id: unknown }).id;
  return typeof id === "string" || typeof id === "number" ? id : null;
}

/** A transport over the Context's stdin and stdout. */
export class ContextStdioTransport {
  /** A message read. */
  onmessage?: (message: JsonRpcMessage) => void;
  /** Stdin ended, or the transport was closed. */
  onclose?: () => void;
  /** Something went wrong that the protocol cannot answer. */
  onerror?: (error: Error) => void;
  #closed = false;
  /** The ids of the requests read and not yet answered. */
  readonly #unanswered = new Set<string | number>();
  /** Called when the last of them is answered. */
  #allAnswered?: () => void;
  /** Settles when stdin has ended and every line was handed on. */
  readonly #done: Promise<void>;
  #start!: () => void;

  /** Reads `ctx`'s stdin once started; answers bad lines on its stdout. */
  constructor(private readonly ctx: Context, private readonly maxLine = MAX_LINE_BYTES) {
    const started = new Promise<void>((resolve) => this.#start = resolve);
    this.#done = started.then(() => this.#read()).catch((e) => {
      this.onerror?.(e instanceof Error ? e : new Error(String(e)));
    });
  }

  /** Starts reading stdin. */
  start(): Promise<void> {
    this.#start();
    return Promise.resolve();
  }

  /**
   * Settles when stdin has ended (or the transport is closed). Answers may
   * still be sent until {@link close}: the requests read before the end are
   * answered.
   */
  finished(): Promise<void> {
    return this.#done;
  }

  /** Settles once every request read has been answered. */
  answered(): Promise<void> {
    if (this.#unanswered.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#allAnswered = resolve);
  }

  /** Writes one message as a line. */
  send(message: JsonRpcMessage): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.ctx.stdout.write(`${JSON.stringify(message)}\n`);
    if ("id" in message && message.id !== undefined && !("method" in message)) {
      this.#unanswered.delete(message.id);
      if (this.#unanswered.size === 0) this.#allAnswered?.();
    }
    return Promise.resolve();
  }

  /** Stops handing on messages. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.onclose?.();
    return Promise.resolve();
  }

  /** Splits stdin into lines, skipping those too long to read. */
  async #read(): Promise<void> {
    let parts: Uint8Array[] = [];
    let size = 0;
    let skipping = false;
    for await (const chunk of this.ctx.stdinChunks()) {
      let from = 0;
      while (from < chunk.length && !this.#closed) {
        const end = chunk.indexOf(NEWLINE, from);
        const piece = chunk.subarray(from, end < 0 ? chunk.length : end);
        from = end < 0 ? chunk.length : end + 1;
        if (!skipping) {
          size += piece.length;
          if (size > this.maxLine) {
            skipping = true;
            parts = [];
            this.#answerError(null, ErrorCode.InvalidRequest, this.#m.mcpLineTooLong(this.maxLine));
          } else parts.push(piece.slice());
        }
        if (end < 0) break;
        if (!skipping) this.#line(parts);
        parts = [];
        size = 0;
        skipping = false;
      }
      if (this.#closed) return;
    }
    if (!skipping && size > 0) this.#line(parts);
  }

  get #m() {
    return messages(this.ctx.lang);
  }

  /** Hands on one line's message, or answers why it is none. */
  #line(parts: readonly Uint8Array[]): void {
    const text = new TextDecoder().decode(concatBytes(parts)).trim();
    if (text === "") return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return this.#answerError(null, ErrorCode.ParseError, this.#m.mcpParseError);
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      return this.#answerError(idOf(value), ErrorCode.InvalidRequest, this.#m.mcpInvalidRequest);
    }
    const message = parsed.data;
    if ("id" in message && "method" in message) this.#unanswered.add(message.id);
    this.onmessage?.(message);
  }

  #answerError(id: string | number | null, code: number, message: string): void {
    // JSON-RPC answers what it cannot read with a null id; the SDK's types have no room for it.
    this.ctx.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id, error: { code, message } })}\n`);
  }
}
