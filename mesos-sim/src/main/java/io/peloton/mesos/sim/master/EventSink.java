package io.peloton.mesos.sim.master;

import org.apache.mesos.v1.scheduler.Protos.Event;

/** One framework's subscription stream. */
public interface EventSink {
  /** The Mesos-Stream-Id of this subscription. */
  String streamId();

  /** Queues an event on the stream (never blocks). */
  void send(Event event);

  /** Ends the stream (the framework sees the connection close). */
  void close();

  /** Tells the sink which framework it serves, so a dropped connection can disconnect it. */
  void attach(String frameworkId);
}
