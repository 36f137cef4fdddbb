package io.peloton.apiserver.storage.etcd;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives every unary etcd call a deadline. jetcd waits for the channel to be ready, so without
 * one a request made while etcd is unreachable would hang forever instead of failing (503).
 * Streaming calls (watches) are left alone: they are meant to live long.
 */
final class UnaryCallDeadline implements ClientInterceptor {
  private final long nanos;

  UnaryCallDeadline(Duration deadline) {
    this.nanos = deadline.toNanos();
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method,
      CallOptions options, Channel next) {
    CallOptions effective = method.getType() == MethodDescriptor.MethodType.UNARY
        && options.getDeadline() == null ? options.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS)
        : options;
    return next.newCall(method, effective);
  }
}
