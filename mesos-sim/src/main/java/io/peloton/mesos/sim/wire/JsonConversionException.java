package io.peloton.mesos.sim.wire;

/** A JSON body could not be converted into the expected protobuf message. */
public final class JsonConversionException extends IllegalArgumentException {
  public JsonConversionException(String message) {
    super(message);
  }
}
