// Median (the mean of the middle two for an even count), min and max of a list of samples.
export function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length / 2;
  const median = s.length % 2 ? s[Math.floor(mid)] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s.at(-1) };
}
