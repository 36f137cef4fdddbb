package io.peloton.api.codec;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, direct-mapped table of canonical instances: an equal value seen again is answered
 * with the instance first kept in its slot; a slot keeps the last value that hashed to it, so
 * unique values cost nothing but a slot.
 */
public final class CanonicalTable<T> {
  private final AtomicReferenceArray<T> slots;
  /**
   * Each slot's hash, so a value unlike the slot's is told apart without reading the kept
   * instance (a cache miss: kept values are scattered over the heap). Racy by design: a stale
   * hash only costs a miss or one extra equals.
   */
  private final int[] hashes;
  private final int mask;

  /** @param slotsPowerOfTwo the table size, a power of two */
  public CanonicalTable(int slotsPowerOfTwo) {
    if (Integer.bitCount(slotsPowerOfTwo) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slotsPowerOfTwo);
    }
    this.slots = new AtomicReferenceArray<>(slotsPowerOfTwo);
    this.hashes = new int[slotsPowerOfTwo];
    this.mask = slotsPowerOfTwo - 1;
  }

  public T canonical(T value) {
    if (value == null) {
      return null;
    }
    int hash = value.hashCode();
    int slot = hash & mask;
    if (hashes[slot] == hash) {
      T known = slots.get(slot);
      if (value.equals(known)) {
        return known;
      }
    }
    hashes[slot] = hash;
    slots.lazySet(slot, value);
    return value;
  }
}
