package io.peloton.apiserver.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.peloton.api.codec.Codecs;
import io.peloton.api.task.TaskConditions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Binds a Task by editing its cached JSON in place: sets {@code spec.host}, bumps
 * {@code metadata.generation}, sets the {@code Scheduled} condition in status (as a Kubernetes
 * binding sets PodScheduled) and drops the cache's {@code resourceVersion}, in one streaming
 * pass and without building a tree. A scheduler writes tens of thousands of bindings a second,
 * so this path stays lean; anything unusual answers {@link Outcome#UNSUPPORTED} and the caller
 * takes the tree path.
 */
final class TaskBindingSplice {
  private static final byte[] COMMA = {','};
  private static final byte[] CONDITIONS = ascii("\"conditions\":[");
  private static final byte[] CLOSE_ARRAY = ascii("]");
  private static final byte[] CLOSE_ARRAY_COMMA = ascii("],");
  private static final byte[] STATUS_WITH_CONDITIONS = ascii(",\"status\":{\"conditions\":[");
  private static final byte[] CLOSE_BOTH = ascii("]}");

  private TaskBindingSplice() {}

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** What became of the binding. */
  enum Outcome { BOUND, ALREADY_BOUND, BOUND_ELSEWHERE, DELETING, UNSUPPORTED }

  /**
   * @param stored the value to store (BOUND only)
   * @param boundHost the host the Task was already bound to (ALREADY_BOUND, BOUND_ELSEWHERE)
   */
  record Result(Outcome outcome, byte[] stored, String boundHost, Identity identity) {
    static Result of(Outcome o) {
      return new Result(o, null, null, null);
    }
  }

  /** The metadata a binding answer carries. */
  record Identity(String name, String namespace, String uid, long generation,
      String creationTimestamp) {}

  private record Edit(int from, int to, byte[] with) {}

  /**
   * @param cached a Task's JSON as the watch cache serves it (resourceVersion first in metadata)
   * @param scheduled the {@code Scheduled} condition to set, as JSON
   */
  static Result bind(byte[] cached, String host, byte[] scheduled) {
    try (JsonParser p = Codecs.trustedJson().getFactory().createParser(cached)) {
      List<Edit> edits = new ArrayList<>(3);
      Identity id = null;
      String bound = null;
      boolean sawSpec = false;
      boolean sawStatus = false;
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Result.of(Outcome.UNSUPPORTED);
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("metadata") && value == JsonToken.START_OBJECT) {
          id = metadata(p, edits);
          if (id == null) {
            return Result.of(Outcome.UNSUPPORTED);
          }
          if (id.generation() < 0) {
            return Result.of(Outcome.DELETING);
          }
        } else if (field.equals("spec") && value == JsonToken.START_OBJECT) {
          sawSpec = true;
          bound = spec(p, host, edits);
        } else if (field.equals("status") && value == JsonToken.START_OBJECT) {
          sawStatus = true;
          status(p, scheduled, edits);
        } else {
          p.skipChildren();
        }
      }
      if (id == null || !sawSpec) {
        return Result.of(Outcome.UNSUPPORTED);
      }
      if (!sawStatus) {
        int end = offset(p);
        edits.add(new Edit(end, end, concat(STATUS_WITH_CONDITIONS, scheduled, CLOSE_BOTH)));
      }
      if (bound != null) {
        return new Result(bound.equals(host) ? Outcome.ALREADY_BOUND : Outcome.BOUND_ELSEWHERE,
            null, bound, id);
      }
      return new Result(Outcome.BOUND, apply(cached, edits), null, new Identity(id.name(),
          id.namespace(), id.uid(), id.generation() + 1, id.creationTimestamp()));
    } catch (IOException | RuntimeException e) {
      return Result.of(Outcome.UNSUPPORTED);
    }
  }

  /** Scans metadata; null when it lacks what the splice needs; generation -1 when deleting. */
  private static Identity metadata(JsonParser p, List<Edit> edits) throws IOException {
    String name = null;
    String namespace = null;
    String uid = null;
    String created = null;
    long generation = 0;
    boolean deleting = false;
    int rvStart = -1;
    boolean rvDropped = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      int fieldStart = offset(p);
      if (rvStart >= 0 && !rvDropped) {
        edits.add(new Edit(rvStart, fieldStart, new byte[0]));
        rvDropped = true;
      }
      String m = p.currentName();
      JsonToken v = p.nextToken();
      switch (m) {
        case "resourceVersion" -> rvStart = fieldStart;
        case "name" -> name = p.getValueAsString();
        case "namespace" -> namespace = p.getValueAsString();
        case "uid" -> uid = p.getValueAsString();
        case "creationTimestamp" -> created = p.getValueAsString();
        case "deletionTimestamp" -> deleting = v != JsonToken.VALUE_NULL;
        case "generation" -> {
          if (v != JsonToken.VALUE_NUMBER_INT) {
            return null;
          }
          int start = offset(p);
          generation = p.getLongValue();
          edits.add(new Edit(start, start + p.getText().length(),
              Long.toString(generation + 1).getBytes(StandardCharsets.US_ASCII)));
        }
        default -> p.skipChildren();
      }
    }
    if (rvStart < 0 || !rvDropped || generation < 1 || name == null) {
      return null;
    }
    return new Identity(name, namespace, uid, deleting ? -1 : generation, created);
  }

  /** Scans spec: the host it is bound to, or null after adding the edit that binds it. */
  private static String spec(JsonParser p, String host, List<Edit> edits) throws IOException {
    int open = offset(p);
    byte[] quoted = quote(host);
    boolean empty = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      empty = false;
      String f = p.currentName();
      JsonToken v = p.nextToken();
      if (!f.equals("host")) {
        p.skipChildren();
        continue;
      }
      String current = v == JsonToken.VALUE_STRING ? p.getText() : null;
      if (current != null && !current.isEmpty()) {
        return current;
      }
      if (v != JsonToken.VALUE_NULL && v != JsonToken.VALUE_STRING) {
        throw new IOException("spec.host is not a string");
      }
      int start = offset(p);
      edits.add(new Edit(start, start + (v == JsonToken.VALUE_NULL ? 4 : 2), quoted));
      p.skipChildren();
      skipRest(p);
      return null;
    }
    byte[] field = concat("\"host\":".getBytes(StandardCharsets.US_ASCII), quoted,
        empty ? new byte[0] : new byte[] {','});
    edits.add(new Edit(open + 1, open + 1, field));
    return null;
  }

  /** Replaces the {@code Scheduled} condition in status, or adds it. */
  private static void status(JsonParser p, byte[] scheduled, List<Edit> edits)
      throws IOException {
    int open = offset(p);
    boolean empty = true;
    boolean sawConditions = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      empty = false;
      String f = p.currentName();
      JsonToken v = p.nextToken();
      if (!f.equals("conditions")) {
        p.skipChildren();
        continue;
      }
      if (v != JsonToken.START_ARRAY) {
        throw new IOException("status.conditions is not an array"); // null too: the tree path
      }
      sawConditions = true;
      int arrayOpen = offset(p);
      boolean any = false;
      boolean replaced = false;
      while (p.nextToken() == JsonToken.START_OBJECT) {
        any = true;
        int start = offset(p);
        String type = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String cf = p.currentName();
          p.nextToken();
          if (cf.equals("type")) {
            type = p.getValueAsString();
          } else {
            p.skipChildren();
          }
        }
        if (!replaced && TaskConditions.SCHEDULED.equals(type)) {
          edits.add(new Edit(start, offset(p) + 1, scheduled));
          replaced = true;
        }
      }
      if (p.currentToken() != JsonToken.END_ARRAY) {
        throw new IOException("status.conditions holds a non-object");
      }
      if (!replaced) {
        edits.add(new Edit(arrayOpen + 1, arrayOpen + 1,
            any ? concat(scheduled, COMMA) : scheduled));
      }
    }
    if (!sawConditions) {
      edits.add(new Edit(open + 1, open + 1,
          concat(CONDITIONS, scheduled, empty ? CLOSE_ARRAY : CLOSE_ARRAY_COMMA)));
    }
  }

  private static void skipRest(JsonParser p) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      p.nextToken();
      p.skipChildren();
    }
  }

  private static int offset(JsonParser p) {
    return (int) p.currentTokenLocation().getByteOffset();
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
