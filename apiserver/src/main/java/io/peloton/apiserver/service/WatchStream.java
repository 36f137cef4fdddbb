package io.peloton.apiserver.service;

import io.peloton.api.ResourceType;
import io.peloton.apiserver.cache.CacheEvent;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Turns a service watch into newline-delimited JSON watch events (the form REST streams and gRPC
 * carries one per message), written on one Vert.x context in the order the cache produced them.
 */
public final class WatchStream implements ResourceService.WatchSink {
  private static final byte[] OBJECT = ",\"object\":".getBytes(StandardCharsets.UTF_8);

  private final Context context;
  private final ResourceType type;
  private final Consumer<Buffer> writer;
  private final Consumer<ApiException> closer;
  private long lastRevision;
  private boolean ended;

  /**
   * @param writer writes a chunk to the client (called on {@code context})
   * @param closer ends the stream, after an ERROR event when given an error (on {@code context})
   */
  public WatchStream(Context context, ResourceType type, Consumer<Buffer> writer,
      Consumer<ApiException> closer) {
    this.context = context;
    this.type = type;
    this.writer = writer;
    this.closer = closer;
  }

  @Override
  public void events(List<CacheEvent> events) {
    Buffer buf = Buffer.buffer(events.size() * 1100);
    long rev = 0;
    for (CacheEvent e : events) {
      buf.appendString("{\"type\":\"").appendString(e.type()).appendString("\"")
          .appendBytes(OBJECT).appendBytes(e.json()).appendString("}\n");
      rev = e.object().revision();
    }
    final long r = rev;
    context.runOnContext(v -> {
      if (!ended) {
        lastRevision = Math.max(lastRevision, r);
        writer.accept(buf);
      }
    });
  }

  @Override
  public void end(ApiException error) {
    context.runOnContext(v -> {
      if (!ended) {
        ended = true;
        if (error != null) {
          writer.accept(Buffer.buffer("{\"type\":\"ERROR\",\"object\":")
              .appendString(error.status().toString()).appendString("}\n"));
        }
        closer.accept(error);
      }
    });
  }

  /**
   * Queues a BOOKMARK at the revision the cache has reached; queued behind any events already
   * handed over, so it never gets ahead of them.
   */
  public void bookmark(LongSupplier cacheRevision) {
    long rev = cacheRevision.getAsLong();
    context.runOnContext(v -> {
      if (!ended && rev > lastRevision) {
        lastRevision = rev;
        writer.accept(Buffer.buffer("{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\""
            + type.kind() + "\",\"apiVersion\":\"" + type.apiVersion()
            + "\",\"metadata\":{\"resourceVersion\":\"" + rev + "\"}}}\n"));
      }
    });
  }

  /** Stops writing (the client went away or the server ended the watch). */
  public void stop() {
    ended = true;
  }
}
