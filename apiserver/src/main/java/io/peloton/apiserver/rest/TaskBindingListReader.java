package io.peloton.apiserver.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.peloton.api.codec.Codecs;
import io.peloton.apiserver.service.ApiException;
import io.peloton.apiserver.service.ResourceService.TaskBinding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON TaskBindingList in one streaming pass, without a tree: the scheduler sends
 * thousands of bindings a second and each is three short fields. Repeated fields of an item are
 * refused here, so the parser itself need not track every key.
 */
final class TaskBindingListReader {
  private TaskBindingListReader() {}

  static List<TaskBinding> read(byte[] json) {
    if (json.length == 0) {
      throw ApiException.badRequest("request body is empty");
    }
    try (JsonParser p = Codecs.trustedJson().getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw ApiException.badRequest("a TaskBindingList must be a JSON object");
      }
      List<TaskBinding> items = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!field.equals("items")) {
          p.skipChildren();
          continue;
        }
        if (value != JsonToken.START_ARRAY || items != null) {
          throw ApiException.badRequest("a TaskBindingList needs one 'items' array");
        }
        items = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
          items.add(item(p, items.size()));
        }
      }
      if (items == null) {
        throw ApiException.badRequest("a TaskBindingList needs an 'items' array");
      }
      if (p.nextToken() != null) {
        throw ApiException.badRequest("request body is not valid JSON: data after the list");
      }
      return items;
    } catch (JsonParseException e) {
      throw ApiException.badRequest("request body is not valid JSON: " + e.getOriginalMessage()
          + " (line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")");
    } catch (IOException e) {
      throw ApiException.badRequest("request body could not be read: " + e.getMessage());
    }
  }

  private static TaskBinding item(JsonParser p, int index) throws IOException {
    String name = null;
    String host = null;
    Long version = null;
    boolean versionSeen = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String f = p.currentName();
      JsonToken v = p.nextToken();
      switch (f) {
        case "name" -> name = once(name, scalar(p, v), index, f);
        case "host" -> host = once(host, scalar(p, v), index, f);
        case "resourceVersion" -> {
          if (versionSeen) {
            throw duplicate(index, f);
          }
          versionSeen = true;
          String rv = scalar(p, v);
          try {
            version = rv == null || rv.isEmpty() ? null : Long.parseLong(rv);
          } catch (NumberFormatException e) {
            throw ApiException.badRequest("items[" + index + "].resourceVersion must be a number,"
                + " got '" + rv + "'");
          }
        }
        default -> p.skipChildren();
      }
    }
    return new TaskBinding(name == null ? "" : name, host == null ? "" : host, version);
  }

  private static String scalar(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v.isStructStart()) {
      p.skipChildren();
      return "";
    }
    return p.getText();
  }

  private static String once(String previous, String value, int index, String field) {
    if (previous != null) {
      throw duplicate(index, field);
    }
    return value;
  }

  private static ApiException duplicate(int index, String field) {
    return ApiException.badRequest("request body is not valid JSON: duplicate field 'items["
        + index + "]." + field + "'");
  }
}
