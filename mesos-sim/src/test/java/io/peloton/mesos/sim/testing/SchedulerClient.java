package io.peloton.mesos.sim.testing;


import com.google.protobuf.ByteString;
import io.peloton.mesos.sim.wire.StoutJson;
import io.peloton.mesos.sim.wire.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * A minimal v1 scheduler client for tests: SUBSCRIBE over a raw socket (so tests see the exact
 * status line, headers, chunked body and RecordIO framing, and can drop the connection), calls over
 * java.net.http, and an event log to await on.
 */
public final class SchedulerClient implements AutoCloseable {
  public static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final int port;
  private final WireFormat format;
  private final Socket socket;
  public final int status;
  public final Map<String, String> headers;
  public final List<Event> events = new CopyOnWriteArrayList<>();
  public final String errorBody;
  private volatile boolean streamEnded;
  private volatile String frameworkId;

  private SchedulerClient(int port, WireFormat format, Socket socket, int status, Map<String, String> headers,
                          String errorBody) {
    this.port = port;
    this.format = format;
    this.socket = socket;
    this.status = status;
    this.headers = headers;
    this.errorBody = errorBody;
  }

  /** A FrameworkInfo with MULTI_ROLE and the given roles. */
  public static Protos.FrameworkInfo.Builder framework(String... roles) {
    Protos.FrameworkInfo.Builder b = Protos.FrameworkInfo.newBuilder().setUser("svc").setName("test")
        .addCapabilities(Protos.FrameworkInfo.Capability.newBuilder()
            .setType(Protos.FrameworkInfo.Capability.Type.MULTI_ROLE));
    for (String r : roles.length == 0 ? new String[] {"eng"} : roles) {
      b.addRoles(r);
    }
    return b;
  }

  public static Protos.FrameworkInfo.Builder withCapability(Protos.FrameworkInfo.Builder b,
                                                            Protos.FrameworkInfo.Capability.Type type) {
    return b.addCapabilities(Protos.FrameworkInfo.Capability.newBuilder().setType(type));
  }

  /** SUBSCRIBE with the FrameworkInfo (its id, if any, is put in both places). */
  public static SchedulerClient subscribe(int port, WireFormat format, Protos.FrameworkInfo info) {
    Call.Builder call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
    if (info.hasId()) {
      call.setFrameworkId(info.getId());
    }
    return open(port, format, encode(format, call.build()), format.mediaType(), format.mediaType(), Map.of());
  }

  /** Raw SUBSCRIBE-style POST with explicit content type, accept (null = none) and extra headers. */
  public static SchedulerClient open(int port, WireFormat format, byte[] body, String contentType, String accept,
                                     Map<String, String> extraHeaders) {
    try {
      Socket socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(60_000);
      StringBuilder req = new StringBuilder("POST /api/v1/scheduler HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
      if (contentType != null) {
        req.append("Content-Type: ").append(contentType).append("\r\n");
      }
      if (accept != null) {
        req.append("Accept: ").append(accept).append("\r\n");
      }
      extraHeaders.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
      req.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = readLine(in);
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
        int i = line.indexOf(':');
        headers.put(line.substring(0, i).trim(), line.substring(i + 1).trim());
      }
      if (status != 200) {
        int len = Integer.parseInt(headers.getOrDefault("Content-Length", "0"));
        String text = new String(in.readNBytes(len), StandardCharsets.UTF_8);
        socket.close();
        return new SchedulerClient(port, format, null, status, headers, text);
      }
      WireFormat streamFormat = WireFormat.ofContentType(headers.get("Content-Type"));
      SchedulerClient client = new SchedulerClient(port, streamFormat == null ? format : streamFormat, socket, status,
          headers, null);
      Thread reader = new Thread(() -> client.readStream(in), "test-stream-reader");
      reader.setDaemon(true);
      reader.start();
      return client;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void readStream(InputStream in) {
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    try {
      while (true) {
        String sizeLine = readLine(in);
        int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
        if (size == 0) {
          break;
        }
        pending.write(in.readNBytes(size));
        readLine(in); // CRLF after chunk data
        byte[] buf = pending.toByteArray();
        int consumed = decodeRecords(buf);
        pending.reset();
        pending.write(buf, consumed, buf.length - consumed);
      }
    } catch (IOException | RuntimeException e) {
      // stream closed
    } finally {
      streamEnded = true;
    }
  }

  /** RecordIO decode: returns the bytes consumed by complete records. */
  private int decodeRecords(byte[] buf) throws IOException {
    int pos = 0;
    while (true) {
      int nl = -1;
      for (int i = pos; i < buf.length; i++) {
        if (buf[i] == '\n') {
          nl = i;
          break;
        }
      }
      if (nl < 0) {
        return pos;
      }
      int len = Integer.parseInt(new String(buf, pos, nl - pos, StandardCharsets.US_ASCII));
      if (nl + 1 + len > buf.length) {
        return pos;
      }
      byte[] record = java.util.Arrays.copyOfRange(buf, nl + 1, nl + 1 + len);
      Event event = format == WireFormat.JSON
          ? StoutJson.parse(new String(record, StandardCharsets.UTF_8), Event.newBuilder()).build()
          : Event.parseFrom(record);
      if (event.getType() == Event.Type.SUBSCRIBED) {
        frameworkId = event.getSubscribed().getFrameworkId().getValue();
      }
      events.add(event);
      pos = nl + 1 + len;
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    if (c == -1 && sb.length() == 0) {
      throw new IOException("EOF");
    }
    return sb.toString();
  }

  public static byte[] encode(WireFormat format, Call call) {
    return format.encode(call);
  }

  public String streamId() {
    return headers.get("Mesos-Stream-Id");
  }

  public WireFormat format() {
    return format;
  }

  public boolean streamEnded() {
    return streamEnded;
  }

  /** Waits for SUBSCRIBED and returns the framework id. */
  public String frameworkId() {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> frameworkId != null);
    return frameworkId;
  }

  public Protos.FrameworkID fid() {
    return Protos.FrameworkID.newBuilder().setValue(frameworkId()).build();
  }

  /** Waits for the first event matching and returns it. */
  public Event await(Predicate<Event> match) {
    return await(match, Duration.ofSeconds(30));
  }

  public Event await(Predicate<Event> match, Duration timeout) {
    org.awaitility.Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> events.stream().anyMatch(match));
    return events.stream().filter(match).findFirst().orElseThrow();
  }

  /** Waits for the n-th (1-based) event matching. */
  public Event awaitNth(Predicate<Event> match, int n) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .until(() -> events.stream().filter(match).count() >= n);
    return events.stream().filter(match).skip(n - 1).findFirst().orElseThrow();
  }

  public long count(Predicate<Event> match) {
    return events.stream().filter(match).count();
  }

  public static Predicate<Event> type(Event.Type type) {
    return e -> e.getType() == type;
  }

  /** Waits for an UPDATE of the task in the given state. */
  public Protos.TaskStatus awaitUpdate(String taskId, Protos.TaskState state) {
    return await(e -> e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
        && e.getUpdate().getStatus().getState() == state).getUpdate().getStatus();
  }

  public List<Protos.TaskStatus> updates(String taskId) {
    List<Protos.TaskStatus> out = new ArrayList<>();
    for (Event e : events) {
      if (e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)) {
        out.add(e.getUpdate().getStatus());
      }
    }
    return out;
  }

  /** Waits for the first offer (from any OFFERS event) after the given count of offers seen. */
  public Protos.Offer awaitOffer() {
    return await(type(Event.Type.OFFERS)).getOffers().getOffers(0);
  }

  public List<Protos.Offer> allOffers() {
    List<Protos.Offer> out = new ArrayList<>();
    for (Event e : events) {
      if (e.getType() == Event.Type.OFFERS) {
        out.addAll(e.getOffers().getOffersList());
      }
    }
    return out;
  }

  /** Sends a call with this subscription's stream id; returns the HTTP response. */
  public HttpResponse<String> call(Call call) {
    return call(call, streamId());
  }

  public HttpResponse<String> call(Call call, String streamId) {
    return post(port, format, call, streamId);
  }

  public static HttpResponse<String> post(int port, WireFormat format, Call call, String streamId) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/scheduler"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", format.mediaType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(encode(format, call)));
    if (streamId != null) {
      b.header("Mesos-Stream-Id", streamId);
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------- call builders

  public Call.Builder callOf(Call.Type type) {
    return Call.newBuilder().setType(type).setFrameworkId(fid());
  }

  public HttpResponse<String> accept(Protos.Offer offer, Protos.Offer.Operation... ops) {
    Call.Accept.Builder a = Call.Accept.newBuilder().addOfferIds(offer.getId());
    for (Protos.Offer.Operation op : ops) {
      a.addOperations(op);
    }
    return call(callOf(Call.Type.ACCEPT).setAccept(a).build());
  }

  public HttpResponse<String> acknowledge(Protos.TaskStatus status) {
    return call(callOf(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
        .setAgentId(status.getAgentId()).setTaskId(status.getTaskId()).setUuid(status.getUuid())).build());
  }

  public HttpResponse<String> reconcile(String taskId, Protos.AgentID agentId) {
    Call.Reconcile.Task.Builder t = Call.Reconcile.Task.newBuilder()
        .setTaskId(Protos.TaskID.newBuilder().setValue(taskId));
    if (agentId != null) {
      t.setAgentId(agentId);
    }
    return call(callOf(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder().addTasks(t)).build());
  }

  public HttpResponse<String> reconcileAll() {
    return call(callOf(Call.Type.RECONCILE).setReconcile(Call.Reconcile.getDefaultInstance()).build());
  }

  public HttpResponse<String> kill(String taskId, Protos.AgentID agentId) {
    Call.Kill.Builder k = Call.Kill.newBuilder().setTaskId(Protos.TaskID.newBuilder().setValue(taskId));
    if (agentId != null) {
      k.setAgentId(agentId);
    }
    return call(callOf(Call.Type.KILL).setKill(k).build());
  }

  public HttpResponse<String> decline(Protos.OfferID id, double refuseSeconds) {
    return call(callOf(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder().addOfferIds(id)
        .setFilters(Protos.Filters.newBuilder().setRefuseSeconds(refuseSeconds))).build());
  }

  /** A LAUNCH operation for one command task on the offer's agent. */
  public static Protos.Offer.Operation launch(Protos.Offer offer, String taskId, String command, double cpus,
                                              double mem) {
    return Protos.Offer.Operation.newBuilder().setType(Protos.Offer.Operation.Type.LAUNCH)
        .setLaunch(Protos.Offer.Operation.Launch.newBuilder().addTaskInfos(task(offer, taskId, command, cpus, mem)))
        .build();
  }

  public static Protos.TaskInfo task(Protos.Offer offer, String taskId, String command, double cpus, double mem) {
    return Protos.TaskInfo.newBuilder().setName(taskId).setTaskId(Protos.TaskID.newBuilder().setValue(taskId))
        .setAgentId(offer.getAgentId())
        .addResources(scalar("cpus", cpus)).addResources(scalar("mem", mem))
        .setCommand(Protos.CommandInfo.newBuilder().setValue(command)).build();
  }

  public static Protos.Resource scalar(String name, double value) {
    return Protos.Resource.newBuilder().setName(name).setType(Protos.Value.Type.SCALAR)
        .setScalar(Protos.Value.Scalar.newBuilder().setValue(value)).build();
  }

  /** Launches a task and acknowledges updates until it is RUNNING; returns the RUNNING status. */
  public Protos.TaskStatus launchRunning(Protos.Offer offer, String taskId, String command) {
    accept(offer, launch(offer, taskId, command, 0.1, 32));
    Protos.TaskStatus starting = awaitUpdate(taskId, Protos.TaskState.TASK_STARTING);
    acknowledge(starting);
    Protos.TaskStatus running = awaitUpdate(taskId, Protos.TaskState.TASK_RUNNING);
    acknowledge(running);
    return running;
  }

  public static ByteString bytes(String s) {
    return ByteString.copyFromUtf8(s);
  }

  public static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Drops the subscription connection (the master sees the framework disconnect). */
  @Override
  public void close() {
    try {
      if (socket != null) {
        socket.close();
      }
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
