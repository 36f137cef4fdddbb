/** The scheduler core: one {@link io.peloton.scheduler.SchedulingCycle} turns a snapshot into decisions. */
package io.peloton.scheduler;
