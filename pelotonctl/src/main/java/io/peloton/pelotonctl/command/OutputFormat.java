package io.peloton.pelotonctl.command;

import io.peloton.pelotonctl.CliException;
import io.peloton.pelotonctl.ExitCodes;

/** The {@code -o} formats. */
public enum OutputFormat {
  TABLE, WIDE, YAML, JSON, NAME;

  public static OutputFormat parse(String o) {
    if (o == null || o.isEmpty()) {
      return TABLE;
    }
    return switch (o) {
      case "wide" -> WIDE;
      case "yaml" -> YAML;
      case "json" -> JSON;
      case "name" -> NAME;
      default -> throw new CliException("unable to match a printer suitable for the output format "
          + "\"" + o + "\", allowed formats are: json,name,wide,yaml", ExitCodes.USAGE);
    };
  }
}
