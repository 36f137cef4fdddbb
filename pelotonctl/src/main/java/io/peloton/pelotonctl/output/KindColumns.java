package io.peloton.pelotonctl.output;

import static io.peloton.pelotonctl.output.Fields.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The columns {@code get} shows for each kind: NAME first, AGE last; {@code -o wide} adds some. */
public final class KindColumns {
  /** One column: its header, how to read it, and whether only {@code -o wide} shows it. */
  public record Column(String header, Function<JsonNode, String> value, boolean wideOnly) {}

  private KindColumns() {}

  /** The columns; AGE is read from {@code clock} for each row, so rows under -w age. */
  public static List<Column> of(ResourceType type, boolean wide, boolean allNamespaces,
      java.time.Clock clock) {
    List<Column> cols = new ArrayList<>();
    if (allNamespaces && type.namespaced()) {
      cols.add(col("NAMESPACE", "metadata.namespace"));
    }
    cols.add(col("NAME", "metadata.name"));
    if (type == ResourceTypes.RESOURCE_POOL) {
      cols.add(col("PARENT", "spec.parent"));
      cols.add(new Column("CPU", o -> resource(o, "cpu"), false));
      cols.add(new Column("MEMORY", o -> resource(o, "memory"), false));
      cols.add(new Column("DISK", o -> resource(o, "disk"), true));
      cols.add(new Column("GPU", o -> resource(o, "gpu"), true));
      cols.add(new Column("STATUS", KindColumns::poolStatus, false));
    } else if (type == ResourceTypes.JOB) {
      cols.add(col("TYPE", "spec.type"));
      cols.add(col("STATE", "status.state"));
      cols.add(new Column("READY", o -> {
        String running = text(o, "status.taskStats.RUNNING");
        String count = text(o, "spec.instanceCount");
        if (count.isEmpty()) {
          // a DAEMON job has no count: one instance per eligible host, as many as it has tasks
          int tasks = 0;
          for (var n : o.path("status").path("taskStats")) {
            tasks += n.asInt(0);
          }
          count = Integer.toString(tasks);
        }
        return (running.isEmpty() ? "0" : running) + "/" + count;
      }, false));
      cols.add(col("POOL", "spec.respool"));
      cols.add(new Column("PRIORITY", o -> text(o, "spec.sla.priority"), true));
      cols.add(new Column("OWNER", o -> text(o, "spec.owningTeam"), true));
    } else if (type == ResourceTypes.TASK) {
      cols.add(col("JOB", "spec.job"));
      cols.add(new Column("STATE", TaskStates::of, false));
      cols.add(new Column("HOST", o -> first(text(o, "status.host"), text(o, "spec.host")), false));
      cols.add(new Column("GOAL", o -> text(o, "spec.goalState"), true));
      cols.add(new Column("RUN", o -> text(o, "spec.runId"), true));
      cols.add(new Column("REASON", o -> text(o, "status.reason"), true));
    } else if (type == ResourceTypes.HOST) {
      cols.add(col("STATE", "status.state"));
      cols.add(col("MAINTENANCE", "spec.maintenance"));
      cols.add(col("CPU", "status.capacity.cpu"));
      cols.add(col("MEMORY", "status.capacity.memory"));
      cols.add(new Column("GPU", o -> text(o, "status.capacity.gpu"), true));
      cols.add(new Column("IP", o -> text(o, "status.ip"), true));
    } else if (type == ResourceTypes.HOST_MAINTENANCE) {
      cols.add(col("HOSTS", "spec.hosts"));
      cols.add(new Column("COMPLETE", o -> text(o, "spec.complete").isEmpty() ? "false"
          : text(o, "spec.complete"), false));
      // progress and blockers belong in the table, not only in -o yaml
      cols.add(new Column("PROGRESS", KindColumns::maintenanceProgress, false));
      cols.add(new Column("TASKS-LEFT", o -> {
        int left = 0;
        for (JsonNode h : o.path("status").path("hosts")) {
          left += h.path("tasksRemaining").asInt(0);
        }
        return Integer.toString(left);
      }, false));
      cols.add(new Column("START", o -> text(o, "spec.start"), true));
      cols.add(new Column("DURATION", o -> text(o, "spec.duration"), true));
    } else if (type == ResourceTypes.EVENT) {
      cols.add(col("TYPE", "type"));
      cols.add(col("REASON", "reason"));
      cols.add(new Column("OBJECT", o -> text(o, "involvedObject.kind").toLowerCase(
          java.util.Locale.ROOT) + "/" + text(o, "involvedObject.name"), false));
      cols.add(col("COUNT", "count"));
    } else if (type == ResourceTypes.LEASE) {
      cols.add(col("HOLDER", "spec.holderIdentity"));
    }
    cols.add(new Column("AGE", o -> Age.since(text(o, "metadata.creationTimestamp"),
        clock.instant()), false));
    if (type == ResourceTypes.HOST_MAINTENANCE) {
      // free text for people, last so that it may hold spaces (see freeTextLast)
      cols.add(new Column("BLOCKED-BY", KindColumns::blockers, false));
    }
    return wide ? cols : cols.stream().filter(c -> !c.wideOnly()).toList();
  }

  public static List<String> headers(List<Column> cols) {
    return cols.stream().map(Column::header).toList();
  }

  public static List<String> row(List<Column> cols, JsonNode o) {
    return cols.stream().map(c -> c.value().apply(o)).toList();
  }

  private static Column col(String header, String path) {
    return new Column(header, o -> text(o, path), false);
  }

  private static String resource(JsonNode o, String kind) {
    for (JsonNode r : o.path("spec").path("resources")) {
      if (kind.equals(r.path("kind").asText())) {
        return text(r, "reservation") + "/" + text(r, "limit");
      }
    }
    return "";
  }

  /** "Deleting" while a pool goes; else "Ready", or why it is not (its Ready condition). */
  private static String poolStatus(JsonNode o) {
    if (!text(o, "metadata.deletionTimestamp").isEmpty()) {
      return "Deleting";
    }
    for (JsonNode c : o.path("status").path("conditions")) {
      if ("Ready".equals(c.path("type").asText())) {
        return "True".equals(c.path("status").asText()) ? "Ready" : c.path("reason").asText();
      }
    }
    return "";
  }

  /** True when the last column is free text (kept as written, spaces and all). */
  public static boolean freeTextLast(ResourceType type) {
    return type == ResourceTypes.HOST_MAINTENANCE;
  }

  /** Why draining is held up, host by host. */
  private static String blockers(JsonNode o) {
    List<String> why = new ArrayList<>();
    for (JsonNode h : o.path("status").path("hosts")) {
      String b = h.path("blockedBy").asText("");
      if (!b.isEmpty()) {
        why.add(h.path("host").asText() + ": " + b);
      }
    }
    return String.join("; ", why);
  }

  /** Each host's state, e.g. {@code h1=DRAINING,h2=DOWN}. */
  private static String maintenanceProgress(JsonNode o) {
    List<String> parts = new ArrayList<>();
    for (JsonNode h : o.path("status").path("hosts")) {
      parts.add(h.path("host").asText() + "=" + h.path("state").asText("?"));
    }
    return String.join(",", parts);
  }

  private static String first(String a, String b) {
    return a.isEmpty() ? b : a;
  }
}
