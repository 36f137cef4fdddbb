/** Immutable in-memory model the scheduler works on: hosts, pools, pending and bound tasks, constraints. */
package io.peloton.scheduler.model;
