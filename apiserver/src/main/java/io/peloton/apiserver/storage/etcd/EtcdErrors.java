package io.peloton.apiserver.storage.etcd;

import io.etcd.jetcd.common.exception.CompactedException;
import io.peloton.apiserver.storage.StoreException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/** Translates jetcd failures into the storage port's exceptions. */
final class EtcdErrors {
  private EtcdErrors() {}

  static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * Maps a failure of an operation that asked for {@code requestedRevision} (0 if none);
   * {@code knownCompacted} is used when etcd does not say how far it compacted.
   */
  static Throwable map(Throwable error, long requestedRevision, long knownCompacted) {
    Throwable cause = unwrap(error);
    if (cause instanceof StoreException || cause instanceof IllegalArgumentException) {
      return cause;
    }
    if (cause instanceof CompactedException compacted) {
      return new StoreException.Compacted(requestedRevision, compacted.getCompactedRevision());
    }
    String message = String.valueOf(cause.getMessage());
    if (message.contains("required revision has been compacted")) {
      return new StoreException.Compacted(requestedRevision, knownCompacted);
    }
    if (message.contains("required revision is a future revision")) {
      return new IllegalArgumentException(
          "revision: " + requestedRevision + " is in the future");
    }
    return new StoreException.Unavailable("etcd: " + firstLine(message), cause);
  }

  /** gRPC descriptions can embed whole stack traces; an API error message wants one line. */
  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() <= 200 ? line : line.substring(0, 200) + "...";
  }

  /** A future that completes like {@code source}, with failures mapped. */
  static <T, R> CompletableFuture<R> adapt(CompletableFuture<T> source, Function<T, R> onSuccess,
      Function<Throwable, Throwable> onFailure) {
    CompletableFuture<R> result = new CompletableFuture<>();
    source.whenComplete((value, error) -> {
      if (error != null) {
        result.completeExceptionally(onFailure.apply(error));
        return;
      }
      try {
        result.complete(onSuccess.apply(value));
      } catch (RuntimeException e) {
        result.completeExceptionally(onFailure.apply(e));
      }
    });
    return result;
  }
}
