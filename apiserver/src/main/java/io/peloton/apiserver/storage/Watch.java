package io.peloton.apiserver.storage;

/** A running watch; closing it stops event delivery. */
public interface Watch extends AutoCloseable {
  @Override
  void close();
}
