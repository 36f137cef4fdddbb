/** Human-readable reasons why a task is still pending. */
package io.peloton.scheduler.explain;
