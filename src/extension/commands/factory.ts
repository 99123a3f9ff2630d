// The shape every command has: a factory over the context, called with whatever its caller passes.
import type { Ctx } from '../ctx';

/**
 * A command: made once over the context, then called with whatever its caller passes (a tree node, a
 * codelens's flow folder URI, an explorer Uri, or nothing from the palette).
 */
export type CommandFactory = (ctx: Ctx) => (arg?: unknown) => Promise<unknown>;
