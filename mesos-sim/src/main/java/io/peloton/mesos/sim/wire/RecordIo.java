package io.peloton.mesos.sim.wire;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** RecordIO framing: {@code <byte length>\n<bytes>} with no trailing separator. */
public final class RecordIo {
  private RecordIo() {}

  /** Frames one record. */
  public static Buffer frame(byte[] payload) {
    byte[] header = (payload.length + "\n").getBytes(StandardCharsets.US_ASCII);
    Buffer buffer = Buffer.buffer(header.length + payload.length);
    buffer.appendBytes(header).appendBytes(payload);
    return buffer;
  }
}
