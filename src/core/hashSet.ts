/**
 * A set of 53-bit hashes (cyrb53) in one typed array, open addressing: 16 bytes an item at most,
 * whatever the text hashed. How a report or a check tells, among hundreds of thousands of codes,
 * which may be met twice, before comparing those few as text.
 */
export class HashSet {
  private slots: Float64Array;
  private size = 0;

  /** Room for `expected` hashes without growing. */
  constructor(expected = 512) {
    let length = 1024;
    while (length < expected * 2) length *= 2;
    this.slots = new Float64Array(length).fill(-1);
  }

  has(h: number): boolean {
    // The slot is the hash's low bits (h % length, for a length a power of two, without a division of doubles).
    const mask = this.slots.length - 1;
    for (let i = (h >>> 0) & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i]!;
      if (slot === h) return true;
      if (slot === -1) return false;
    }
  }

  add(h: number): void {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    const mask = this.slots.length - 1;
    for (let i = (h >>> 0) & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i]!;
      if (slot === h) return;
      if (slot === -1) {
        this.slots[i] = h;
        this.size += 1;
        return;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2).fill(-1);
    this.size = 0;
    for (const h of old) if (h !== -1) this.add(h);
  }
}
