package io.peloton.api.validation;

import static io.peloton.api.validation.JsonDefaults.setIfAbsent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.event.Event;
import io.peloton.api.time.Rfc3339;

/** Event defaults and checks. */
final class EventRules implements KindRules {
  @Override
  public void applyDefaults(ObjectNode object) {
    setIfAbsent(object, "type", "Normal");
    setIfAbsent(object, "count", 1);
  }

  @Override
  public void validate(ApiObject object, FieldErrors errors) {
    Event e = (Event) object;
    if (e.involvedObject() == null) {
      errors.required("involvedObject");
    } else {
      if (e.involvedObject().kind() == null || e.involvedObject().kind().isEmpty()) {
        errors.required("involvedObject.kind");
      }
      if (e.involvedObject().name() == null || e.involvedObject().name().isEmpty()) {
        errors.required("involvedObject.name");
      }
    }
    if (e.reason() == null || e.reason().isEmpty()) {
      errors.required("reason", "one CamelCase word, e.g. 'FailedScheduling'");
    } else {
      errors.format("reason", e.reason(), NameFormats.camelCaseWord(e.reason()));
    }
    if (e.count() != null && e.count() < 1) {
      errors.invalid("count", e.count(), "must be greater than or equal to 1");
    }
    MetadataRules.timestamp("firstTimestamp", e.firstTimestamp(), errors);
    MetadataRules.timestamp("lastTimestamp", e.lastTimestamp(), errors);
    if (e.firstTimestamp() != null && e.lastTimestamp() != null
        && Rfc3339.problem(e.firstTimestamp()) == null && Rfc3339.problem(e.lastTimestamp()) == null
        && Rfc3339.parse(e.lastTimestamp()).isBefore(Rfc3339.parse(e.firstTimestamp()))) {
      errors.invalid("lastTimestamp", e.lastTimestamp(), "must not be before firstTimestamp");
    }
  }

  @Override
  public void validateStatus(Object status, FieldErrors errors) {
    // this kind has no status
  }
}
