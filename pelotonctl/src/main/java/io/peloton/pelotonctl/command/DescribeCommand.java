package io.peloton.pelotonctl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.client.ApiError;
import io.peloton.client.ListOptions;
import io.peloton.pelotonctl.ExitCodes;
import io.peloton.pelotonctl.output.Age;
import io.peloton.pelotonctl.output.Fields;
import io.peloton.pelotonctl.output.ObjectPrinter;
import io.peloton.pelotonctl.output.Table;
import io.peloton.pelotonctl.output.TaskStates;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code describe}: a person's view of objects: metadata, spec, status, conditions, events. */
@Command(name = "describe", description = "Show details of objects: metadata, spec summary, "
    + "status, conditions and recent Events.")
public final class DescribeCommand extends ClientCommand {
  private static final int RECENT_EVENTS = 10;

  @Parameters(arity = "1..*", paramLabel = "KIND [NAME...]")
  List<String> args;

  @Override
  protected int run() {
    ObjectRef ref = ObjectRef.parse(args);
    ResourceType type = ref.type();
    String ns = type.namespaced() ? namespace() : null;
    List<JsonNode> objects = new ArrayList<>();
    if (ref.names().isEmpty()) {
      objects.addAll(client().list(type, ns, ListOptions.all()).items());
    } else {
      for (String name : ref.names()) {
        objects.add(client().get(type, ns, name));
      }
    }
    boolean first = true;
    for (JsonNode o : objects) {
      if (!first) {
        out().println();
      }
      first = false;
      describe(type, o, out());
    }
    return ExitCodes.OK;
  }

  private void describe(ResourceType type, JsonNode o, PrintWriter w) {
    Instant now = Instant.now();
    JsonNode meta = o.path("metadata");
    line(w, "Name:", meta.path("name").asText());
    if (type.namespaced()) {
      line(w, "Namespace:", meta.path("namespace").asText());
    }
    line(w, "Kind:", type.kind());
    line(w, "Labels:", pairs(meta.path("labels")));
    line(w, "Annotations:", pairs(meta.path("annotations")));
    String created = meta.path("creationTimestamp").asText("");
    line(w, "Created:", created.isEmpty() ? "<unknown>" : created + " ("
        + Age.since(created, now) + " ago)");
    line(w, "Generation:", Fields.text(meta, "generation"));
    if (meta.has("deletionTimestamp")) {
      line(w, "Deleting since:", meta.path("deletionTimestamp").asText());
    }
    if (meta.path("finalizers").size() > 0) {
      line(w, "Finalizers:", Fields.text(meta, "finalizers"));
    }
    if (type == ResourceTypes.TASK) {
      line(w, "State:", TaskStates.of(o));
    }
    block(w, "Spec:", o.get("spec"));
    JsonNode status = o.get("status");
    if (status instanceof ObjectNode s) {
      ObjectNode rest = s.deepCopy();
      rest.remove("conditions");
      block(w, "Status:", rest);
    } else {
      w.println("Status:       <none>");
    }
    conditions(w, status == null ? null : status.get("conditions"), now);
    if (type == ResourceTypes.JOB) {
      tasks(w, meta.path("namespace").asText(), meta.path("name").asText());
    }
    if (type != ResourceTypes.EVENT) {
      events(w, type, meta, now);
    }
    w.flush();
  }

  private void tasks(PrintWriter w, String ns, String job) {
    Map<String, Integer> byState = new TreeMap<>();
    for (JsonNode t : client().list(ResourceTypes.TASK, ns,
        ListOptions.all().withFieldSelector("spec.job=" + job)).items()) {
      byState.merge(TaskStates.of(t), 1, Integer::sum);
    }
    if (byState.isEmpty()) {
      w.println("Tasks:        <none>");
    } else {
      List<String> parts = new ArrayList<>();
      byState.forEach((s, n) -> parts.add(n + " " + s));
      line(w, "Tasks:", String.join(", ", parts));
    }
  }

  private void events(PrintWriter w, ResourceType type, JsonNode meta, Instant now) {
    List<JsonNode> events;
    try {
      String ns = type.namespaced() ? meta.path("namespace").asText() : null;
      events = new ArrayList<>(client().list(ResourceTypes.EVENT, ns, ListOptions.all()
          .withFieldSelector("involvedObject.kind=" + type.kind() + ",involvedObject.name="
              + meta.path("name").asText())).items());
    } catch (ApiError e) {
      if (e.code() == 0) {
        throw e;
      }
      events = List.of();
    }
    if (events.isEmpty()) {
      w.println("Events:       <none>");
      return;
    }
    events.sort(Comparator.comparing(e -> e.path("lastTimestamp").asText(
        e.path("metadata").path("creationTimestamp").asText(""))));
    List<JsonNode> recent = events.subList(Math.max(0, events.size() - RECENT_EVENTS),
        events.size());
    w.println("Events:");
    // cells keep their spaces: describe is read by people, not split by scripts
    Table t = Table.forReading(List.of("Type", "Reason", "Age", "From", "Message"));
    for (JsonNode e : recent) {
      String when = e.path("lastTimestamp").asText(e.path("metadata").path("creationTimestamp")
          .asText(""));
      // repeats are counted on one Event, shown as kubectl does: "3m (x5)"
      int count = e.path("count").asInt(1);
      String age = Age.since(when, now) + (count > 1 ? " (x" + count + ")" : "");
      t.add(List.of(e.path("type").asText(""), e.path("reason").asText(""),
          age, e.path("source").path("component").asText(
              e.path("reportingComponent").asText("")), e.path("message").asText("")));
    }
    t.render(true).forEach(row -> w.println("  " + row));
  }

  private static void conditions(PrintWriter w, JsonNode conditions, Instant now) {
    if (conditions == null || conditions.isEmpty()) {
      w.println("Conditions:   <none>");
      return;
    }
    w.println("Conditions:");
    Table t = new Table(List.of("Type", "Status", "Reason", "Age"));
    for (JsonNode c : conditions) {
      t.add(List.of(c.path("type").asText(), c.path("status").asText(),
          c.path("reason").asText(""), Age.since(c.path("lastTransitionTime").asText(""), now)));
    }
    List<String> rows = t.render(true);
    int i = 0;
    for (String row : rows) {
      w.println("  " + row);
      if (i > 0) {
        String message = conditions.get(i - 1).path("message").asText("");
        if (!message.isEmpty()) {
          w.println("    " + message);
        }
      }
      i++;
    }
  }

  private static void block(PrintWriter w, String title, JsonNode node) {
    if (node == null || node.isNull() || node.isEmpty()) {
      w.println(String.format("%-14s<none>", title));
      return;
    }
    w.println(title);
    for (String l : ObjectPrinter.yaml(node).split("\n")) {
      w.println("  " + l);
    }
  }

  private static void line(PrintWriter w, String label, String value) {
    w.println(String.format("%-14s%s", label, value == null || value.isEmpty() ? "<none>" : value));
  }

  private static String pairs(JsonNode map) {
    List<String> out = new ArrayList<>();
    map.fields().forEachRemaining(e -> out.add(e.getKey() + "=" + e.getValue().asText()));
    return String.join(",", out);
  }
}
