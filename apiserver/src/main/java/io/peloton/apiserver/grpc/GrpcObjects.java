package io.peloton.apiserver.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.apiserver.cache.ObjectCodec;
import io.peloton.apiserver.grpc.proto.BulkCreateResponse;
import io.peloton.apiserver.grpc.proto.ListRequest;
import io.peloton.apiserver.grpc.proto.ObjectRequest;
import io.peloton.apiserver.grpc.proto.ObjectResponse;
import io.peloton.apiserver.grpc.proto.ObjectsService;
import io.peloton.apiserver.grpc.proto.WatchEvent;
import io.peloton.apiserver.service.WatchStream;
import io.peloton.apiserver.service.ApiException;
import io.peloton.apiserver.service.DeleteOptions;
import io.peloton.apiserver.service.ListOptions;
import io.peloton.apiserver.service.ResourceService;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import io.vertx.grpc.server.GrpcServerResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The object API over gRPC: a thin adapter over ResourceService. Every answer carries the HTTP
 * code REST would have given and the same JSON body, so clients share one error model.
 */
public final class GrpcObjects extends ObjectsService {
  private final ResourceService service;

  public GrpcObjects(ResourceService service) {
    this.service = service;
  }

  @Override
  public Future<ObjectResponse> get(ObjectRequest r) {
    return answer(() -> service.get(type(r.getResource()), ns(r.getNamespace()), r.getName())
        .map(o -> ok(200, o)));
  }

  @Override
  public Future<ObjectResponse> list(ListRequest r) {
    return answer(() -> service.list(type(r.getResource()), ns(r.getNamespace()), options(r))
        .map(l -> ObjectResponse.newBuilder().setCode(200)
            .setObject(wrap(l.toJson())).build()));
  }

  @Override
  public Future<ObjectResponse> create(ObjectRequest r) {
    return answer(() -> service.create(type(r.getResource()), ns(r.getNamespace()), body(r))
        .map(o -> ObjectResponse.newBuilder().setCode(201)
            .setObject(wrap(o.json())).build()));
  }

  @Override
  public Future<ObjectResponse> update(ObjectRequest r) {
    return answer(() -> service.update(type(r.getResource()), ns(r.getNamespace()), r.getName(),
        body(r)).map(o -> ok(200, o)));
  }

  @Override
  public Future<ObjectResponse> updateStatus(ObjectRequest r) {
    return answer(() -> service.updateStatus(type(r.getResource()), ns(r.getNamespace()),
        r.getName(), body(r)).map(o -> ok(200, o)));
  }

  @Override
  public Future<ObjectResponse> patch(ObjectRequest r) {
    return answer(() -> service.patch(type(r.getResource()), ns(r.getNamespace()), r.getName(),
        body(r), false).map(o -> ok(200, o)));
  }

  @Override
  public Future<ObjectResponse> delete(ObjectRequest r) {
    return answer(() -> service.delete(type(r.getResource()), ns(r.getNamespace()), r.getName(),
        deleteOptions(r)).map(o -> ok(200, o)));
  }

  @Override
  protected void watch(ListRequest r, WriteStream<WatchEvent> out) {
    Vertx vertx = Vertx.currentContext().owner();
    ResourceType type;
    try {
      type = type(r.getResource());
    } catch (ApiException e) {
      out.write(errorEvent(e));
      out.end();
      return;
    }
    WatchStream[] stream = new WatchStream[1];
    stream[0] = new WatchStream(vertx.getOrCreateContext(), type, buf -> {
      // one gRPC message per event line, as REST streams them
      String text = buf.toString();
      int start = 0;
      for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        out.write(WatchEvent.newBuilder()
            .setEvent(ByteString.copyFromUtf8(text.substring(start, nl))).build());
        start = nl + 1;
      }
    }, error -> out.end());
    try {
      service.watch(type, ns(r.getNamespace()), options(r), stream[0])
          .onSuccess(handle -> {
            if (out instanceof GrpcServerResponse<?, ?> response) {
              // headers now, so the client's watch call completes before the first event
              response.writeHead();
              response.exceptionHandler(t -> {
                stream[0].stop();
                handle.cancel().run();
              });
            }
          })
          .onFailure(t -> {
            out.write(errorEvent(t instanceof ApiException a ? a
                : ApiException.internal("internal error: " + t.getClass().getSimpleName())));
            out.end();
          });
    } catch (ApiException e) {
      out.write(errorEvent(e));
      out.end();
    }
  }

  private static WatchEvent errorEvent(ApiException e) {
    return WatchEvent.newBuilder().setEvent(ByteString.copyFromUtf8(
        "{\"type\":\"ERROR\",\"object\":" + e.status() + "}")).build();
  }

  @Override
  public Future<BulkCreateResponse> bulkCreate(ReadStream<ObjectRequest> requests) {
    Promise<BulkCreateResponse> done = Promise.promise();
    List<ObjectRequest> received = new ArrayList<>();
    requests.handler(received::add);
    requests.exceptionHandler(done::tryFail);
    requests.endHandler(v -> {
      if (received.isEmpty()) {
        done.tryComplete(BulkCreateResponse.getDefaultInstance());
        return;
      }
      ObjectRequest first = received.get(0);
      List<JsonNode> bodies = new ArrayList<>(received.size());
      try {
        for (ObjectRequest r : received) {
          if (!r.getResource().equals(first.getResource())
              || !r.getNamespace().equals(first.getNamespace())) {
            throw ApiException.badRequest("a bulk create takes objects of one resource in one"
                + " namespace");
          }
          bodies.add(body(r));
        }
        service.createAll(type(first.getResource()), ns(first.getNamespace()), bodies)
            .onSuccess(results -> {
              BulkCreateResponse.Builder b = BulkCreateResponse.newBuilder();
              results.forEach(res -> b.addResults(ok(res.code(), res.json())));
              done.tryComplete(b.build());
            })
            .onFailure(t -> done.tryComplete(BulkCreateResponse.newBuilder()
                .addResults(error(t)).build()));
      } catch (ApiException e) {
        done.tryComplete(BulkCreateResponse.newBuilder().addResults(error(e)).build());
      }
    });
    return done.future();
  }

  private static Future<ObjectResponse> answer(java.util.function.Supplier<Future<ObjectResponse>> call) {
    try {
      return call.get().recover(t -> Future.succeededFuture(error(t)));
    } catch (RuntimeException e) {
      return Future.succeededFuture(error(e));
    }
  }

  private static ObjectResponse ok(int code, ObjectNode body) {
    return ok(code, ObjectCodec.bytes(body));
  }

  private static ObjectResponse ok(int code, byte[] json) {
    return ObjectResponse.newBuilder().setCode(code).setObject(wrap(json)).build();
  }

  /**
   * Answer bytes as a ByteString without a copy: they are rendered for this answer or are the
   * watch cache's, and neither is ever modified (a list or bulk answer used to be copied whole).
   */
  private static ByteString wrap(byte[] json) {
    return com.google.protobuf.UnsafeByteOperations.unsafeWrap(json);
  }

  private static ObjectResponse error(Throwable t) {
    ApiException e = t instanceof ApiException a ? a
        : ApiException.internal("internal error: " + t.getClass().getSimpleName());
    return ok(e.code(), e.status());
  }

  private static ResourceType type(String plural) {
    return ResourceTypes.byPlural(plural).orElseThrow(() -> ApiException.notFound(
        "the server has no resource '" + plural + "'"));
  }

  private static String ns(String namespace) {
    return namespace.isEmpty() ? null : namespace;
  }

  private static JsonNode body(ObjectRequest r) {
    try {
      return Codecs.json().readTree(r.getObject().toByteArray());
    } catch (IOException e) {
      throw ApiException.badRequest("object is not valid JSON: " + e.getMessage());
    }
  }

  /** The request's options, checked by the same rules as REST's query parameters. */
  private static ListOptions options(ListRequest r) {
    return ListOptions.parse(name -> switch (name) {
      case "labelSelector" -> r.getLabelSelector();
      case "fieldSelector" -> r.getFieldSelector();
      case "limit" -> Long.toString(r.getLimit());
      case "continue" -> r.getContinue();
      case "resourceVersion" -> r.getResourceVersion();
      case "allowWatchBookmarks" -> Boolean.toString(r.getAllowBookmarks());
      default -> null;
    });
  }

  /** DeleteOptions JSON in {@code object} (optional) and the resource_version precondition. */
  private static DeleteOptions deleteOptions(ObjectRequest r) {
    return DeleteOptions.parse(r.getObject().isEmpty() ? null : body(r), r.getResourceVersion(),
        null);
  }
}
