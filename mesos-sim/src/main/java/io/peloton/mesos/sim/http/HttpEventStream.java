package io.peloton.mesos.sim.http;

import io.peloton.mesos.sim.master.EventSink;
import io.peloton.mesos.sim.master.Master;
import io.peloton.mesos.sim.wire.RecordIo;
import io.peloton.mesos.sim.wire.WireFormat;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.UUID;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A SUBSCRIBE response: a chunked RecordIO stream of events in the negotiated format. Events are
 * encoded by the sender and coalesced until the connection's event loop next runs, so a burst of
 * updates costs one write and flush instead of one each (clients must not assume a record per chunk).
 */
final class HttpEventStream implements EventSink {
  private final HttpServerResponse response;
  private final WireFormat format;
  private final String streamId = UUID.randomUUID().toString();
  private volatile String frameworkId;
  private volatile boolean closed;
  private final Context context;
  private final Object lock = new Object();
  private Buffer pending;
  private boolean flushScheduled;

  HttpEventStream(HttpServerResponse response, WireFormat format, Master master) {
    this.response = response;
    this.format = format;
    this.context = Vertx.currentContext();
    response.closeHandler(v -> {
      closed = true;
      String id = frameworkId;
      if (id != null) {
        master.disconnected(id, this);
      }
    });
  }

  @Override
  public String streamId() {
    return streamId;
  }

  @Override
  public void send(Event event) {
    if (closed) {
      return;
    }
    Buffer frame = RecordIo.frame(format.encode(event));
    synchronized (lock) {
      if (pending == null) {
        pending = frame;
      } else {
        pending.appendBuffer(frame);
      }
      if (flushScheduled) {
        return;
      }
      flushScheduled = true;
    }
    context.runOnContext(v -> flush());
  }

  private void flush() {
    Buffer out;
    synchronized (lock) {
      out = pending;
      pending = null;
      flushScheduled = false;
    }
    if (out == null || response.ended()) {
      return;
    }
    try {
      response.write(out);
    } catch (IllegalStateException e) {
      closed = true; // the connection went away under us
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    context.runOnContext(v -> {
      flush(); // whatever was sent before close (e.g. an ERROR) goes out first
      try {
        response.end();
      } catch (IllegalStateException ignored) {
        // already closed
      }
    });
  }

  @Override
  public void attach(String frameworkId) {
    this.frameworkId = frameworkId;
  }
}
