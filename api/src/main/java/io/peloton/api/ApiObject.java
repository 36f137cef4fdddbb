package io.peloton.api;

import io.peloton.api.meta.ObjectMeta;

/** What every stored object has: its type and its metadata. */
public interface ApiObject {
  String GROUP = "peloton.io";
  String VERSION = "v1";
  String API_VERSION = GROUP + "/" + VERSION;

  String apiVersion();

  String kind();

  ObjectMeta metadata();
}
