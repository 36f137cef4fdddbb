package io.peloton.pelotonctl.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ResourceType;
import io.peloton.client.ApiError;
import io.peloton.client.ListOptions;
import io.peloton.client.ObjectList;
import io.peloton.client.WatchEvent;
import io.peloton.client.WatchStream;
import io.peloton.pelotonctl.CliException;
import io.peloton.pelotonctl.ExitCodes;
import io.peloton.pelotonctl.output.KindColumns;
import io.peloton.pelotonctl.output.ObjectPrinter;
import io.peloton.pelotonctl.output.Table;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code get}: tables, YAML, JSON or names of objects; {@code -w} keeps streaming changes. */
@Command(name = "get", description = "Display one or many objects: get KIND [NAME...] or "
    + "get KIND/NAME. Kinds by name, plural or short name (jobs, jb, resourcepools, rp...); "
    + "several kinds comma-separated: get jobs,rp.")
public final class GetCommand extends ClientCommand {
  @Parameters(arity = "1..*", paramLabel = "KIND [NAME...]")
  List<String> args;

  @Option(names = {"-o", "--output"}, description = "wide, yaml, json or name.")
  String output;

  @Option(names = {"-l", "--selector"}, description = "Label selector, e.g. app=web,tier!=db.")
  String selector;

  @Option(names = "--field-selector", description = "Field selector, e.g. spec.job=web.")
  String fieldSelector;

  @Option(names = {"-A", "--all-namespaces"}, description = "List across all namespaces.")
  boolean allNamespaces;

  @Option(names = {"-w", "--watch"}, description = "After listing, print changes as they happen.")
  boolean watch;

  @Option(names = "--output-watch-events", description = "With -w, add an EVENT column.")
  boolean watchEvents;

  private final Clock clock = Clock.systemUTC();
  private boolean kindPrefix;
  private boolean printedTable;
  private OutputFormat format;
  private ResourceType type;
  private Table table;
  private List<KindColumns.Column> columns;

  @Override
  protected int run() throws Exception {
    List<ResourceType> kinds = ObjectRef.kinds(args.get(0));
    if (kinds.size() == 1) {
      return runOne(ObjectRef.parse(args));
    }
    if (watch) {
      throw new CliException("-w/--watch takes one kind at a time, not " + args.get(0),
          ExitCodes.USAGE);
    }
    // kubectl's shape for several kinds: one table per kind, names as kind/name
    kindPrefix = true;
    int code = ExitCodes.OK;
    for (ResourceType kind : kinds) {
      List<String> one = new ArrayList<>(args);
      one.set(0, kind.plural());
      code = Math.max(code, runOne(ObjectRef.parse(one)));
    }
    return code;
  }

  private int runOne(ObjectRef ref) {
    type = ref.type();
    format = OutputFormat.parse(output);
    String ns = type.namespaced() ? (allNamespaces ? null : namespace()) : null;
    if (!ref.names().isEmpty()) {
      List<JsonNode> found = new ArrayList<>();
      int missing = 0;
      for (String name : ref.names()) {
        try {
          found.add(client().get(type, ns == null ? namespace() : ns, name));
        } catch (ApiError e) {
          if (!e.isNotFound()) {
            throw e;
          }
          err().println("Error from server (NotFound): " + type.plural() + "."
              + type.group() + " \"" + name + "\" not found");
          missing++;
        }
      }
      // nothing found: no header under the error (not even with -w)
      print(found, ref.names().size() == 1, !found.isEmpty());
      return missing == 0 ? ExitCodes.OK : ExitCodes.ERROR;
    }
    ListOptions options = options();
    ObjectList list = client().list(type, ns, options);
    if (list.items().isEmpty() && !watch) {
      err().println(type.namespaced() && ns != null
          ? "No resources found in " + ns + " namespace." : "No resources found");
    }
    print(new ArrayList<>(list.items()), false, !list.items().isEmpty() || watch);
    if (!watch) {
      return ExitCodes.OK;
    }
    return watchFrom(ns, list);
  }

  private ListOptions options() {
    return ListOptions.all().withLabelSelector(selector).withFieldSelector(fieldSelector);
  }

  private void print(List<JsonNode> objects, boolean single, boolean header) {
    switch (format) {
      case YAML -> out().print(ObjectPrinter.yaml(single && objects.size() == 1 ? objects.get(0)
          : ObjectPrinter.list(objects)));
      case JSON -> out().println(ObjectPrinter.json(single && objects.size() == 1
          ? objects.get(0) : ObjectPrinter.list(objects)));
      case NAME -> objects.forEach(o -> out().println(ObjectPrinter.name(type, o)));
      default -> {
        columns = KindColumns.of(type, format == OutputFormat.WIDE, allNamespaces, clock);
        List<String> headers = new ArrayList<>(KindColumns.headers(columns));
        if (watch && watchEvents) {
          headers.add(0, "EVENT");
        }
        table = new Table(headers, KindColumns.freeTextLast(type));
        for (JsonNode o : objects) {
          table.add(row(watch && watchEvents ? "ADDED" : null, o));
        }
        if (header) {
          if (kindPrefix && printedTable) {
            out().println();
          }
          table.render(true).forEach(out()::println);
          printedTable = true;
        }
      }
    }
    out().flush();
  }

  private List<String> row(String event, JsonNode o) {
    List<String> r = new ArrayList<>(KindColumns.row(columns, o));
    if (kindPrefix) {
      int at = KindColumns.headers(columns).indexOf("NAME");
      r.set(at, type.singular() + "." + type.group() + "/" + r.get(at));
    }
    if (event != null) {
      r.add(0, event);
    }
    return r;
  }

  private void printChange(String event, ObjectNode o) {
    switch (format) {
      case YAML -> out().print("---\n" + ObjectPrinter.yaml(o));
      case JSON -> out().println(ObjectPrinter.json(o));
      case NAME -> out().println(ObjectPrinter.name(type, o));
      default -> out().println(table.row(row(watchEvents ? event : null, o)));
    }
    out().flush();
  }

  /** What the watch thread hands to the printing thread. */
  private record Signal(WatchEvent event, Throwable end, boolean ended) {}

  /**
   * Streams changes until interrupted. A dropped connection (server restart, timeout) is resumed
   * from the last version seen; a 410 (history compacted) relists and prints only what changed,
   * so rows are neither lost nor repeated.
   */
  private int watchFrom(String ns, ObjectList initial) {
    try {
      watchLoop(ns, initial);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  private void watchLoop(String ns, ObjectList initial) throws InterruptedException {
    Map<String, ObjectNode> seen = new HashMap<>();
    initial.items().forEach(o -> seen.put(key(o), o));
    String rv = initial.resourceVersion();
    long backoffMs = 200;
    boolean reportedLoss = false;
    while (!Thread.currentThread().isInterrupted()) {
      BlockingQueue<Signal> queue = new LinkedBlockingQueue<>();
      WatchStream stream = client().watch(type, ns,
          options().withResourceVersion(rv).withBookmarks(true),
          e -> queue.add(new Signal(e, null, false)), t -> queue.add(new Signal(null, t, true)));
      try {
        while (true) {
          Signal s = queue.take();
          if (s.ended()) {
            Throwable end = s.end();
            if (end instanceof ApiError a && a.isGone()) {
              try {
                rv = relist(ns, seen);
                backoffMs = 200;
                break;
              } catch (ApiError relistFailed) {
                end = relistFailed;
              }
            }
            if (end != null) {
              if (!reportedLoss) {
                err().println("watch: lost the stream (" + String.valueOf(end.getMessage())
                    .replace('\n', ' ')
                    + "); reconnecting...");
                err().flush();
                reportedLoss = true;
              }
              // waiting on the queue, not sleeping: an interrupt ends the command at once
              queue.poll(backoffMs, TimeUnit.MILLISECONDS);
              backoffMs = Math.min(backoffMs * 2, 2000);
            }
            break;
          }
          WatchEvent e = s.event();
          if (e.type().equals("BOOKMARK")) {
            rv = e.resourceVersion();
            continue;
          }
          rv = e.resourceVersion();
          reportedLoss = false;
          backoffMs = 200;
          if (e.type().equals("DELETED")) {
            seen.remove(key(e.object()));
          } else {
            seen.put(key(e.object()), e.object());
          }
          printChange(e.type(), e.object());
        }
      } finally {
        stream.close();
      }
    }
  }

  /**
   * Lists again after a 410 and prints what changed since, deletions included; returns the
   * version to go on from.
   */
  private String relist(String ns, Map<String, ObjectNode> seen) {
    ObjectList list = client().list(type, ns, options());
    Map<String, ObjectNode> now = new HashMap<>();
    for (ObjectNode o : list.items()) {
      now.put(key(o), o);
      ObjectNode before = seen.get(key(o));
      if (before == null || !version(o).equals(version(before))) {
        printChange(before == null ? "ADDED" : "MODIFIED", o);
      }
    }
    seen.forEach((k, o) -> {
      if (!now.containsKey(k)) {
        printChange("DELETED", o);
      }
    });
    seen.clear();
    seen.putAll(now);
    return list.resourceVersion();
  }

  private static String key(JsonNode o) {
    return o.path("metadata").path("namespace").asText("") + "/"
        + o.path("metadata").path("name").asText();
  }

  private static String version(JsonNode o) {
    return o.path("metadata").path("resourceVersion").asText("");
  }
}
