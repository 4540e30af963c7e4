/**
 * `soracom mcp`: a Model Context Protocol server on stdin and stdout, for AI
 * agents: search, describe and run API operations as one profile, read-only
 * unless `--allow-write`. The server (`src/mcp/`, and the MCP SDK) is loaded
 * only when this runs, so no other command pays for it.
 *
 * @module
 */

import type { McpFlags } from "../../mcp/server.ts";
import { booleanFlag, repeatedStringFlag } from "../flags.ts";
import { type Command, defineCommand, type OwnFlags } from "../command.ts";

/** The `mcp` command. */
export function mcpCommand(): Command {
  return defineCommand<OwnFlags<McpFlags>>({
    flags: {
      "allow-write": booleanFlag(),
      allow: repeatedStringFlag("pattern"),
      deny: repeatedStringFlag("pattern"),
    },
    run: async (ctx, flags) => {
      const { serveMcp } = await import("../../mcp/server.ts");
      await serveMcp(ctx, flags);
    },
  });
}
