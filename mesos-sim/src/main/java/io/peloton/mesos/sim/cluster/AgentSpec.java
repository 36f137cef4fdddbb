package io.peloton.mesos.sim.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One agent (or {@code count} identical agents) of a simulated cluster.
 *
 * @param ports port ranges such as {@code "31000-32000"}
 * @param attributes TEXT attributes, or SCALAR when the value is a number
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record AgentSpec(
    @JsonProperty("hostname") String hostname,
    @JsonProperty("ip") String ip,
    @JsonProperty("cpus") double cpus,
    @JsonProperty("mem") double mem,
    @JsonProperty("disk") double disk,
    @JsonProperty("gpus") double gpus,
    @JsonProperty("ports") List<String> ports,
    @JsonProperty("attributes") Map<String, String> attributes,
    @JsonProperty("count") Integer count) {

  /** A plain agent with default ports and no attributes. */
  public static AgentSpec of(String hostname, String ip, double cpus, double mem, double disk) {
    return new AgentSpec(hostname, ip, cpus, mem, disk, 0, List.of("31000-32000"), Map.of(), 1);
  }

  /** Checks the fields; throws IllegalArgumentException naming the bad field. */
  public void validate(String where) {
    if (hostname == null || hostname.isBlank()) {
      throw new IllegalArgumentException(where + ".hostname: required");
    }
    if (ip != null && !isIpv4(ip)) {
      throw new IllegalArgumentException(where + ".ip: not an IPv4 address: " + ip);
    }
    if (cpus <= 0) {
      throw new IllegalArgumentException(where + ".cpus: must be > 0");
    }
    if (mem <= 0) {
      throw new IllegalArgumentException(where + ".mem: must be > 0");
    }
    if (disk < 0 || gpus < 0) {
      throw new IllegalArgumentException(where + (disk < 0 ? ".disk" : ".gpus") + ": must be >= 0");
    }
    if (count != null && count < 1) {
      throw new IllegalArgumentException(where + ".count: must be >= 1");
    }
    for (String range : portsOrDefault()) {
      parseRange(where + ".ports", range);
    }
  }

  /** The port ranges, defaulting to Mesos's [31000-32000]. */
  public List<String> portsOrDefault() {
    return ports == null ? List.of("31000-32000") : ports;
  }

  /** Parses "a-b" or "a" into {begin, end}. */
  public static long[] parseRange(String field, String range) {
    try {
      String[] parts = range.trim().split("-");
      long begin = Long.parseLong(parts[0].trim());
      long end = parts.length > 1 ? Long.parseLong(parts[1].trim()) : begin;
      if (parts.length > 2 || begin < 0 || end < begin || end > 65535) {
        throw new NumberFormatException();
      }
      return new long[] {begin, end};
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(field + ": bad port range '" + range + "' (expected 'begin-end')");
    }
  }

  /** True for a dotted-quad IPv4 address. */
  public static boolean isIpv4(String ip) {
    String[] parts = ip.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }
}
