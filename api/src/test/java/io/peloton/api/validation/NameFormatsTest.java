package io.peloton.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NameFormatsTest {
  @Test
  void dnsLabelsAndSubdomains() {
    assertNull(NameFormats.dns1123Label("web-1"));
    assertNotNull(NameFormats.dns1123Label("Web"));
    assertNotNull(NameFormats.dns1123Label("-web"));
    assertNotNull(NameFormats.dns1123Label("a".repeat(64)));
    assertNull(NameFormats.dns1123Subdomain("agent-1.example.com"));
    assertNotNull(NameFormats.dns1123Subdomain("agent..com"));
  }

  @Test
  void poolPaths() {
    assertNull(NameFormats.poolPath("/"));
    assertNull(NameFormats.poolPath("/DefaultResPool"));
    assertNull(NameFormats.poolPath("/infrastructure/compute_1"));
    assertNotNull(NameFormats.poolPath("infrastructure"));
    assertNotNull(NameFormats.poolPath("/a/"));
    assertNotNull(NameFormats.poolPath("/a//b"));
    assertNotNull(NameFormats.poolPath("/a/b c"));
  }

  @Test
  void qualifiedNamesAndLabelValues() {
    assertNull(NameFormats.qualifiedName("peloton.io/job"));
    assertNull(NameFormats.qualifiedName("app"));
    assertNotNull(NameFormats.qualifiedName("/app"));
    assertNotNull(NameFormats.qualifiedName("Bad_Prefix/app"));
    assertNotNull(NameFormats.qualifiedName("app/"));
    assertNull(NameFormats.qualifiedName("a".repeat(253) + "/" + "b".repeat(63)));
    assertEquals("prefix part must be no more than 253 characters",
        NameFormats.qualifiedName("a".repeat(254) + "/b"));
    assertEquals("name part must be no more than 63 characters",
        NameFormats.qualifiedName("p/" + "b".repeat(64)));
    assertNull(NameFormats.labelValue(""));
    assertNotNull(NameFormats.labelValue("a b"));
    assertNull(NameFormats.envVarName("HTTP_PORT"));
    assertNotNull(NameFormats.envVarName("1PORT"));
  }

  /** The syntaxes as Kubernetes writes them; the checks must accept exactly these. */
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern NAME_PART = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");
  private static final Pattern QUALIFIED = Pattern.compile(
      "(" + SUBDOMAIN.pattern() + "/)?" + NAME_PART.pattern());
  private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern CAMEL = Pattern.compile("[A-Z][A-Za-z0-9]*");

  @Test
  void characterChecksAcceptExactlyWhatTheRegularExpressionsDo() {
    Random random = new Random(42);
    // each range's ends and the characters just outside them
    String alphabet = "az09AZ`{/:@[-_./ \u00e9";
    for (int n = 0; n < 200_000; n++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = b.toString();
      same(LABEL, NameFormats::dns1123Label, s);
      same(SUBDOMAIN, NameFormats::dns1123Subdomain, s);
      same(NAME_PART, NameFormats::poolName, s);
      same(QUALIFIED, NameFormats::qualifiedName, s);
      same(ENV, NameFormats::envVarName, s);
      same(CAMEL, NameFormats::camelCaseWord, s);
      if (!s.isEmpty()) {
        same(NAME_PART, NameFormats::labelValue, s);
      }
    }
  }

  private static void same(Pattern spec, Function<String, String> check, String s) {
    assertEquals(spec.matcher(s).matches(), check.apply(s) == null, () -> spec + " on '" + s + "'");
  }
}
