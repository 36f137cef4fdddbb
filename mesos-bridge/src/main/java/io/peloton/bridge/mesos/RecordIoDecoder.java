package io.peloton.bridge.mesos;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a RecordIO byte stream ({@code <decimal length>\n<bytes>}...) into records, whatever
 * the chunk boundaries: a length header or a record may span chunks, and a chunk may hold many.
 */
public final class RecordIoDecoder {
  /** Refuses absurd lengths so a corrupt stream fails fast instead of exhausting the heap. */
  public static final long MAX_RECORD_BYTES = 256L * 1024 * 1024;

  private long length = -1;         // -1 while reading the length header
  private long headerValue;
  private int headerDigits;
  private byte[] record;
  private int filled;

  /** Feeds the next chunk; returns the records it completed, in order. */
  public List<byte[]> feed(byte[] chunk) {
    return feed(chunk, 0, chunk.length);
  }

  /** Feeds {@code len} bytes of {@code chunk} from {@code off}. */
  public List<byte[]> feed(byte[] chunk, int off, int len) {
    List<byte[]> out = new ArrayList<>(2);
    int i = off;
    int end = off + len;
    while (i < end) {
      if (length < 0) {
        byte b = chunk[i++];
        if (b == '\n') {
          if (headerDigits == 0) {
            throw new IllegalStateException("RecordIO: empty record length");
          }
          length = headerValue;
          headerValue = 0;
          headerDigits = 0;
          record = new byte[(int) length];
          filled = 0;
          if (length == 0) {
            out.add(record);
            length = -1;
          }
        } else if (b >= '0' && b <= '9') {
          headerValue = headerValue * 10 + (b - '0');
          headerDigits++;
          if (headerValue > MAX_RECORD_BYTES) {
            throw new IllegalStateException("RecordIO: record length over " + MAX_RECORD_BYTES);
          }
        } else {
          throw new IllegalStateException("RecordIO: unexpected byte " + (b & 0xff)
              + " in a record length");
        }
      } else {
        int n = (int) Math.min(end - i, length - filled);
        System.arraycopy(chunk, i, record, filled, n);
        filled += n;
        i += n;
        if (filled == length) {
          out.add(record);
          record = null;
          length = -1;
        }
      }
    }
    return out;
  }

  /** True when no partial record is buffered (the stream ended on a record boundary). */
  public boolean atBoundary() {
    return length < 0 && headerDigits == 0;
  }

  /** Frames one record (used by tests and recorded streams). */
  public static byte[] frame(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 12);
    byte[] header = (data.length + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.writeBytes(header);
    out.writeBytes(data);
    return out.toByteArray();
  }
}
