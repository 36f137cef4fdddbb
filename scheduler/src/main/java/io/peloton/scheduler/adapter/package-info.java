/**
 * Turns API objects (Task, Host, ResourcePool, Job) into the scheduler's immutable model, per the
 * task lifecycle contract ({@code docs/task-lifecycle.md}); bad objects become explanations, never
 * exceptions that stop a cycle.
 */
package io.peloton.scheduler.adapter;
