/** Inter-pool preemption with hysteresis and Peloton victim ranking. */
package io.peloton.scheduler.preemption;
