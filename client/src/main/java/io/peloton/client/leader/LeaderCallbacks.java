package io.peloton.client.leader;

/**
 * Told when this replica gains or loses leadership, in order, on the elector's callback thread.
 * Start long-running work on your own threads: a callback that never returns delays later ones.
 */
public interface LeaderCallbacks {
  void onStartedLeading();

  /** Leadership ended (lost, released or abandoned): stop acting as leader at once. */
  void onStoppedLeading();

  /** Some replica (maybe this one) was seen holding the lease. */
  default void onNewLeader(String identity) {}
}
