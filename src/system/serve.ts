/**
 * Serving HTTP and waiting for Ctrl-C, for `soracom emulator`.
 *
 * @module
 */

import type { Served, ServeOptions } from "../context.ts";

/** Serves on `options`' address until its signal aborts; a failing handler gives a 500. */
export function serveHttp(
  options: ServeOptions,
  handler: (request: Request) => Promise<Response>,
): Promise<Served> {
  try {
    const server = Deno.serve({
      hostname: options.hostname,
      port: options.port,
      signal: options.signal,
      onListen: () => {},
      onError: () => new Response(null, { status: 500 }),
    }, handler);
    return Promise.resolve({
      hostname: server.addr.hostname,
      port: server.addr.port,
      finished: server.finished,
    });
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Settles at the first SIGINT or SIGTERM (SIGINT only on Windows), with its name. */
export function interrupted(): Promise<string> {
  const signals: Deno.Signal[] = Deno.build.os === "windows" ? ["SIGINT"] : ["SIGINT", "SIGTERM"];
  return new Promise((resolve) => {
    const handlers = signals.map((signal) => {
      const handler = () => {
        for (const [s, h] of handlers) Deno.removeSignalListener(s, h);
        resolve(signal);
      };
      Deno.addSignalListener(signal, handler);
      return [signal, handler] as const;
    });
  });
}
