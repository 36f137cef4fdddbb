package io.peloton.api.validation;

/**
 * The name syntaxes objects use; each check returns null when fine, else what is allowed.
 * Checked character by character: every admitted object has a name, a namespace and label
 * keys and values, and the regular expressions these replace were a tenth of admission.
 */
public final class NameFormats {
  private NameFormats() {}

  private static boolean lowerAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean alphanumeric(char c) {
    return lowerAlphanumeric(c) || (c >= 'A' && c <= 'Z');
  }

  /** {@code s[from, to)} is a DNS-1123 label, [a-z0-9]([-a-z0-9]*[a-z0-9])?, of any length. */
  private static boolean isLabel(String s, int from, int to) {
    if (from >= to || !lowerAlphanumeric(s.charAt(from)) || !lowerAlphanumeric(s.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = s.charAt(i);
      if (c != '-' && !lowerAlphanumeric(c)) {
        return false;
      }
    }
    return true;
  }

  /** {@code s[from, to)} is labels joined by '.'. */
  private static boolean isSubdomain(String s, int from, int to) {
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || s.charAt(i) == '.') {
        if (!isLabel(s, start, i)) {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  /** {@code s[from, to)} is [A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?. */
  private static boolean isQualifiedPart(String s, int from, int to) {
    if (from >= to || !alphanumeric(s.charAt(from)) || !alphanumeric(s.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = s.charAt(i);
      if (c != '-' && c != '_' && c != '.' && !alphanumeric(c)) {
        return false;
      }
    }
    return true;
  }

  /** At most 63 lower-case alphanumerics or '-', starting and ending alphanumeric. */
  public static String dns1123Label(String s) {
    if (s.length() > 63) {
      return "must be no more than 63 characters";
    }
    return isLabel(s, 0, s.length()) ? null
        : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
            + "and must start and end with an alphanumeric character (e.g. 'my-name')";
  }

  /** At most 253 characters: DNS-1123 labels joined by '.'. */
  public static String dns1123Subdomain(String s) {
    if (s.length() > 253) {
      return "must be no more than 253 characters";
    }
    return isSubdomain(s, 0, s.length()) ? null
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
    return isQualifiedPart(s, 0, s.length()) ? null
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
    int slash = s.indexOf('/');
    if (slash == 0) {
      return "prefix part must be non-empty";
    }
    if (slash > 0 && (slash > 253 || !isSubdomain(s, 0, slash))) {
      return "prefix part " + dns1123Subdomain(s.substring(0, slash));
    }
    int name = slash + 1;
    if (name == s.length()) {
      return "name part must be non-empty";
    }
    if (s.length() - name > 63) {
      return "name part must be no more than 63 characters";
    }
    return isQualifiedPart(s, name, s.length()) ? null
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
    return isQualifiedPart(s, 0, s.length()) ? null
        : "a valid label value must be an empty string or consist of alphanumeric characters, "
            + "'-', '_' or '.', and must start and end with an alphanumeric character";
  }

  /** An environment variable name. */
  public static String envVarName(String s) {
    boolean ok = !s.isEmpty() && !(s.charAt(0) >= '0' && s.charAt(0) <= '9');
    for (int i = 0; ok && i < s.length(); i++) {
      char c = s.charAt(i);
      ok = c == '_' || alphanumeric(c);
    }
    return ok ? null
        : "a valid environment variable name must consist of letters, digits or '_', and must "
            + "not start with a digit";
  }

  /** A CamelCase word, as used for condition and event reasons. */
  public static String camelCaseWord(String s) {
    boolean ok = !s.isEmpty() && s.charAt(0) >= 'A' && s.charAt(0) <= 'Z';
    for (int i = 1; ok && i < s.length(); i++) {
      ok = alphanumeric(s.charAt(i));
    }
    return ok ? null
        : "must be one CamelCase word (e.g. 'FailedScheduling')";
  }
}
