package io.peloton.client;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads for background work: a component's threads never keep the JVM alive. */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** A new, unstarted daemon thread. */
  public static Thread of(Runnable task, String name) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    return t;
  }

  /** Makes daemon threads that all carry {@code name}. */
  public static ThreadFactory named(String name) {
    return r -> of(r, name);
  }

  /** Makes daemon threads named {@code prefix-1}, {@code prefix-2}, ... */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> of(r, prefix + "-" + n.incrementAndGet());
  }
}
