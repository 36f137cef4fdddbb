package io.peloton.api.codec;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, direct-mapped table of canonical instances: an equal value seen again is answered
 * with the instance first kept in its slot; a slot keeps the last value that hashed to it, so
 * unique values cost nothing but a slot.
 */
public final class CanonicalTable<T> {
  private final AtomicReferenceArray<T> slots;
  private final int mask;

  /** @param slotsPowerOfTwo the table size, a power of two */
  public CanonicalTable(int slotsPowerOfTwo) {
    if (Integer.bitCount(slotsPowerOfTwo) != 1) {
      throw new IllegalArgumentException("slots must be a power of two: " + slotsPowerOfTwo);
    }
    this.slots = new AtomicReferenceArray<>(slotsPowerOfTwo);
    this.mask = slotsPowerOfTwo - 1;
  }

  public T canonical(T value) {
    if (value == null) {
      return null;
    }
    int slot = value.hashCode() & mask;
    T known = slots.get(slot);
    if (value.equals(known)) {
      return known;
    }
    slots.lazySet(slot, value);
    return value;
  }
}
