/** The fake's required key in the bench (loopback only; not a secret). */
export const BENCH_KEY = 'bench-key-not-a-secret';
