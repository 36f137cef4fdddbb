package io.peloton.apiserver.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Position in a paged list: the snapshot revision and the last key returned. A token that does
 * not decode, or names no revision the store could have, is the client's mistake: a 400 naming
 * {@code continue}.
 */
record ContinueToken(long revision, String lastKey) {
  String encode() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(
        (revision + "/" + lastKey).getBytes(StandardCharsets.UTF_8));
  }

  static ContinueToken decode(String token) {
    String s;
    try {
      s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid("it is not base64url");
    }
    int slash = s.indexOf('/');
    if (slash < 0) {
      throw invalid("it has no revision");
    }
    long revision;
    try {
      revision = Long.parseLong(s.substring(0, slash));
    } catch (NumberFormatException e) {
      throw invalid("its revision is not a number");
    }
    if (revision <= 0) {
      throw invalid("its revision must be positive");
    }
    return new ContinueToken(revision, s.substring(slash + 1));
  }

  /** A token whose revision the store has not reached: made up, or from another store. */
  static ApiException fromTheFuture(long revision) {
    return invalid("its revision " + revision + " is newer than the store's");
  }

  private static ApiException invalid(String why) {
    return ApiException.badField("continue", "invalid continue token: " + why
        + "; use the token of the previous page, or start the list without one");
  }
}
