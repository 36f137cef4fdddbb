package io.peloton.apiserver.cache;

/** A cached object's JSON: kept as is, or deflated by a {@link JsonPacker}. */
public sealed interface ObjectBytes permits ObjectBytes.Plain, ObjectBytes.Deflated {

  /** The JSON, inflated if need be (a fresh array for deflated bytes; never modify it). */
  byte[] json();

  /** JSON kept as is: objects in flight, and values too small to gain from deflating. */
  record Plain(byte[] json) implements ObjectBytes {}

  /**
   * JSON deflated against a dictionary (null for none) shared with other objects of its kind.
   *
   * @param length the JSON's length, so inflating allocates exactly once
   */
  record Deflated(byte[] data, int length, byte[] dictionary) implements ObjectBytes {
    @Override
    public byte[] json() {
      return JsonPacker.inflate(this);
    }
  }
}
