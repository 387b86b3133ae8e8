/** The value, or a failed test saying what was missing: narrows `T | undefined` without a `!`. */
export function defined<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`expected ${what}, found none`);
  return value;
}
