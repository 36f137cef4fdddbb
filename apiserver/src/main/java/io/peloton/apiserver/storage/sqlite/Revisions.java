package io.peloton.apiserver.storage.sqlite;

/**
 * The two revisions every part of the SQLite store agrees on: the last committed one and the
 * compacted one. Only the writer thread raises them; anyone may read them.
 */
final class Revisions {
  private volatile long committed;
  private volatile long compacted;

  Revisions(long committed, long compacted) {
    this.committed = committed;
    this.compacted = compacted;
  }

  long committed() {
    return committed;
  }

  long compacted() {
    return compacted;
  }

  void committed(long revision) {
    committed = revision;
  }

  void compacted(long revision) {
    compacted = Math.max(compacted, revision);
  }
}
