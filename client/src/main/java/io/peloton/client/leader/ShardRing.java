package io.peloton.client.leader;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Which live member owns a key: rendezvous (highest-random-weight) hashing of the key over the
 * members sorted by id. Every replica with the same member list computes the same owner, and a
 * member leaving moves only its own keys.
 *
 * @param members live member ids, sorted
 */
public record ShardRing(List<String> members) {
  public ShardRing {
    members = members.stream().distinct().sorted().toList();
  }

  public static ShardRing of(List<String> members) {
    return new ShardRing(members);
  }

  public boolean isEmpty() {
    return members.isEmpty();
  }

  /** The owner of the key, or null when there are no members. */
  public String owner(String key) {
    String best = null;
    long bestWeight = 0;
    for (String m : members) {
      long w = weight(m, key);
      // ties (practically never) go to the smaller id, which comes first
      if (best == null || Long.compareUnsigned(w, bestWeight) > 0) {
        best = m;
        bestWeight = w;
      }
    }
    return best;
  }

  public boolean owns(String member, String key) {
    return member.equals(owner(key));
  }

  /** A well-mixed 64-bit hash of (member, key): FNV-1a, then a finalizer to spread the bits. */
  static long weight(String member, String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : member.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h = (h ^ 0xff) * 0x100000001b3L; // separator no id or key byte can be
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
