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

/** Names compared as a person reads them: digit runs by their value, so D2 comes before D11. */
export function compareNatural(a: string, b: string): number {
  const pa = a.toLowerCase().match(/\d+|\D+/g) ?? [];
  const pb = b.toLowerCase().match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const [x, y] = [pa[i], pb[i]];
    const digits = /^\d/.test(x) && /^\d/.test(y);
    const c = digits ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (c) return c;
  }
  return pa.length - pb.length;
}

/** The sizes of one quota family (ARM's `family`), which share its free vCPUs. */
export interface VmSizeGroup {
  family: string;
  quotaAvailable: number;
  sizes: VmSizeOption[];
}

/**
 * Sizes grouped by family for a picker: families with a size that can start now first, then those
 * without quota, then the ineligible ones; D series first within each (the usual choice for a flow),
 * then by family name; sizes in a family by their number (D2, D4, D11), as the names read.
 */
export function groupVmSizes(sizes: VmSizeOption[]): VmSizeGroup[] {
  const groups = new Map<string, VmSizeGroup>();
  for (const s of sizes) {
    const g = groups.get(s.family) ?? { family: s.family, quotaAvailable: s.quotaAvailable, sizes: [] };
    g.sizes.push(s);
    groups.set(s.family, g);
  }
  const best = (g: VmSizeGroup) => Math.min(...g.sizes.map(vmSizeRank));
  const dFirst = (g: VmSizeGroup) => (/^standardD/i.test(g.family) ? 0 : 1);
  for (const g of groups.values()) g.sizes.sort((a, b) => compareNatural(a.name, b.name));
  return [...groups.values()].sort((a, b) => best(a) - best(b) || dFirst(a) - dFirst(b) || compareNatural(a.family, b.family));
}
