package io.peloton.apiserver.cache;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Deflates the JSON the cache keeps, for one kind, against a dictionary learnt from recent objects
 * of that kind. Objects of a kind repeat each other's field names, configs and owner references,
 * so a Task's 1.5 KB usually packs into a few hundred bytes; inflating one takes microseconds.
 * When packing gets poor (a new kind of job, say) the dictionary is relearnt from the objects
 * that packed worst; packed values keep a reference to the dictionary they were packed with.
 */
public final class JsonPacker {
  /** Below this size a value is kept plain: deflating would save too little to pay for itself. */
  static final int MIN_LENGTH = 256;
  private static final int SAMPLES = 2; // each sample costs the dictionary setup of every packing
  private static final int MAX_DICTIONARY = 16 * 1024;
  private static final int FIRST_LEARN_AFTER = 8;
  private static final int RELEARN_AFTER = 1024;
  private static final double POOR_RATIO = 0.3;
  private static final ThreadLocal<Deflater> DEFLATERS =
      ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));
  private static final ThreadLocal<Inflater> INFLATERS =
      ThreadLocal.withInitial(() -> new Inflater(true));

  private final ArrayDeque<byte[]> poorlyPacked = new ArrayDeque<>();
  private byte[] dictionary;
  private int judged;
  private long plainBytes;
  private long packedBytes;

  /** The JSON, deflated when that pays. */
  public ObjectBytes pack(byte[] json) {
    if (json.length < MIN_LENGTH) {
      return new ObjectBytes.Plain(json);
    }
    byte[] dict = currentDictionary();
    Deflater deflater = DEFLATERS.get();
    deflater.reset();
    if (dict != null) {
      deflater.setDictionary(dict);
    }
    deflater.setInput(json);
    deflater.finish();
    byte[] out = new byte[json.length];
    int n = deflater.deflate(out);
    boolean packed = deflater.finished() && n < json.length;
    judge(json, packed ? n : json.length);
    if (!packed) {
      return new ObjectBytes.Plain(json);
    }
    return new ObjectBytes.Deflated(Arrays.copyOf(out, n), json.length, dict);
  }

  private synchronized byte[] currentDictionary() {
    return dictionary;
  }

  private synchronized void judge(byte[] json, int packedLength) {
    judged++;
    plainBytes += json.length;
    packedBytes += packedLength;
    if (packedLength > json.length * POOR_RATIO) {
      poorlyPacked.addLast(json);
      if (poorlyPacked.size() > SAMPLES) {
        poorlyPacked.removeFirst();
      }
    }
    if (judged < (dictionary == null ? FIRST_LEARN_AFTER : RELEARN_AFTER)) {
      return;
    }
    if (packedBytes > plainBytes * POOR_RATIO && !poorlyPacked.isEmpty()) {
      dictionary = learn();
    }
    poorlyPacked.clear();
    judged = 0;
    plainBytes = 0;
    packedBytes = 0;
  }

  /** The poorly packed samples end to end, the newest last (deflate finds near matches cheaper). */
  private byte[] learn() {
    int length = 0;
    for (byte[] s : poorlyPacked) {
      length += s.length;
    }
    byte[] dict = new byte[Math.min(length, MAX_DICTIONARY)];
    int end = dict.length;
    for (var it = poorlyPacked.descendingIterator(); it.hasNext() && end > 0; ) {
      byte[] s = it.next();
      int take = Math.min(s.length, end);
      System.arraycopy(s, s.length - take, dict, end - take, take);
      end -= take;
    }
    return dict;
  }

  static byte[] inflate(ObjectBytes.Deflated d) {
    Inflater inflater = INFLATERS.get();
    inflater.reset();
    if (d.dictionary() != null) {
      inflater.setDictionary(d.dictionary());
    }
    inflater.setInput(d.data());
    byte[] out = new byte[d.length()];
    try {
      int n = inflater.inflate(out);
      if (n != d.length()) {
        throw new IllegalStateException("packed JSON inflated to " + n + " of " + d.length()
            + " bytes");
      }
      return out;
    } catch (DataFormatException e) {
      throw new IllegalStateException("packed JSON is corrupt", e);
    }
  }
}
