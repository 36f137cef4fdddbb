package io.peloton.bench.api;

/** Task objects of about 1 KiB, as a job controller would create them. */
final class TaskFixtures {
  private static final String PADDING = "x".repeat(430);

  /** A job has at most 100,000 instances; the i-th task is of job {@code bench<i / 100,000>}. */
  private static final int INSTANCES_PER_JOB = 100_000;

  private TaskFixtures() {}

  /** Tasks are named {@code <job>-<instance>}. */
  static String name(int i) {
    return job(i) + "-" + i % INSTANCES_PER_JOB;
  }

  private static String job(int i) {
    return "bench" + i / INSTANCES_PER_JOB;
  }

  /** The i-th Task of a series. */
  static String task(String namespace, int i) {
    String name = name(i);
    String job = job(i);
    int instance = i % INSTANCES_PER_JOB;
    return """
        {"apiVersion":"peloton.io/v1","kind":"Task","metadata":{"name":"%s","namespace":"%s",\
        "labels":{"peloton.io/job":"%s","peloton.io/instance":"%d"}},\
        "spec":{"job":"%s","instance":%d,"runId":1,"goalState":"SUCCEEDED",\
        "config":{"name":"bench","resource":{"cpuLimit":0.1,"memLimitMb":32,"diskLimitMb":16},\
        "command":{"value":"sleep 10"},\
        "env":[{"name":"PAYLOAD","value":"%s"}],\
        "restartPolicy":{"maxFailures":3},"killGracePeriodSeconds":10}}}"""
        .formatted(name, namespace, job, instance, job, instance, PADDING);
  }
}
