// Dense ids for 32-bit integer keys (gram hashes, character-pair codes) in an open-addressing table of typed arrays:
// building the 50,000-chunk index looks keys up tens of millions of times, where a Map<number, number> was the hot spot.

export class IntIds {
  private keys = new Int32Array(1 << 12);
  /** id + 1 per slot; 0 marks an empty slot. */
  private slots = new Int32Array(1 << 12);
  private mask = (1 << 12) - 1;
  size = 0;

  private slot(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> 0;
    for (;;) {
      i &= this.mask;
      if (this.slots[i] === 0 || this.keys[i] === key) return i;
      i++;
    }
  }

  get(key: number): number | undefined {
    const s = this.slots[this.slot(key | 0)]!;
    return s === 0 ? undefined : s - 1;
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** The key's id, given the next id (`size`) when it is new. */
  add(key: number): number {
    key |= 0;
    const i = this.slot(key);
    const s = this.slots[i]!;
    if (s !== 0) return s - 1;
    this.keys[i] = key;
    this.slots[i] = ++this.size;
    if (this.size * 2 > this.keys.length) this.grow();
    return this.size - 1;
  }

  private grow(): void {
    const keys = this.keys;
    const slots = this.slots;
    this.keys = new Int32Array(keys.length * 2);
    this.slots = new Int32Array(keys.length * 2);
    this.mask = keys.length * 2 - 1;
    for (let j = 0; j < keys.length; j++) {
      if (slots[j] === 0) continue;
      const i = this.slot(keys[j]!);
      this.keys[i] = keys[j]!;
      this.slots[i] = slots[j]!;
    }
  }
}
