package io.peloton.bench.api;

/** Task objects of about 1 KiB, as a job controller would create them. */
final class TaskFixtures {
  private static final String PADDING = "x".repeat(430);

  private TaskFixtures() {}

  /** Tasks are named {@code <job>-<instance>}. */
  static String name(int instance) {
    return "bench-" + instance;
  }

  static String task(String namespace, int instance) {
    String name = name(instance);
    return """
        {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"%s","namespace":"%s",\
        "labels":{"peloton.io/job":"bench","peloton.io/instance":"%d"}},\
        "spec":{"job":"bench","instance":%d,"runId":1,"goalState":"SUCCEEDED",\
        "config":{"name":"bench","resource":{"cpuLimit":0.1,"memLimitMb":32,"diskLimitMb":16},\
        "command":{"value":"sleep 10"},\
        "env":[{"name":"PAYLOAD","value":"%s"}],\
        "restartPolicy":{"maxFailures":3},"killGracePeriodSeconds":10}}}"""
        .formatted(name, namespace, instance, instance, PADDING);
  }
}
