package io.peloton.pelotonctl.command;

import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.pelotonctl.CliException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the user named on the command line: {@code KIND [NAME...]} or {@code KIND/NAME...}; kinds
 * by kind, plural, singular or short name.
 *
 * @param names empty for "all of this kind"
 */
public record ObjectRef(ResourceType type, List<String> names) {

  public static ResourceType kind(String word) {
    return ResourceTypes.resolve(word).orElseThrow(() -> new CliException(
        "the server doesn't have a resource type \"" + word + "\" (known: "
            + String.join(", ", ResourceTypes.ALL.stream().map(ResourceType::plural).toList())
            + ")"));
  }

  /** The kinds of a comma-separated list such as {@code jobs,rp} (one word: one kind). */
  public static List<ResourceType> kinds(String word) {
    if (word.contains("/")) {
      return List.of(kind(word.substring(0, word.indexOf('/'))));
    }
    List<ResourceType> out = new ArrayList<>();
    for (String k : word.split(",", -1)) {
      ResourceType t = kind(k.trim());
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  /** Parses {@code KIND NAME...} or {@code KIND/NAME ...} (one kind). */
  public static ObjectRef parse(List<String> args) {
    if (args == null || args.isEmpty()) {
      throw new CliException("you must specify the type of resource (e.g. 'jobs', "
          + "'resourcepools')", io.peloton.pelotonctl.ExitCodes.USAGE);
    }
    if (args.get(0).contains("/")) {
      ResourceType type = null;
      List<String> names = new ArrayList<>();
      for (String a : args) {
        int slash = a.indexOf('/');
        if (slash < 0) {
          throw new CliException("there is no need to specify a resource type as a separate "
              + "argument when passing arguments in resource/name form", io.peloton.pelotonctl.ExitCodes.USAGE);
        }
        ResourceType t = kind(a.substring(0, slash));
        if (type != null && t != type) {
          throw new CliException("only one kind at a time: " + type.plural() + " and "
              + t.plural(), io.peloton.pelotonctl.ExitCodes.USAGE);
        }
        type = t;
        names.add(a.substring(slash + 1));
      }
      return new ObjectRef(type, names);
    }
    return new ObjectRef(kind(args.get(0)), List.copyOf(args.subList(1, args.size())));
  }
}
