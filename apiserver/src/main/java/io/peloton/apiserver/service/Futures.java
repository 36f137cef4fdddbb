package io.peloton.apiserver.service;

import io.peloton.api.ResourceType;
import io.peloton.apiserver.storage.StoreException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/** Bridges store futures onto the caller's Vert.x context and maps store failures to API errors. */
public final class Futures {
  private Futures() {}

  /** The store's result, delivered on the calling Vert.x context (if any). */
  static <T> Future<T> onContext(CompletionStage<T> stage) {
    Context ctx = Vertx.currentContext();
    return ctx == null ? Future.fromCompletionStage(stage) : Future.fromCompletionStage(stage, ctx);
  }

  /** A store call's result on the calling context, its failure mapped to the API error. */
  static <T> Future<T> fromStore(CompletionStage<T> stage, ResourceType type, String name) {
    return Futures.<T>onContext(stage).recover(t -> Future.failedFuture(toApi(t, type, name)));
  }

  /** The failure behind the wrappers async calls add (CompletionException, ExecutionException). */
  public static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The API error a store failure means for an operation on {@code name} of {@code type}. */
  static ApiException toApi(Throwable failure, ResourceType type, String name) {
    Throwable t = unwrap(failure);
    if (t instanceof ApiException a) {
      return a;
    }
    if (t instanceof StoreException.KeyExists) {
      return ApiException.alreadyExists(type, name);
    }
    if (t instanceof StoreException.Conflict) {
      return ApiException.conflict(type, name);
    }
    if (t instanceof StoreException.NotFound) {
      return ApiException.notFound(type, name);
    }
    if (t instanceof StoreException.Compacted c) {
      return ApiException.expired("too old resource version: " + c.getMessage());
    }
    if (t instanceof StoreException.Unavailable) {
      return ApiException.unavailable("storage is unavailable: " + t.getMessage());
    }
    return ApiException.internal("internal error: " + t);
  }
}
