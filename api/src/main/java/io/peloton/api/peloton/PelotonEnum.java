package io.peloton.api.peloton;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One Peloton protobuf enum and our name for each of its numbers. Peloton YAML spells enums as
 * numbers ({@code type: 1}); proto names ({@code CONDITION_EQUAL}) and our names ({@code EQUAL})
 * are accepted too.
 *
 * @param names our name for Peloton number i; null where the number means "unset" (0 = UNKNOWN)
 */
record PelotonEnum(String what, List<String> names) {
  static final PelotonEnum JOB_TYPE = of("job type", "BATCH", "SERVICE", "DAEMON");
  static final PelotonEnum CONSTRAINT_TYPE = of("constraint type", null, "LABEL", "AND", "OR");
  static final PelotonEnum LABEL_KIND = of("label constraint kind", null, "TASK", "HOST");
  static final PelotonEnum CONDITION =
      of("label constraint condition", null, "LESS_THAN", "EQUAL", "GREATER_THAN");
  static final PelotonEnum CONTAINER_TYPE = of("container type", null, "DOCKER", "MESOS");
  static final PelotonEnum DOCKER_NETWORK = of("docker network", null, "HOST", "BRIDGE", "NONE", "USER");
  static final PelotonEnum VOLUME_MODE = of("volume mode", null, "RW", "RO");
  static final PelotonEnum IMAGE_TYPE = of("image type", null, "APPC", "DOCKER");
  static final PelotonEnum HEALTH_CHECK_TYPE = of("health check type", null, "COMMAND", "HTTP", "GRPC");
  static final PelotonEnum PREEMPTION_TYPE =
      of("preemption policy type", null, "PREEMPTIBLE", "NON_PREEMPTIBLE");
  static final PelotonEnum PLACEMENT = of("placement strategy", null, "PACK_HOST", "SPREAD_JOB");
  static final PelotonEnum RESERVATION_TYPE = of("reservation type", null, "ELASTIC", "STATIC");
  static final PelotonEnum POLICY = of("scheduling policy", null, "PriorityFIFO");

  private static PelotonEnum of(String what, String... names) {
    List<String> list = new ArrayList<>();
    java.util.Collections.addAll(list, names);
    return new PelotonEnum(what, java.util.Collections.unmodifiableList(list));
  }

  /** Our name for the value under {@code key}, or null when absent or "unset" (0). */
  String read(PelotonFields fields, String key) {
    JsonNode v = fields.take(key);
    if (v == null) {
      return null;
    }
    if (v.isIntegralNumber() || (v.isTextual() && v.asText().trim().matches("\\d+"))) {
      int n = v.isIntegralNumber() ? v.intValue() : Integer.parseInt(v.asText().trim());
      if (n >= 0 && n < names.size()) {
        return names.get(n);
      }
      throw new PelotonSpecException(fields.at(key), n + " is not a Peloton " + what
          + " (" + choices() + ")");
    }
    if (v.isTextual()) {
      String s = v.asText().trim().toUpperCase(Locale.ROOT);
      for (String name : names) {
        if (name == null) {
          continue;
        }
        String n = name.toUpperCase(Locale.ROOT);
        if (s.equals(n) || s.endsWith("_" + n) || s.equals(n + "_CONSTRAINT")) {
          return name;
        }
      }
    }
    throw new PelotonSpecException(fields.at(key), PelotonFields.describe(v)
        + " is not a Peloton " + what + " (" + choices() + ")");
  }

  private String choices() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i) != null) {
        out.add(i + " = " + names.get(i));
      }
    }
    return String.join(", ", out);
  }
}
