package io.peloton.api.validation;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

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
    assertNull(NameFormats.labelValue(""));
    assertNotNull(NameFormats.labelValue("a b"));
    assertNull(NameFormats.envVarName("HTTP_PORT"));
    assertNotNull(NameFormats.envVarName("1PORT"));
  }
}
