/**
 * Seeded randomness for the demo generator and the forecasts: a seeded sfc32 stream (sequential decisions) and a stateless
 * 32-bit hash (decisions that must not depend on the order they are asked in, such as whether a
 * deployment slot fails). No `Math.random`: the same seed gives the same organisation, byte for byte.
 */

const TWO_POW_32 = 4_294_967_296;

/** A 32-bit integer mix (the murmur3 finaliser). */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A stateless hash of up to three integers to [0, 1). */
export function hashUnit(a: number, b: number, c: number): number {
  const h1 = mix32(a ^ 0x9e37_79b9);
  const h2 = mix32((h1 + Math.imul(b | 0, 0x27d4_eb2d)) | 0);
  // `c` may exceed 32 bits (minutes since the epoch): fold its high part in too.
  const high = Math.floor(c / TWO_POW_32);
  const h3 = mix32((h2 ^ Math.imul(c | 0, 0x1656_67b1) ^ Math.imul(high, 0x61c8_8647)) | 0);
  return h3 / TWO_POW_32;
}

/** A seeded pseudo-random stream (sfc32, seeded through splitmix32). */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(seed: number, stream = 0) {
    let state = (seed ^ Math.imul(stream + 1, 0x9e37_79b9)) >>> 0;
    const next = () => {
      state = (state + 0x9e37_79b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x21f0_aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a_2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.next32();
  }

  /** A uniform 32-bit unsigned integer. */
  next32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.next32() / TWO_POW_32;
  }

  /** Uniform in (0, 1]: safe for logarithms and roots. */
  nextPositive(): number {
    return (this.next32() + 1) / TWO_POW_32;
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)] as T;
  }

  /** A standard normal deviate (Box–Muller, the second value kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    const r = Math.sqrt(-2 * Math.log(this.nextPositive()));
    const theta = 2 * Math.PI * this.next();
    this.spareNormal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** A log-normal value with the given median and shape (sigma of the logarithm). */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** An exponential value with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(this.nextPositive());
  }
}
