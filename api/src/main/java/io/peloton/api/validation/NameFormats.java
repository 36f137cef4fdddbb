package io.peloton.api.validation;

import java.util.regex.Pattern;

/**
 * The name syntaxes objects use; each check returns null when fine, else what is allowed.
 */
public final class NameFormats {
  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern POOL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern QUALIFIED_NAME_PART =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private NameFormats() {}

  /** At most 63 lower-case alphanumerics or '-', starting and ending alphanumeric. */
  public static String dns1123Label(String s) {
    if (s.length() > 63) {
      return "must be no more than 63 characters";
    }
    return DNS1123_LABEL.matcher(s).matches() ? null
        : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
            + "and must start and end with an alphanumeric character (e.g. 'my-name')";
  }

  /** At most 253 characters: DNS-1123 labels joined by '.'. */
  public static String dns1123Subdomain(String s) {
    if (s.length() > 253) {
      return "must be no more than 253 characters";
    }
    return DNS1123_SUBDOMAIN.matcher(s).matches() ? null
        : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
            + "'-' or '.', and must start and end with an alphanumeric character "
            + "(e.g. 'example.com')";
  }

  /**
   * A resource pool name, one element of a pool path: Peloton pool names such as
   * {@code DefaultResPool} are mixed case, so letters of either case, digits, '-', '_', '.'.
   */
  public static String poolName(String s) {
    if (s.length() > 253) {
      return "must be no more than 253 characters";
    }
    return POOL_NAME.matcher(s).matches() ? null
        : "a pool name must consist of alphanumeric characters, '-', '_' or '.', and must start "
            + "and end with an alphanumeric character (e.g. 'DefaultResPool')";
  }

  /**
   * A pool path: {@code /} or {@code /a/b}, each element a pool name.
   *
   * @return null when fine, else the problem
   */
  public static String poolPath(String s) {
    if (!s.startsWith("/")) {
      return "must be an absolute pool path starting with '/' (e.g. '/DefaultResPool')";
    }
    if (s.equals("/")) {
      return null;
    }
    if (s.endsWith("/")) {
      return "must not end with '/'";
    }
    for (String element : s.substring(1).split("/", -1)) {
      if (element.isEmpty()) {
        return "must not contain empty path elements ('//')";
      }
      String problem = poolName(element);
      if (problem != null) {
        return "path element '" + element + "': " + problem;
      }
    }
    return null;
  }

  /** A label or annotation key: optional DNS subdomain prefix and '/', then a name of ≤ 63. */
  public static String qualifiedName(String s) {
    String name = s;
    int slash = s.indexOf('/');
    if (slash >= 0) {
      String prefix = s.substring(0, slash);
      name = s.substring(slash + 1);
      if (prefix.isEmpty()) {
        return "prefix part must be non-empty";
      }
      String problem = dns1123Subdomain(prefix);
      if (problem != null) {
        return "prefix part " + problem;
      }
    }
    if (name.isEmpty()) {
      return "name part must be non-empty";
    }
    if (name.length() > 63) {
      return "name part must be no more than 63 characters";
    }
    return QUALIFIED_NAME_PART.matcher(name).matches() ? null
        : "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and "
            + "end with an alphanumeric character (e.g. 'MyName', 'my.name', '123-abc')";
  }

  /** A label value: empty, or at most 63 alphanumerics, '-', '_', '.' starting/ending alnum. */
  public static String labelValue(String s) {
    if (s.isEmpty()) {
      return null;
    }
    if (s.length() > 63) {
      return "must be no more than 63 characters";
    }
    return QUALIFIED_NAME_PART.matcher(s).matches() ? null
        : "a valid label value must be an empty string or consist of alphanumeric characters, "
            + "'-', '_' or '.', and must start and end with an alphanumeric character";
  }

  /** An environment variable name. */
  public static String envVarName(String s) {
    return ENV_NAME.matcher(s).matches() ? null
        : "a valid environment variable name must consist of letters, digits or '_', and must "
            + "not start with a digit";
  }

  /** A CamelCase word, as used for condition and event reasons. */
  public static String camelCaseWord(String s) {
    return s.matches("[A-Z][A-Za-z0-9]*") ? null
        : "must be one CamelCase word (e.g. 'FailedScheduling')";
  }
}
