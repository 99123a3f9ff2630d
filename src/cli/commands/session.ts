import type { CliVerb } from '../main';

export const verbs: Record<string, CliVerb> = {};
