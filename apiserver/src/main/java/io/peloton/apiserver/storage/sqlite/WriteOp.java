package io.peloton.apiserver.storage.sqlite;

import io.peloton.apiserver.storage.CreateResult;
import io.peloton.apiserver.storage.KeyValue;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One request queued for the writer thread. */
sealed interface WriteOp {
  CompletableFuture<?> result();

  /** Create-if-absent. */
  record Create(String key, byte[] value, CompletableFuture<Long> result) implements WriteOp {}

  /** Many creates in the same transaction. */
  record CreateAll(List<KeyValue.Write> writes, CompletableFuture<List<CreateResult>> result)
      implements WriteOp {}

  /** Update-if-revision. */
  record Update(String key, byte[] value, long expectedRevision, CompletableFuture<Long> result)
      implements WriteOp {}

  /** Delete-if-revision (0: any). */
  record Delete(String key, long expectedRevision, CompletableFuture<Long> result)
      implements WriteOp {}

  /**
   * One step of a compaction to {@code target}: rows after {@code cursor} are examined next.
   * Compaction runs in small steps so writes queued meanwhile are not held up.
   */
  record CompactStep(long target, long cursor, CompletableFuture<Void> result)
      implements WriteOp {}
}
