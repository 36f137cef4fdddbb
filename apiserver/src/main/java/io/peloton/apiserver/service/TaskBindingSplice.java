package io.peloton.apiserver.service;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.peloton.api.codec.JsonCursor;
import io.peloton.api.task.TaskConditions;
import io.peloton.apiserver.cache.ObjectCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Binds a Task by editing its cached JSON in place: sets {@code spec.host}, bumps
 * {@code metadata.generation}, sets the {@code Scheduled} condition in status (as a Kubernetes
 * binding sets PodScheduled) and drops the cache's {@code resourceVersion}, in one pass over
 * the bytes, without tokenising or building a tree. A scheduler writes tens of thousands of
 * bindings a second, so this path stays lean; anything unusual answers
 * {@link Outcome#UNSUPPORTED} and the caller takes the tree path.
 */
final class TaskBindingSplice {
  private static final byte[] COMMA = {','};
  private static final byte[] CONDITIONS = JsonCursor.ascii("\"conditions\":[");
  private static final byte[] CLOSE_ARRAY = JsonCursor.ascii("]");
  private static final byte[] CLOSE_ARRAY_COMMA = JsonCursor.ascii("],");
  private static final byte[] STATUS_WITH_CONDITIONS =
      JsonCursor.ascii(",\"status\":{\"conditions\":[");
  private static final byte[] CLOSE_BOTH = JsonCursor.ascii("]}");
  private static final byte[] METADATA = JsonCursor.ascii("metadata");
  private static final byte[] SPEC = JsonCursor.ascii("spec");
  private static final byte[] STATUS = JsonCursor.ascii("status");
  private static final byte[] RESOURCE_VERSION = JsonCursor.ascii("resourceVersion");
  private static final byte[] NAME = JsonCursor.ascii("name");
  private static final byte[] NAMESPACE = JsonCursor.ascii("namespace");
  private static final byte[] UID = JsonCursor.ascii("uid");
  private static final byte[] CREATED = JsonCursor.ascii("creationTimestamp");
  private static final byte[] DELETION = JsonCursor.ascii("deletionTimestamp");
  private static final byte[] GENERATION = JsonCursor.ascii("generation");
  private static final byte[] HOST = JsonCursor.ascii("host");
  private static final byte[] HOST_FIELD = JsonCursor.ascii("\"host\":");
  private static final byte[] CONDITIONS_NAME = JsonCursor.ascii("conditions");
  private static final byte[] TYPE = JsonCursor.ascii("type");

  private TaskBindingSplice() {}

  /** What became of the binding. */
  enum Outcome { BOUND, ALREADY_BOUND, BOUND_ELSEWHERE, DELETING, UNSUPPORTED }

  /**
   * @param stored the value to store (BOUND only)
   * @param boundHost the host the Task was already bound to (ALREADY_BOUND, BOUND_ELSEWHERE)
   */
  record Result(Outcome outcome, byte[] stored, String boundHost, ObjectIdentity identity) {
    static Result of(Outcome o) {
      return new Result(o, null, null, null);
    }
  }

  /**
   * The {@code Scheduled} condition of one batch's bindings: rendered once for the batch's
   * transition time, with each binding's host put into its message.
   */
  static final class ScheduledJson {
    /** Stands for the host while rendering: no host name holds a NUL, so it is found exactly. */
    private static final String MARK = "\u0000host\u0000";
    private final byte[] before;
    private final byte[] after;

    ScheduledJson(Instant now) {
      byte[] whole = ObjectCodec.bytes(TaskConditions.boundTo(MARK, now));
      byte[] mark = JsonStringEncoder.getInstance().quoteAsUTF8(MARK);
      int at = indexOf(whole, mark);
      before = Arrays.copyOfRange(whole, 0, at);
      after = Arrays.copyOfRange(whole, at + mark.length, whole.length);
    }

    byte[] forHost(String host) {
      return concat(before, JsonStringEncoder.getInstance().quoteAsUTF8(host), after);
    }

    private static int indexOf(byte[] in, byte[] what) {
      for (int i = 0; i + what.length <= in.length; i++) {
        if (Arrays.equals(in, i, i + what.length, what, 0, what.length)) {
          return i;
        }
      }
      throw new IllegalStateException("the bound message does not name its host");
    }
  }

  private record Edit(int from, int to, byte[] with) {}

  /**
   * @param cached a Task's JSON as the watch cache serves it (resourceVersion first in metadata)
   * @param scheduled the {@code Scheduled} condition to set, as JSON
   */
  static Result bind(byte[] cached, String host, byte[] scheduled) {
    try {
      JsonCursor c = new JsonCursor(cached);
      List<Edit> edits = new ArrayList<>(4);
      ObjectIdentity id = null;
      String bound = null;
      boolean sawSpec = false;
      boolean sawStatus = false;
      c.enterObject();
      while (c.nextField()) {
        if (c.nameIs(METADATA) && c.peek() == '{') {
          id = metadata(c, edits);
          if (id == null) {
            return Result.of(Outcome.UNSUPPORTED);
          }
          if (id.generation() < 0) {
            return Result.of(Outcome.DELETING);
          }
        } else if (c.nameIs(SPEC) && c.peek() == '{') {
          sawSpec = true;
          bound = spec(c, host, edits);
        } else if (c.nameIs(STATUS) && c.peek() == '{') {
          sawStatus = true;
          status(c, scheduled, edits);
        } else {
          c.skipValue();
        }
      }
      if (id == null || !sawSpec) {
        return Result.of(Outcome.UNSUPPORTED);
      }
      if (!sawStatus) {
        int end = c.position() - 1; // the closing brace just read
        edits.add(new Edit(end, end, concat(STATUS_WITH_CONDITIONS, scheduled, CLOSE_BOTH)));
      }
      if (bound != null) {
        return new Result(bound.equals(host) ? Outcome.ALREADY_BOUND : Outcome.BOUND_ELSEWHERE,
            null, bound, id);
      }
      return new Result(Outcome.BOUND, apply(cached, edits), null, new ObjectIdentity(id.name(),
          id.namespace(), id.uid(), id.generation() + 1, id.creationTimestamp()));
    } catch (RuntimeException e) {
      return Result.of(Outcome.UNSUPPORTED);
    }
  }

  /** Scans metadata; null when it lacks what the splice needs; generation -1 when deleting. */
  private static ObjectIdentity metadata(JsonCursor c, List<Edit> edits) {
    String name = null;
    String namespace = null;
    String uid = null;
    String created = null;
    long generation = 0;
    boolean deleting = false;
    int rvStart = -1;
    boolean rvDropped = false;
    c.enterObject();
    while (c.nextField()) {
      if (rvStart >= 0 && !rvDropped) {
        edits.add(new Edit(rvStart, c.fieldStart(), new byte[0]));
        rvDropped = true;
      }
      if (c.nameIs(RESOURCE_VERSION)) {
        rvStart = c.fieldStart();
        c.skipValue();
      } else if (c.nameIs(NAME)) {
        name = c.stringValue();
      } else if (c.nameIs(NAMESPACE)) {
        namespace = c.stringValue();
      } else if (c.nameIs(UID)) {
        uid = c.stringValue();
      } else if (c.nameIs(CREATED)) {
        created = c.stringValue();
      } else if (c.nameIs(DELETION)) {
        deleting = c.peek() != 'n';
        c.skipValue();
      } else if (c.nameIs(GENERATION)) {
        int start = c.position();
        generation = c.longValue();
        edits.add(new Edit(start, c.position(),
            Long.toString(generation + 1).getBytes(StandardCharsets.US_ASCII)));
      } else {
        c.skipValue();
      }
    }
    if (rvStart < 0 || !rvDropped || generation < 1 || name == null) {
      return null;
    }
    return new ObjectIdentity(name, namespace, uid, deleting ? -1 : generation, created);
  }

  /** Scans spec: the host it is bound to, or null after adding the edit that binds it. */
  private static String spec(JsonCursor c, String host, List<Edit> edits) {
    int open = c.position();
    byte[] quoted = quote(host);
    c.enterObject();
    boolean empty = c.peek() == '}';
    if (!c.findField(HOST)) {
      edits.add(new Edit(open + 1, open + 1,
          concat(HOST_FIELD, quoted, empty ? new byte[0] : COMMA)));
      return null;
    }
    int start = c.position();
    String current = c.stringValue(); // not a string: the tree path
    int end = c.position();
    c.exitObject();
    if (current != null && !current.isEmpty()) {
      return current;
    }
    edits.add(new Edit(start, end, quoted));
    return null;
  }

  /** Replaces the {@code Scheduled} condition in status, or adds it. */
  private static void status(JsonCursor c, byte[] scheduled, List<Edit> edits) {
    int open = c.position();
    c.enterObject();
    boolean empty = c.peek() == '}';
    if (!c.findField(CONDITIONS_NAME)) {
      edits.add(new Edit(open + 1, open + 1,
          concat(CONDITIONS, scheduled, empty ? CLOSE_ARRAY : CLOSE_ARRAY_COMMA)));
      return;
    }
    int arrayOpen = c.position();
    c.enterArray(); // not an array (null too): the tree path
    boolean any = false;
    boolean replaced = false;
    while (c.nextElement()) {
      any = true;
      int start = c.position();
      c.enterObject(); // a non-object condition: the tree path
      String type = null;
      if (c.findField(TYPE)) {
        type = c.stringValue();
        c.exitObject();
      }
      if (!replaced && TaskConditions.SCHEDULED.equals(type)) {
        edits.add(new Edit(start, c.position(), scheduled));
        replaced = true;
      }
    }
    if (!replaced) {
      edits.add(new Edit(arrayOpen + 1, arrayOpen + 1,
          any ? concat(scheduled, COMMA) : scheduled));
    }
    c.exitObject();
  }

  private static byte[] quote(String s) {
    return concat(new byte[] {'"'}, JsonStringEncoder.getInstance().quoteAsUTF8(s),
        new byte[] {'"'});
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] apply(byte[] json, List<Edit> edits) {
    edits.sort(Comparator.comparingInt(Edit::from));
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 64);
    int at = 0;
    for (Edit e : edits) {
      out.write(json, at, e.from() - at);
      out.writeBytes(e.with());
      at = e.to();
    }
    out.write(json, at, json.length - at);
    return out.toByteArray();
  }
}
