package io.peloton.apiserver.storage.sqlite;

/** Turns a key prefix into a half-open range of SQLite TEXT values (compared as UTF-8 bytes). */
final class KeyRanges {
  private KeyRanges() {}

  /**
   * The smallest string greater than every string starting with {@code prefix}, or null when
   * there is none we can express (empty prefix, or one ending in a surrogate or U+FFFF): the
   * range is then open-ended and callers also check the prefix.
   */
  static String prefixEnd(String prefix) {
    if (prefix.isEmpty()) {
      return null;
    }
    char last = prefix.charAt(prefix.length() - 1);
    // for BMP characters outside the surrogate block, UTF-8 byte order is code point order
    if (last == Character.MAX_VALUE || Character.isSurrogate(last)
        || Character.isSurrogate((char) (last + 1))) {
      return null;
    }
    return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
  }
}
