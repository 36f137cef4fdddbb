package io.peloton.pelotonctl.peloton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;
import io.peloton.client.ListOptions;
import io.peloton.pelotonctl.CliException;
import io.peloton.pelotonctl.ExitCodes;
import io.peloton.pelotonctl.command.ClientCommand;
import io.peloton.pelotonctl.output.PelotonTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Peloton's {@code host} verbs: maintenance through HostMaintenance objects, and host query. */
@Command(name = "host", description = "Peloton host verbs: maintenance start|complete, query.",
    subcommands = {HostCommand.Maintenance.class, HostCommand.Query.class})
public final class HostCommand {

  /** {@code host maintenance start|complete HOST[,HOST...]}. */
  @Command(name = "maintenance", description = "Start or complete maintenance of hosts.",
      subcommands = {Start.class, Complete.class})
  public static final class Maintenance {}

  /** Creates one HostMaintenance for the hosts. */
  @Command(name = "start", description = "Drain HOST[,HOST...] and take them down.")
  public static final class Start extends ClientCommand {
    @Parameters(paramLabel = "HOST[,HOST...]")
    String hosts;

    @Override
    protected int run() {
      List<String> list = hostList(hosts);
      Set<String> known = new LinkedHashSet<>();
      client().list(ResourceTypes.HOST, null, ListOptions.all()).items()
          .forEach(h -> known.add(h.path("metadata").path("name").asText()));
      List<String> unknown = list.stream().filter(h -> !known.contains(h)).toList();
      if (!unknown.isEmpty()) {
        // a maintenance of a host nobody knows would wait for it forever
        throw new CliException("unknown host" + (unknown.size() > 1 ? "s " : " ")
            + String.join(",", unknown) + ": not registered with the cluster (known: "
            + (known.isEmpty() ? "none" : String.join(",", known)) + ")");
      }
      for (ObjectNode m : active(this)) {
        for (JsonNode h : m.path("spec").path("hosts")) {
          if (list.contains(h.asText())) {
            throw new CliException("host " + h.asText() + " is already in maintenance "
                + "(hostmaintenance/" + m.path("metadata").path("name").asText() + ")");
          }
        }
      }
      ObjectNode hm = Codecs.json().createObjectNode();
      hm.put("apiVersion", ApiObject.API_VERSION).put("kind", "HostMaintenance");
      hm.putObject("metadata").put("name", objectName(list));
      list.forEach(hm.putObject("spec").putArray("hosts")::add);
      client().create(ResourceTypes.HOST_MAINTENANCE, null, hm);
      out().println("Host successfully submitted for maintenance: " + String.join(",", list));
      return ExitCodes.OK;
    }
  }

  /** Marks the maintenance of the hosts complete. */
  @Command(name = "complete", description = "Bring HOST[,HOST...] back from maintenance.")
  public static final class Complete extends ClientCommand {
    @Parameters(paramLabel = "HOST[,HOST...]")
    String hosts;

    @Override
    protected int run() {
      List<String> list = hostList(hosts);
      Set<String> remaining = new LinkedHashSet<>(list);
      for (ObjectNode m : active(this)) {
        boolean mine = false;
        for (JsonNode h : m.path("spec").path("hosts")) {
          mine |= remaining.remove(h.asText()) || list.contains(h.asText());
        }
        if (mine) {
          ObjectNode patch = Codecs.json().createObjectNode();
          patch.putObject("spec").put("complete", true);
          client().patch(ResourceTypes.HOST_MAINTENANCE, null,
              m.path("metadata").path("name").asText(), patch, false);
        }
      }
      if (!remaining.isEmpty()) {
        throw new CliException("not in maintenance: " + String.join(",", remaining));
      }
      out().println("Host successfully completed maintenance: " + String.join(",", list));
      return ExitCodes.OK;
    }
  }

  /** {@code host query [--states ...]}: Peloton's host table. */
  @Command(name = "query", description = "List hosts: Hostname, IP, State, HostPool.")
  public static final class Query extends ClientCommand {
    @Option(names = {"-s", "--states"}, split = ",",
        description = "Host states, e.g. HOST_STATE_UP,HOST_STATE_DRAINING (or UP,DRAINING).")
    List<String> states;

    @Override
    protected int run() {
      Set<String> wanted = states == null ? Set.of() : states.stream()
          .map(s -> s.trim().toUpperCase(Locale.ROOT).replaceFirst("^HOST_STATE_", ""))
          .collect(Collectors.toSet());
      PelotonTable t = new PelotonTable(List.of("Hostname", "IP", "State", "HostPool"));
      for (ObjectNode h : client().list(ResourceTypes.HOST, null, ListOptions.all()).items()) {
        String state = h.path("status").path("state").asText("UP");
        if (!wanted.isEmpty() && !wanted.contains(state)) {
          continue;
        }
        t.add(List.of(h.path("metadata").path("name").asText(), h.path("status").path("ip")
            .asText(""), "HOST_STATE_" + state, h.path("metadata").path("labels")
            .path("peloton.io/host-pool").asText("")));
      }
      t.render().forEach(out()::println);
      return ExitCodes.OK;
    }
  }

  /** HostMaintenance objects not yet completed. */
  static List<ObjectNode> active(ClientCommand cmd) {
    List<ObjectNode> out = new ArrayList<>();
    for (ObjectNode m : cmd.client().list(ResourceTypes.HOST_MAINTENANCE, null, ListOptions.all())
        .items()) {
      if (!m.path("spec").path("complete").asBoolean(false)
          && !m.path("metadata").has("deletionTimestamp")) {
        out.add(m);
      }
    }
    return out;
  }

  static List<String> hostList(String csv) {
    List<String> hosts = Arrays.stream(csv.split(",")).map(String::trim)
        .filter(s -> !s.isEmpty()).distinct().toList();
    if (hosts.isEmpty()) {
      throw new CliException("give at least one host", ExitCodes.USAGE);
    }
    return hosts;
  }

  /** A readable, unique object name: the first host and the time it was asked for. */
  static String objectName(List<String> hosts) {
    String first = hosts.get(0).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-")
        .replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
    String more = hosts.size() > 1 ? "-and-" + (hosts.size() - 1) : "";
    String stamp = Long.toString(System.currentTimeMillis(), 36);
    String base = "maint-" + first;
    int room = 253 - more.length() - stamp.length() - 1;
    return (base.length() > room ? base.substring(0, room) : base) + more + "-" + stamp;
  }
}
