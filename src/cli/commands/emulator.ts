/**
 * `soracom emulator`: a local SORACOM API for every operation, to try
 * commands and test scripts without an account. It prints where it listens
 * and a command that makes a profile for it, then a line per request, until
 * Ctrl-C. The server (`src/emulator/`) is loaded only when this runs, so no
 * other command pays for it.
 *
 * @module
 */

import type { Context } from "../../context.ts";
import { CliError } from "../../errors.ts";
import { type Messages, messages, said } from "../../messages.ts";
import { type GlobalFlagValues, integerFlag, stringFlag } from "../flags.ts";
import { type Command, defineCommand, type OwnFlags } from "../command.ts";
import type { Emulator, EmulatorOptions } from "../../emulator/server.ts";
import type { FaultRule } from "../../emulator/faults.ts";

/** The flags of `soracom emulator`. */
export interface EmulatorFlags extends GlobalFlagValues {
  /** The port to listen on. */
  readonly port?: number;
  /** The address to listen on. */
  readonly host?: string;
  /** Keep the state in this file across restarts. */
  readonly state?: string;
  /** How many SIMs a new state has. */
  readonly sims?: number;
  /** The seed of made-up data. */
  readonly seed?: number;
  /** Wait this long before each answer (ms). */
  readonly latency?: number;
  /** Fault rules (a JSON file). */
  readonly faults?: string;
}

/** The port `soracom emulator` listens on unless told otherwise. */
export const DEFAULT_EMULATOR_PORT = 8765;
/** The most SIMs `--sims` may ask for. */
const MAX_SIMS = 10_000_000;

/** A whole number within bounds, or a usage error naming the flag. */
function within(flag: string, value: number | undefined, min: number, max: number) {
  if (value !== undefined && (value < min || value > max)) {
    throw new CliError("usage", said("emulatorRange", flag, String(value), `${min}-${max}`));
  }
  return value;
}

/** The rules of `--faults FILE`, or a config error saying what is wrong with it. */
async function faultsOf(ctx: Context, path: string): Promise<FaultRule[]> {
  const { parseFaults } = await import("../../emulator/faults.ts");
  let text: string;
  try {
    text = new TextDecoder().decode(await ctx.fs.readFile(path));
  } catch (error) {
    throw new CliError("config", said("emulatorFaultsBroken", path, errorText(error)));
  }
  try {
    return parseFaults(text);
  } catch (error) {
    throw new CliError("config", said("emulatorFaultsBroken", path, errorText(error)));
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The options of the server from the flags (files resolved, bounds checked). */
async function optionsOf(ctx: Context, flags: EmulatorFlags): Promise<EmulatorOptions> {
  return {
    hostname: flags.host ?? "127.0.0.1",
    port: within("port", flags.port, 0, 65535) ?? DEFAULT_EMULATOR_PORT,
    sims: within("sims", flags.sims, 0, MAX_SIMS),
    seed: flags.seed,
    latencyMs: within("latency", flags.latency, 0, 600_000),
    faults: flags.faults === undefined ? undefined : await faultsOf(ctx, flags.faults),
    statePath: flags.state,
    record: false,
    onAnswer: (a) =>
      ctx.stdout.write(
        `${a.method} ${a.path} ${a.status}${a.operationId ? ` ${a.operationId}` : ""} ${a.ms} ms\n`,
      ),
  };
}

/** Starts the server, with its failures said as ours. */
async function start(ctx: Context, options: EmulatorOptions): Promise<Emulator> {
  const { startEmulator } = await import("../../emulator/server.ts");
  const { StateFileError } = await import("../../emulator/state_file.ts");
  try {
    return await startEmulator(ctx, options);
  } catch (error) {
    if (error instanceof StateFileError) {
      throw new CliError("config", said("emulatorStateBroken", error.path, error.why));
    }
    if (error instanceof Deno.errors.NotCapable) throw error;
    const address = `${options.hostname}:${options.port}`;
    throw new CliError("config", said("emulatorCannotListen", address, errorText(error)));
  }
}

/** What to sign in with: the first operator's AuthKey (or its root user). */
function banner(api: Emulator, flags: EmulatorFlags, m: Messages): string {
  const { data } = api.world;
  const operator = data.operators[0];
  const key = operator?.authKeys[0];
  const lines = [
    m.emulatorListening(api.url, data.simCount, data.seed, flags.state),
  ];
  if (key !== undefined) {
    lines.push(
      m.emulatorProfileIntro(operator.operatorId, key.authKeyId, key.authKey, api.url),
      m.emulatorThenTry,
    );
  }
  if (operator !== undefined) lines.push(m.emulatorRootUser(operator.email, operator.password));
  const asked = (flags.sims ?? data.simCount) !== data.simCount ||
    (flags.seed ?? data.seed) !== data.seed;
  if (asked) lines.push(m.emulatorStateWins(data.simCount, data.seed));
  if (flags.host !== undefined && !/^(127\.|::1$|localhost$)/.test(flags.host)) {
    lines.push(m.emulatorExposed(flags.host));
  }
  lines.push(m.emulatorStop, "");
  return lines.join("\n");
}

/** Runs the emulator until Ctrl-C (or SIGTERM). */
export async function runEmulator(ctx: Context, flags: EmulatorFlags): Promise<void> {
  const m = messages(ctx.lang);
  const api = await start(ctx, await optionsOf(ctx, flags));
  // Listening for Ctrl-C before saying how to stop it: a quick one still stops it cleanly.
  const stopped = ctx.interrupted();
  try {
    ctx.stdout.write(banner(api, flags, m));
    await stopped;
    ctx.stdout.write(`${m.emulatorStopped}\n`);
  } finally {
    await api.close();
  }
}

/** The `emulator` command. */
export function emulatorCommand(): Command {
  return defineCommand<OwnFlags<EmulatorFlags>>({
    flags: {
      port: integerFlag("port", "port"),
      host: stringFlag("address"),
      state: stringFlag("file"),
      sims: integerFlag("sims", "count"),
      seed: integerFlag("seed", "n"),
      latency: integerFlag("latency", "ms"),
      faults: stringFlag("file"),
    },
    run: runEmulator,
  });
}
