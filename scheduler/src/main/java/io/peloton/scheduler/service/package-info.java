/**
 * The scheduler as a running component: informers over ResourcePool, Host, Task and Job, a
 * leader-elected loop running {@code SchedulingCycle}, and the writes that hand its decisions to the
 * API (bindings, Scheduled conditions, Events, preemptions, pool status).
 */
package io.peloton.scheduler.service;
