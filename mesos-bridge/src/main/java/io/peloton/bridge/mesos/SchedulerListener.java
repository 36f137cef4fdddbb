package io.peloton.bridge.mesos;

import org.apache.mesos.v1.scheduler.Protos.Event;

/** Told about the scheduler stream, in order, on the client's dispatch thread. */
public interface SchedulerListener {
  /** A SUBSCRIBED event: calls may be made from now on. */
  void onSubscribed(Event.Subscribed subscribed);

  /** Any other event except HEARTBEAT. */
  void onEvent(Event event);

  /** The stream ended; the client reconnects by itself. */
  void onDisconnected(String reason);
}
