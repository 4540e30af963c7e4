/**
 * Runs the SORACOM emulator on its own until SIGINT or SIGTERM.
 *
 * ```sh
 * deno run --allow-net tests/fake_soracom/main.ts [--port N] [--subscribers N]
 * ```
 *
 * Prints one line, `listening on http://127.0.0.1:PORT`.
 *
 * @module
 */

import { startFakeSoracom } from "./server.ts";

/** The standalone server's settings from argv. */
export interface MainOptions {
  port: number;
  subscriberCount?: number;
}

/**
 * Reads `--port N` / `--port=N` and `--subscribers N` / `--subscribers=N`.
 *
 * @example
 * ```ts ignore
 * parseMainArgs(["--port", "8080"]); // { port: 8080 }
 * ```
 */
export function parseMainArgs(args: readonly string[]): MainOptions {
  const options: MainOptions = { port: 0 };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split("=", 2);
    const value = () => {
      const raw = inline ?? args[++i];
      const n = Number(raw);
      if (raw === undefined || !Number.isInteger(n) || n < 0) {
        throw new Error(`${flag} needs a non-negative integer, got ${raw}`);
      }
      return n;
    };
    if (flag === "--port") options.port = value();
    else if (flag === "--subscribers") options.subscriberCount = value();
    else throw new Error(`unknown argument: ${args[i]}`);
  }
  return options;
}

if (import.meta.main) {
  const options = parseMainArgs(Deno.args);
  const fake = await startFakeSoracom({
    port: options.port,
    subscriberCount: options.subscriberCount,
  });
  console.log(`listening on ${fake.url}`);
  const signals: Deno.Signal[] = ["SIGINT", "SIGTERM"];
  const stop = () => {
    for (const signal of signals) Deno.removeSignalListener(signal, stop);
    void fake.close();
  };
  for (const signal of signals) Deno.addSignalListener(signal, stop);
}
