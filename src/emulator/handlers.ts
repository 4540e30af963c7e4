/**
 * Every operation the emulator keeps state for, by operation ID, and the check
 * that the others get only IDs it knows: an IMSI, SIM ID, group, Soralet,
 * event handler, SAM user or role in the path must exist (404), even where
 * the answer itself is made up.
 *
 * @module
 */

import { AUTH_HANDLERS } from "./auth.ts";
import type { Call, Handlers } from "./call.ts";
import { EVENT_HANDLER_HANDLERS } from "./event_handlers.ts";
import { GROUP_HANDLERS, groupOf } from "./groups.ts";
import { HARVEST_HANDLERS } from "./harvest.ts";
import { OPERATOR_HANDLERS } from "./operators.ts";
import { SIM_HANDLERS, simOf } from "./sims.ts";
import { SORALET_HANDLERS, soraletOf } from "./soralets.ts";
import { SAM_HANDLERS } from "./users.ts";
import { notFound } from "./errors.ts";

/** The operations with state, by operation ID. */
export const HANDLERS: Handlers = {
  ...AUTH_HANDLERS,
  ...OPERATOR_HANDLERS,
  ...SAM_HANDLERS,
  ...SIM_HANDLERS,
  ...GROUP_HANDLERS,
  ...HARVEST_HANDLERS,
  ...SORALET_HANDLERS,
  ...EVENT_HANDLER_HANDLERS,
};

/** Throws a 404 when the path names a resource of the emulator that does not exist. */
export function requireKnownIds(call: Call): void {
  const path = call.path;
  if (path.imsi !== undefined || path.sim_id !== undefined) simOf(call);
  if (path.group_id !== undefined) groupOf(call);
  if (path.soralet_id !== undefined) soraletOf(call);
  if (path.handler_id !== undefined) {
    const found = call.world.data.eventHandlers.some((h) =>
      h.handlerId === path.handler_id && h.operatorId === call.session?.operatorId
    );
    if (!found) throw notFound("eventHandler", path.handler_id);
  }
  if (path.operator_id !== undefined && path.user_name !== undefined) {
    call.world.user(path.operator_id, path.user_name);
  }
  if (path.operator_id !== undefined && path.role_id !== undefined) {
    const operator = call.world.operator(path.operator_id);
    if (!operator.roles.some((r) => r.roleId === path.role_id)) {
      throw notFound("role", path.role_id);
    }
  }
}
