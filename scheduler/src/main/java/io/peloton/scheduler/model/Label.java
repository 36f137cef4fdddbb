package io.peloton.scheduler.model;

/** A key/value label on a task or host. */
public record Label(String key, String value) {
  public Label {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("label key must not be empty");
    }
    if (value == null) {
      value = "";
    }
  }

  @Override
  public String toString() {
    return key + "=" + value;
  }
}
