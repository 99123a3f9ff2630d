// The VM sizes a region offers to Azure ML, as `locations/{loc}/vmSizes` lists them, with the vCPU quota
// family (`usages[].name.value`) of each. A real region lists hundreds of sizes across the general
// purpose, memory, compute, storage, GPU and HPC series; the emulator serves the same breadth so that
// clients meet sizes such as `Standard_D2` or `Standard_E4ds_v4` as they would in Azure.
import type { VmSizeRecord } from './state';

/** [name suffix after `Standard_`, vCPUs, memory GB, GPUs]. */
type Size = [string, number, number, number?];

interface Series {
  family: string;
  /** Default vCPU quota of the family in a new subscription (GPU, M and HPC families start at 0). */
  quota: number;
  premiumIO: boolean;
  sizes: Size[];
}

/** The D/E v4–v5 size ladders share their vCPU counts; memory per vCPU differs by series. */
const ladder = (pattern: string, vcpus: number[], gbPerVcpu: number, cap?: Record<number, number>): Size[] =>
  vcpus.map((n) => [pattern.replace('#', String(n)), n, cap?.[n] ?? n * gbPerVcpu]);

const V4 = [2, 4, 8, 16, 32, 48, 64];
const V4A = [2, 4, 8, 16, 32, 48, 64, 96];
const V5 = [2, 4, 8, 16, 32, 48, 64, 96];
const E_V4 = [2, 4, 8, 16, 20, 32, 48, 64];
const E_V5 = [2, 4, 8, 16, 20, 32, 48, 64, 96, 104];

const SERIES: Series[] = [
  {
    family: 'standardAv2Family',
    quota: 8,
    premiumIO: false,
    sizes: [
      ['A1_v2', 1, 2],
      ['A2_v2', 2, 4],
      ['A4_v2', 4, 8],
      ['A8_v2', 8, 16],
      ['A2m_v2', 2, 16],
      ['A4m_v2', 4, 32],
      ['A8m_v2', 8, 64],
    ],
  },
  {
    family: 'standardBSFamily',
    quota: 4,
    premiumIO: true,
    sizes: [
      ['B1s', 1, 1],
      ['B1ms', 1, 2],
      ['B2s', 2, 4],
      ['B2ms', 2, 8],
      ['B4ms', 4, 16],
      ['B8ms', 8, 32],
      ['B12ms', 12, 48],
      ['B16ms', 16, 64],
      ['B20ms', 20, 80],
    ],
  },
  {
    family: 'standardDFamily',
    quota: 24,
    premiumIO: false,
    sizes: [
      ['D1', 1, 3.5],
      ['D2', 2, 7],
      ['D3', 4, 14],
      ['D4', 8, 28],
      ['D11', 2, 14],
      ['D12', 4, 28],
      ['D13', 8, 56],
      ['D14', 16, 112],
    ],
  },
  {
    family: 'standardDSFamily',
    quota: 24,
    premiumIO: true,
    sizes: [
      ['DS1', 1, 3.5],
      ['DS2', 2, 7],
      ['DS3', 4, 14],
      ['DS4', 8, 28],
      ['DS11', 2, 14],
      ['DS12', 4, 28],
      ['DS13', 8, 56],
      ['DS14', 16, 112],
    ],
  },
  {
    family: 'standardDv2Family',
    quota: 24,
    premiumIO: false,
    sizes: [
      ['D1_v2', 1, 3.5],
      ['D2_v2', 2, 7],
      ['D3_v2', 4, 14],
      ['D4_v2', 8, 28],
      ['D5_v2', 16, 56],
      ['D11_v2', 2, 14],
      ['D12_v2', 4, 28],
      ['D13_v2', 8, 56],
      ['D14_v2', 16, 112],
      ['D15_v2', 20, 140],
    ],
  },
  {
    family: 'standardDSv2Family',
    quota: 24,
    premiumIO: true,
    sizes: [
      ['DS1_v2', 1, 3.5],
      ['DS2_v2', 2, 7],
      ['DS3_v2', 4, 14],
      ['DS4_v2', 8, 28],
      ['DS5_v2', 16, 56],
      ['DS11_v2', 2, 14],
      ['DS11-1_v2', 1, 14],
      ['DS12_v2', 4, 28],
      ['DS12-1_v2', 1, 28],
      ['DS12-2_v2', 2, 28],
      ['DS13_v2', 8, 56],
      ['DS13-2_v2', 2, 56],
      ['DS13-4_v2', 4, 56],
      ['DS14_v2', 16, 112],
      ['DS14-4_v2', 4, 112],
      ['DS14-8_v2', 8, 112],
      ['DS15_v2', 20, 140],
    ],
  },
  { family: 'standardDv3Family', quota: 24, premiumIO: false, sizes: ladder('D#_v3', V4, 4) },
  { family: 'standardDSv3Family', quota: 48, premiumIO: true, sizes: ladder('D#s_v3', V4, 4) },
  { family: 'standardDv4Family', quota: 24, premiumIO: false, sizes: ladder('D#_v4', V4, 4) },
  { family: 'standardDSv4Family', quota: 24, premiumIO: true, sizes: ladder('D#s_v4', V4, 4) },
  { family: 'standardDDv4Family', quota: 24, premiumIO: false, sizes: ladder('D#d_v4', V4, 4) },
  { family: 'standardDDSv4Family', quota: 24, premiumIO: true, sizes: ladder('D#ds_v4', V4, 4) },
  { family: 'standardDAv4Family', quota: 24, premiumIO: false, sizes: ladder('D#a_v4', V4A, 4) },
  { family: 'standardDASv4Family', quota: 24, premiumIO: true, sizes: ladder('D#as_v4', V4A, 4) },
  { family: 'standardDv5Family', quota: 24, premiumIO: false, sizes: ladder('D#_v5', V5, 4) },
  { family: 'standardDSv5Family', quota: 24, premiumIO: true, sizes: ladder('D#s_v5', V5, 4) },
  { family: 'standardDDv5Family', quota: 24, premiumIO: false, sizes: ladder('D#d_v5', V5, 4) },
  { family: 'standardDDSv5Family', quota: 24, premiumIO: true, sizes: ladder('D#ds_v5', V5, 4) },
  { family: 'standardDASv5Family', quota: 24, premiumIO: true, sizes: ladder('D#as_v5', V5, 4) },
  { family: 'standardDADSv5Family', quota: 24, premiumIO: true, sizes: ladder('D#ads_v5', V5, 4) },
  { family: 'standardEv3Family', quota: 8, premiumIO: false, sizes: ladder('E#_v3', [2, 4, 8, 16, 20, 32, 48, 64], 8, { 64: 432 }) },
  {
    family: 'standardESv3Family',
    quota: 8,
    premiumIO: true,
    sizes: [...ladder('E#s_v3', [2, 4, 8, 16, 20, 32, 48, 64], 8, { 64: 432 }), ['E64is_v3', 64, 432]],
  },
  { family: 'standardEv4Family', quota: 8, premiumIO: false, sizes: ladder('E#_v4', E_V4, 8, { 64: 504 }) },
  { family: 'standardESv4Family', quota: 8, premiumIO: true, sizes: ladder('E#s_v4', E_V4, 8, { 64: 504 }) },
  { family: 'standardEDv4Family', quota: 8, premiumIO: false, sizes: ladder('E#d_v4', E_V4, 8, { 64: 504 }) },
  { family: 'standardEDSv4Family', quota: 8, premiumIO: true, sizes: ladder('E#ds_v4', E_V4, 8, { 64: 504 }) },
  { family: 'standardEAv4Family', quota: 8, premiumIO: false, sizes: ladder('E#a_v4', [...E_V4, 96], 8, { 96: 672 }) },
  { family: 'standardEASv4Family', quota: 8, premiumIO: true, sizes: ladder('E#as_v4', [...E_V4, 96], 8, { 96: 672 }) },
  { family: 'standardEv5Family', quota: 8, premiumIO: false, sizes: ladder('E#_v5', E_V5, 8, { 96: 672, 104: 672 }) },
  { family: 'standardESv5Family', quota: 8, premiumIO: true, sizes: ladder('E#s_v5', E_V5, 8, { 96: 672, 104: 672 }) },
  { family: 'standardEDv5Family', quota: 8, premiumIO: false, sizes: ladder('E#d_v5', E_V5, 8, { 96: 672, 104: 672 }) },
  { family: 'standardEDSv5Family', quota: 8, premiumIO: true, sizes: ladder('E#ds_v5', E_V5, 8, { 96: 672, 104: 672 }) },
  {
    family: 'standardFFamily',
    quota: 24,
    premiumIO: false,
    sizes: [
      ['F1', 1, 2],
      ['F2', 2, 4],
      ['F4', 4, 8],
      ['F8', 8, 16],
      ['F16', 16, 32],
    ],
  },
  {
    family: 'standardFSFamily',
    quota: 24,
    premiumIO: true,
    sizes: [
      ['F1s', 1, 2],
      ['F2s', 2, 4],
      ['F4s', 4, 8],
      ['F8s', 8, 16],
      ['F16s', 16, 32],
    ],
  },
  { family: 'standardFSv2Family', quota: 24, premiumIO: true, sizes: ladder('F#s_v2', [2, 4, 8, 16, 32, 48, 64, 72], 2) },
  {
    family: 'standardMSFamily',
    quota: 0,
    premiumIO: true,
    sizes: [
      ['M8ms', 8, 218.75],
      ['M16ms', 16, 437.5],
      ['M32ts', 32, 192],
      ['M32ls', 32, 256],
      ['M32ms', 32, 875],
      ['M64s', 64, 1024],
      ['M64ls', 64, 512],
      ['M64ms', 64, 1792],
      ['M128s', 128, 2048],
      ['M128ms', 128, 3892],
    ],
  },
  { family: 'standardLSv2Family', quota: 0, premiumIO: true, sizes: ladder('L#s_v2', [8, 16, 32, 48, 64, 80], 8) },
  { family: 'standardLSv3Family', quota: 0, premiumIO: true, sizes: ladder('L#s_v3', [8, 16, 32, 48, 64, 80], 8) },
  {
    family: 'standardNCFamily',
    quota: 0,
    premiumIO: false,
    sizes: [
      ['NC6', 6, 56, 1],
      ['NC12', 12, 112, 2],
      ['NC24', 24, 224, 4],
      ['NC24r', 24, 224, 4],
    ],
  },
  {
    family: 'standardNCv2Family',
    quota: 0,
    premiumIO: true,
    sizes: [
      ['NC6s_v2', 6, 112, 1],
      ['NC12s_v2', 12, 224, 2],
      ['NC24s_v2', 24, 448, 4],
      ['NC24rs_v2', 24, 448, 4],
    ],
  },
  {
    family: 'standardNCSv3Family',
    quota: 0,
    premiumIO: true,
    sizes: [
      ['NC6s_v3', 6, 112, 1],
      ['NC12s_v3', 12, 224, 2],
      ['NC24s_v3', 24, 448, 4],
      ['NC24rs_v3', 24, 448, 4],
    ],
  },
  {
    family: 'standardNCASv3_T4Family',
    quota: 0,
    premiumIO: true,
    sizes: [
      ['NC4as_T4_v3', 4, 28, 1],
      ['NC8as_T4_v3', 8, 56, 1],
      ['NC16as_T4_v3', 16, 110, 1],
      ['NC64as_T4_v3', 64, 440, 4],
    ],
  },
  {
    family: 'standardNCADSA100v4Family',
    quota: 0,
    premiumIO: true,
    sizes: [
      ['NC24ads_A100_v4', 24, 220, 1],
      ['NC48ads_A100_v4', 48, 440, 2],
      ['NC96ads_A100_v4', 96, 880, 4],
    ],
  },
  {
    family: 'standardNDSFamily',
    quota: 0,
    premiumIO: true,
    sizes: [
      ['ND6s', 6, 112, 1],
      ['ND12s', 12, 224, 2],
      ['ND24s', 24, 448, 4],
      ['ND24rs', 24, 448, 4],
    ],
  },
  { family: 'standardNDSv2Family', quota: 0, premiumIO: true, sizes: [['ND40rs_v2', 40, 672, 8]] },
  { family: 'standardNDASv4_A100Family', quota: 0, premiumIO: true, sizes: [['ND96asr_v4', 96, 900, 8]] },
  {
    family: 'standardNVFamily',
    quota: 0,
    premiumIO: false,
    sizes: [
      ['NV6', 6, 56, 1],
      ['NV12', 12, 112, 2],
      ['NV24', 24, 224, 4],
    ],
  },
  {
    family: 'standardNVSv3Family',
    quota: 0,
    premiumIO: true,
    sizes: [
      ['NV12s_v3', 12, 112, 1],
      ['NV24s_v3', 24, 224, 2],
      ['NV48s_v3', 48, 448, 4],
    ],
  },
  {
    family: 'standardHFamily',
    quota: 0,
    premiumIO: false,
    sizes: [
      ['H8', 8, 56],
      ['H16', 16, 112],
      ['H8m', 8, 112],
      ['H16m', 16, 224],
      ['H16r', 16, 112],
      ['H16mr', 16, 224],
    ],
  },
  { family: 'standardHBSFamily', quota: 0, premiumIO: true, sizes: [['HB60rs', 60, 228]] },
  { family: 'standardHBrsv2Family', quota: 0, premiumIO: true, sizes: [['HB120rs_v2', 120, 456]] },
  { family: 'standardHBrsv3Family', quota: 0, premiumIO: true, sizes: [['HB120rs_v3', 120, 448]] },
  { family: 'standardHCSFamily', quota: 0, premiumIO: true, sizes: [['HC44rs', 44, 352]] },
];

/** Every size of the region, as the vmSizes API reports it. */
export const VM_CATALOG: VmSizeRecord[] = SERIES.flatMap((s) =>
  s.sizes.map(([suffix, vCPUs, memoryGB, gpus = 0]) => ({
    name: `Standard_${suffix}`,
    family: s.family,
    vCPUs,
    gpus,
    memoryGB,
    osVhdSizeMB: 1047552,
    maxResourceVolumeMB: vCPUs * 8192,
    lowPriorityCapable: true,
    premiumIO: s.premiumIO,
  })),
);

/** Each family's default vCPU quota in a new subscription. */
export const DEFAULT_QUOTAS: { family: string; limit: number }[] = SERIES.map((s) => ({ family: s.family, limit: s.quota }));

/**
 * Whether a size can host a serverless compute session (S4: "D series or larger"): the A and B families
 * are too small, and so is any size with a single vCPU. Judged from the family the size is billed in.
 */
export function hostsSessions(size: Pick<VmSizeRecord, 'family' | 'vCPUs'>): boolean {
  return !/^standard(A|B)[A-Zv]/.test(size.family) && size.vCPUs >= 2;
}
