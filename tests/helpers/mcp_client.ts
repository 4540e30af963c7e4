/**
 * `soracom mcp` driven as an agent's app drives it: the MCP SDK's own client
 * over stdio, spawning the server, with every message both ways and the
 * server's stderr kept for the tests to read.
 *
 * @module
 */

import { Client } from "@modelcontextprotocol/sdk/client";
// @ts-types="@modelcontextprotocol/sdk/client/stdio"
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport";
// @ts-types="@modelcontextprotocol/sdk/types"
import {
  type CallToolResult,
  type ElicitRequest,
  ElicitRequestSchema,
  type ElicitResult,
  type JSONRPCMessage,
} from "@modelcontextprotocol/sdk/types.js";
import { DENO_DIR } from "./run.ts";

/** A transport that keeps every message it carries, and every error it meets. */
class Recording implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  constructor(
    private readonly inner: Transport,
    readonly received: JSONRPCMessage[],
    readonly sent: JSONRPCMessage[],
    readonly errors: Error[],
  ) {
    inner.onmessage = (m) => {
      received.push(m);
      this.onmessage?.(m);
    };
    inner.onclose = () => this.onclose?.();
    inner.onerror = (e) => {
      errors.push(e);
      this.onerror?.(e);
    };
  }
  start() {
    return this.inner.start();
  }
  send(message: JSONRPCMessage) {
    this.sent.push(message);
    return this.inner.send(message);
  }
  close() {
    return this.inner.close();
  }
}

/** The first message a client sends, as raw JSON-RPC, for tests that write lines by hand. */
export const INITIALIZE = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "t", version: "1" },
  },
} as const;

/** A connected client and what went between it and the server. */
export interface McpSession extends AsyncDisposable {
  readonly client: Client;
  /** Every message the server sent. */
  readonly received: JSONRPCMessage[];
  /** Every message the client sent. */
  readonly sent: JSONRPCMessage[];
  /** What the client could not read (anything on stdout that is no message). */
  readonly errors: Error[];
  /** The elicitations the server asked, in order. */
  readonly asked: ElicitRequest["params"][];
  /** Everything the server wrote on stderr so far. */
  stderr(): string;
  /** Calls a tool; its text and whether it is an error. */
  call(name: string, args: Record<string, unknown>): Promise<{ text: string; isError: boolean }>;
}

/** How the client answers an elicitation; none: the client declares no elicitation. */
export type Answer = (params: ElicitRequest["params"]) => ElicitResult;

/** Spawns `soracom mcp ARGS` (`deno run` of `argv`) with `env` and connects the SDK's client. */
export async function connectMcp(
  argv: readonly string[],
  env: Record<string, string>,
  answer?: Answer,
): Promise<McpSession> {
  const transport = new StdioClientTransport({
    command: argv[0],
    args: [...argv.slice(1)],
    env: { DENO_DIR, NO_COLOR: "1", ...env },
    stderr: "pipe",
  });
  let stderr = "";
  const decoder = new TextDecoder();
  transport.stderr?.on("data", (d: Uint8Array) => stderr += decoder.decode(d));
  const received: JSONRPCMessage[] = [];
  const sent: JSONRPCMessage[] = [];
  const errors: Error[] = [];
  const asked: ElicitRequest["params"][] = [];
  const client = new Client(
    { name: "soracom-tests", version: "1.0.0" },
    { capabilities: answer ? { elicitation: { form: {} } } : {} },
  );
  if (answer) {
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params);
      return answer(request.params);
    });
  }
  await client.connect(new Recording(transport, received, sent, errors));
  return {
    client,
    received,
    sent,
    errors,
    asked,
    stderr: () => stderr,
    async call(name, args) {
      const result = await client.callTool({ name, arguments: args }) as CallToolResult;
      const text = result.content.map((c) => c.type === "text" ? c.text : "").join("");
      return { text, isError: result.isError === true };
    },
    [Symbol.asyncDispose]: () => client.close(),
  };
}
