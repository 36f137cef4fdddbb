package io.peloton.api.task;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.ApiObject;
import io.peloton.api.meta.ObjectMeta;

/** One instance of a job, named {@code <job>-<instance>}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Task(
    String apiVersion, String kind, ObjectMeta metadata, TaskSpec spec, TaskStatus status)
    implements ApiObject {

  /** The name a job's instance gets. */
  public static String nameOf(String job, int instance) {
    return job + "-" + instance;
  }
}
