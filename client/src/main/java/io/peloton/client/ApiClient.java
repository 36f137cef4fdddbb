package io.peloton.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A blocking client for every kind the API serves, over REST. Objects are JSON trees; typed
 * records are one {@link #as} away. Safe to share between threads.
 */
public final class ApiClient {
  private static final String JSON = "application/json";
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final URI server;
  private final String token;
  private final Duration timeout;
  /** Plain-http requests other than PATCH go through HttpURLConnection (see quickStart). */
  private final boolean quick;
  private volatile HttpClient http;

  /**
   * @param server base URL, e.g. {@code http://127.0.0.1:8080}
   * @param token bearer token, or null
   */
  public ApiClient(String server, String token) {
    this(server, token, Duration.ofSeconds(30));
  }

  public ApiClient(String server, String token, Duration timeout) {
    this(server, token, timeout, false);
    http();
  }

  private ApiClient(String server, String token, Duration timeout, boolean quick) {
    String base = server.endsWith("/") ? server.substring(0, server.length() - 1) : server;
    this.server = URI.create(base);
    this.token = token;
    this.timeout = timeout;
    this.quick = quick && "http".equalsIgnoreCase(this.server.getScheme());
  }

  /**
   * A client for a short-lived process such as a CLI. Requests to a plain {@code http://}
   * server (all but PATCH) use {@link HttpURLConnection}, which is ready about 100 ms sooner
   * than the JDK HTTP client on a cold JVM; that client (and its TLS context) is built only when
   * something needs it: https, PATCH, watches. Same requests, replies and errors otherwise.
   */
  public static ApiClient quickStart(String server, String token) {
    return new ApiClient(server, token, Duration.ofSeconds(30), true);
  }

  private HttpClient http() {
    HttpClient h = http;
    if (h == null) {
      synchronized (this) {
        h = http;
        if (h == null) {
          h = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(CONNECT_TIMEOUT).build();
          http = h;
        }
      }
    }
    return h;
  }

  public String server() {
    return server.toString();
  }

  // ---- paths ----

  /** Collection path: namespace null lists across namespaces (or a cluster-scoped kind). */
  public static String collectionPath(ResourceType type, String namespace) {
    String base = "/apis/" + type.apiVersion() + "/";
    return type.namespaced() && namespace != null
        ? base + "namespaces/" + enc(namespace) + "/" + type.plural()
        : base + type.plural();
  }

  public static String objectPath(ResourceType type, String namespace, String name) {
    if (type.namespaced() && namespace == null) {
      throw new IllegalArgumentException(type.kind() + " is namespaced: a namespace is needed");
    }
    return collectionPath(type, namespace) + "/" + enc(name);
  }

  // ---- operations ----

  public ObjectNode get(ResourceType type, String namespace, String name) {
    return object(send("GET", objectPath(type, namespace, name), null, null));
  }

  public ObjectList list(ResourceType type, String namespace, ListOptions options) {
    String q = options.query(false);
    JsonNode list = send("GET", collectionPath(type, namespace) + (q.isEmpty() ? "" : "?" + q),
        null, null).body;
    List<ObjectNode> items = new ArrayList<>();
    list.path("items").forEach(i -> items.add((ObjectNode) i));
    String cont = list.path("metadata").path("continue").asText("");
    return new ObjectList(items, list.path("metadata").path("resourceVersion").asText(""),
        cont.isEmpty() ? null : cont);
  }

  public ObjectNode create(ResourceType type, String namespace, JsonNode object) {
    return object(send("POST", collectionPath(type, namespace), JSON, object));
  }

  /**
   * Creates many objects of one kind in one request; one result per object, in order: the
   * created object's identity, or a Status for an object that was refused.
   */
  public List<ObjectNode> createAll(ResourceType type, String namespace, List<? extends JsonNode> objects) {
    ObjectNode list = Codecs.json().createObjectNode();
    list.put("apiVersion", type.apiVersion()).put("kind", type.kind() + "List");
    list.putArray("items").addAll(new ArrayList<JsonNode>(objects));
    JsonNode out = send("POST", collectionPath(type, namespace), JSON, list).body;
    List<ObjectNode> results = new ArrayList<>();
    out.path("items").forEach(i -> results.add((ObjectNode) i));
    return results;
  }

  /**
   * Binds many Tasks of one namespace to hosts in one request (sets each {@code spec.host},
   * conflict-checked per Task). One result per binding, in order: the Task's identity with its
   * new resourceVersion, or a Status (404, 409 when the Task changed or is already bound, 422).
   */
  public List<ObjectNode> bindTasks(String namespace, List<TaskBinding> bindings) {
    ObjectNode list = Codecs.json().createObjectNode();
    list.put("apiVersion", ResourceTypes.TASK.apiVersion()).put("kind", "TaskBindingList");
    var items = list.putArray("items");
    for (TaskBinding b : bindings) {
      ObjectNode item = items.addObject().put("name", b.name()).put("host", b.host());
      if (b.resourceVersion() != null) {
        item.put("resourceVersion", b.resourceVersion());
      }
    }
    return taskBatch(namespace, "taskbindings", list);
  }

  /**
   * Merge-patches the status of many Tasks of one namespace in one request, each
   * conflict-checked. One result per patch, in order: the Task's identity (metadata with its new
   * resourceVersion) and its status after the patch, or a Status (404, 409 when the Task changed
   * since the given resourceVersion, 422).
   */
  public List<ObjectNode> patchTaskStatuses(String namespace, List<TaskStatusPatch> patches) {
    ObjectNode list = Codecs.json().createObjectNode();
    list.put("apiVersion", ResourceTypes.TASK.apiVersion()).put("kind", "TaskStatusPatchList");
    var items = list.putArray("items");
    for (TaskStatusPatch p : patches) {
      ObjectNode item = items.addObject().put("name", p.name());
      item.set("status", p.status());
      if (p.resourceVersion() != null) {
        item.put("resourceVersion", p.resourceVersion());
      }
    }
    return taskBatch(namespace, "taskstatuses", list);
  }

  private List<ObjectNode> taskBatch(String namespace, String resource, ObjectNode list) {
    JsonNode out = send("POST", "/apis/" + ResourceTypes.TASK.apiVersion() + "/namespaces/"
        + enc(namespace) + "/" + resource, JSON, list).body;
    List<ObjectNode> results = new ArrayList<>();
    out.path("items").forEach(i -> results.add((ObjectNode) i));
    return results;
  }

  /** PUT: replaces spec and metadata (status is kept); a stale resourceVersion is a Conflict. */
  public ObjectNode update(ResourceType type, JsonNode object) {
    return object(send("PUT", objectPath(type, namespaceOf(object), nameOf(object)), JSON,
        object));
  }

  /** PUT of the status subresource: replaces status only. */
  public ObjectNode updateStatus(ResourceType type, JsonNode object) {
    return object(send("PUT", objectPath(type, namespaceOf(object), nameOf(object))
        + "/status", JSON, object));
  }

  /** JSON merge patch of the object (or of its status). */
  public ObjectNode patch(ResourceType type, String namespace, String name, JsonNode patch,
      boolean status) {
    return object(send("PATCH", objectPath(type, namespace, name) + (status ? "/status" : ""),
        "application/merge-patch+json", patch));
  }

  /** Server-side apply: creates, or sets spec/labels/annotations; says what happened. */
  public Applied apply(ResourceType type, JsonNode manifest, String fieldManager) {
    String ns = type.namespaced() ? namespaceOr(manifest, "default") : null;
    Reply r = send("PATCH", objectPath(type, ns, nameOf(manifest)) + "?fieldManager="
        + enc(fieldManager), "application/apply-patch+yaml", manifest);
    return new Applied((ObjectNode) r.body, r.header("X-Peloton-Apply")
        .orElse(r.code == 201 ? "created" : "configured"));
  }

  /** Deletes (or, with finalizers, marks for deletion); returns the object's last state. */
  public ObjectNode delete(ResourceType type, String namespace, String name) {
    return object(send("DELETE", objectPath(type, namespace, name), null, null));
  }

  /** Server health: true when /readyz answers 200. */
  public boolean ready() {
    try {
      return send("GET", "/readyz", null, null).code == 200;
    } catch (ApiError e) {
      return false;
    }
  }

  /**
   * Opens a watch. Events go to {@code onEvent} on a reader thread, in order; {@code onEnd} is
   * called once when the stream ends (null: closed normally or by the server; else the error).
   */
  public WatchStream watch(ResourceType type, String namespace, ListOptions options,
      Consumer<WatchEvent> onEvent, Consumer<Throwable> onEnd) {
    HttpRequest req = request(collectionPath(type, namespace) + "?" + options.query(true))
        .GET().build();
    WatchStream stream = new WatchStream();
    CompletableFuture<HttpResponse<Stream<String>>> pending =
        http().sendAsync(req, HttpResponse.BodyHandlers.ofLines());
    stream.attach(pending);
    pending.whenComplete((resp, error) -> {
      if (error != null) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException
            && error.getCause() != null ? error.getCause() : error;
        stream.finish(onEnd, new ApiError(0, "", "cannot reach the API server at " + server
            + ": " + cause, null));
        return;
      }
      if (resp.statusCode() != 200) {
        String raw;
        try (Stream<String> lines = resp.body()) {
          raw = String.join("\n", lines.toList());
        }
        stream.finish(onEnd, ApiError.from(resp.statusCode(), parseOrNull(raw), raw));
        return;
      }
      stream.attachBody(resp.body());
      Thread reader = new Thread(() -> {
        Throwable failure = null;
        try (Stream<String> lines = resp.body()) {
          var it = lines.iterator();
          while (!stream.closed() && it.hasNext()) {
            String line = it.next();
            if (line.isBlank()) {
              continue;
            }
            JsonNode e = Codecs.trustedJson().readTree(line);
            ObjectNode obj = (ObjectNode) e.get("object");
            if ("ERROR".equals(e.path("type").asText())) {
              failure = ApiError.from(obj.path("code").asInt(500), obj, line);
              break;
            }
            onEvent.accept(new WatchEvent(e.path("type").asText(), obj));
          }
        } catch (IOException | RuntimeException e) {
          failure = stream.closed() ? null : e;
        }
        stream.finish(onEnd, failure);
      }, "watch-" + type.plural());
      reader.setDaemon(true);
      reader.start();
    });
    return stream;
  }

  // ---- typed convenience ----

  /** Typed access to one kind through this client. */
  public <T extends ApiObject> TypedClient<T> typed(Class<T> javaType) {
    return new TypedClient<>(this, javaType);
  }

  /** A JSON object as its typed record. */
  public static <T extends ApiObject> T as(JsonNode object, Class<T> type) {
    try {
      return Codecs.trustedJson().treeToValue(object, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a " + type.getSimpleName() + ": "
          + e.getOriginalMessage(), e);
    }
  }

  /** A typed record as a JSON object. */
  public static ObjectNode tree(ApiObject object) {
    return Codecs.json().valueToTree(object);
  }

  /** The registry entry of a record class. */
  public static ResourceType typeOf(Class<? extends ApiObject> javaType) {
    return ResourceTypes.ALL.stream().filter(t -> t.javaType() == javaType).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not an API kind: " + javaType));
  }

  // ---- transport ----

  private record Reply(int code, JsonNode body, Map<String, List<String>> headers) {
    java.util.Optional<String> header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream()).findFirst();
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.resolve(path))
        .header("Accept", JSON);
    if (token != null && !token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private Reply send(String method, String path, String contentType, JsonNode body) {
    byte[] bytes = null;
    if (body != null) {
      try {
        bytes = Codecs.json().writeValueAsBytes(body);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(e);
      }
    }
    int code;
    String text;
    Map<String, List<String>> headers;
    try {
      if (quick && !method.equals("PATCH")) {
        HttpURLConnection c = open(method, path, contentType, bytes);
        try {
          code = c.getResponseCode();
          InputStream in = code >= 400 ? c.getErrorStream() : c.getInputStream();
          text = "";
          if (in != null) {
            try (in) {
              text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
          }
          headers = new java.util.LinkedHashMap<>();
          for (var h : c.getHeaderFields().entrySet()) {
            if (h.getKey() != null) { // the status line
              headers.put(h.getKey(), h.getValue());
            }
          }
        } catch (IOException e) {
          c.disconnect();
          throw e;
        }
      } else {
        HttpRequest.Builder b = request(path).timeout(timeout);
        if (bytes != null) {
          b.header("Content-Type", contentType);
          b.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else {
          b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> resp =
            http().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        code = resp.statusCode();
        text = resp.body();
        headers = resp.headers().map();
      }
    } catch (ConnectException e) {
      throw new ApiError(0, "", "cannot reach the API server at " + server
          + " (connection refused): is it running?", null);
    } catch (IOException e) {
      throw new ApiError(0, "", "cannot reach the API server at " + server + ": " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(0, "", "interrupted", null);
    }
    JsonNode json = parseOrNull(text);
    if (code >= 300) {
      throw ApiError.from(code, json, text);
    }
    return new Reply(code, json, headers);
  }

  /** A request over HttpURLConnection: no proxy and no redirects, like the JDK client here. */
  private HttpURLConnection open(String method, String path, String contentType, byte[] body)
      throws IOException {
    HttpURLConnection c = (HttpURLConnection) server.resolve(path).toURL()
        .openConnection(Proxy.NO_PROXY);
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
    c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
    c.setRequestMethod(method);
    c.setRequestProperty("Accept", JSON);
    if (token != null && !token.isEmpty()) {
      c.setRequestProperty("Authorization", "Bearer " + token);
    }
    if (body != null) {
      c.setRequestProperty("Content-Type", contentType);
      c.setDoOutput(true);
      c.setFixedLengthStreamingMode(body.length);
      try (var out = c.getOutputStream()) {
        out.write(body);
      }
    }
    return c;
  }

  private static ObjectNode object(Reply r) {
    return (ObjectNode) r.body;
  }

  private static JsonNode parseOrNull(String s) {
    try {
      return s == null || s.isEmpty() ? null : Codecs.trustedJson().readTree(s);
    } catch (IOException e) {
      return null;
    }
  }

  private static String namespaceOf(JsonNode o) {
    String ns = o.path("metadata").path("namespace").asText("");
    return ns.isEmpty() ? null : ns;
  }

  private static String namespaceOr(JsonNode o, String fallback) {
    String ns = namespaceOf(o);
    return ns == null ? fallback : ns;
  }

  private static String nameOf(JsonNode o) {
    String name = o.path("metadata").path("name").asText("");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("metadata.name is required");
    }
    return name;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
