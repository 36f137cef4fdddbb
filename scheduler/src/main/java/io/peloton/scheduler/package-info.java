/** The scheduler: entitlement, admission, placement, preemption and explanations. */
package io.peloton.scheduler;
