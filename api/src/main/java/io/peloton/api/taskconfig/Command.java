package io.peloton.api.taskconfig;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.Frozen;
import java.util.List;

/**
 * The process a task runs, as Mesos' {@code CommandInfo}.
 *
 * @param shell true: {@code value} runs under {@code /bin/sh -c}; false: {@code value} is the
 *     executable and {@code arguments} its argv
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Command(
    String value,
    Boolean shell,
    List<String> arguments,
    List<Uri> uris,
    Environment environment,
    String user) {

  public Command {
    arguments = Frozen.list(arguments);
    uris = Frozen.list(uris);
  }

  /** Mesos' {@code Environment}: variables set for the command. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Environment(List<EnvVar> variables) {
    public Environment {
      variables = Frozen.list(variables);
    }
  }
}
