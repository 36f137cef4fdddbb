package io.peloton.api;

import java.util.List;

/**
 * Describes one kind as the API serves it: names used in URLs and by the CLI, its scope and its
 * Java record.
 *
 * @param hasStatus whether the kind has a {@code /status} subresource (spec and status written
 *     separately)
 */
public record ResourceType(
    String kind,
    String plural,
    String singular,
    List<String> shortNames,
    boolean namespaced,
    boolean hasStatus,
    Class<? extends ApiObject> javaType) {

  public String group() {
    return ApiObject.GROUP;
  }

  public String version() {
    return ApiObject.VERSION;
  }

  public String apiVersion() {
    return ApiObject.API_VERSION;
  }

  /** Storage key prefix of every object of this kind, ending in '/'. */
  public String keyPrefix() {
    return "/registry/" + group() + "/" + plural + "/";
  }

  /** Storage key of one object; namespace is ignored for cluster-scoped kinds. */
  public String key(String namespace, String name) {
    return namespaced ? keyPrefix() + namespace + "/" + name : keyPrefix() + name;
  }

  /** Prefix of every object in one namespace (or of all objects for cluster-scoped kinds). */
  public String namespacePrefix(String namespace) {
    return namespaced && namespace != null ? keyPrefix() + namespace + "/" : keyPrefix();
  }

  /**
   * A kind is what its plural and kind name say (one group and version): maps keyed by kind are
   * read once per watch event, where the record's default hash over every component cost a
   * noticeable share of the cache's time.
   */
  @Override
  public int hashCode() {
    return plural.hashCode();
  }

  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof ResourceType t && plural.equals(t.plural) && kind.equals(t.kind);
  }

  /** True when the word names this kind: kind, plural, singular or a short name, any case. */
  public boolean isNamedBy(String word) {
    String w = word.toLowerCase(java.util.Locale.ROOT);
    return w.equals(kind.toLowerCase(java.util.Locale.ROOT)) || w.equals(plural)
        || w.equals(singular) || shortNames.contains(w)
        || w.equals(plural + "." + group()) || w.equals(singular + "." + group());
  }
}
