export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** One line per figure: `name: value unit`. */
export function report(name: string, value: number, unit: string): void {
  console.log(`${name}: ${value.toFixed(value < 10 ? 2 : 1)} ${unit}`);
}
