// Which serverless VM sizes can take a session (S4), as pure rules: the series rule and the reading of
// series and quota together. Dependency-free, so the extension's wizard shows the same reading.
import type { VmSizeOption } from './types';

/** "D series or larger" (S4): anything but the A and B series, with at least 2 vCPUs. */
export function isSeriesEligible(name: string, vCPUs: number): boolean {
  const series = /^standard_([a-z]+)/i.exec(name)?.[1]?.toUpperCase() ?? '';
  return vCPUs >= 2 && series !== '' && !/^(A|B)$/.test(series);
}

/** Why a size can or cannot take a serverless session now: the one reading every front end shows. */
export type VmSizeAvailability = 'available' | 'noQuota' | 'notEligible';

export function vmSizeAvailability(v: Pick<VmSizeOption, 'seriesEligible' | 'hasQuota'>): VmSizeAvailability {
  if (!v.seriesEligible) return 'notEligible';
  return v.hasQuota ? 'available' : 'noQuota';
}

const RANK: Record<VmSizeAvailability, number> = { available: 0, noQuota: 1, notEligible: 2 };

/** Sizes that can start now first, then eligible sizes without quota, then the rest. */
export function vmSizeRank(v: Pick<VmSizeOption, 'seriesEligible' | 'hasQuota'>): number {
  return RANK[vmSizeAvailability(v)];
}
