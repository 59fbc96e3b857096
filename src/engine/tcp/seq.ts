// Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4).

export const seqAdd = (a: number, b: number): number => (a + b) >>> 0;
export const seqSub = (a: number, b: number): number => (a - b) | 0; // signed distance a - b
export const seqLt = (a: number, b: number): boolean => ((a - b) | 0) < 0;
export const seqLe = (a: number, b: number): boolean => a === b || seqLt(a, b);
export const seqGt = (a: number, b: number): boolean => seqLt(b, a);
export const seqGe = (a: number, b: number): boolean => seqLe(b, a);
/** lo =< x < hi, modulo 2^32. */
export const seqInWindow = (x: number, lo: number, hi: number): boolean => seqLe(lo, x) && seqLt(x, hi);
