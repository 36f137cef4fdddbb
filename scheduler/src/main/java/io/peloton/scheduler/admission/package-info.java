/** Per-leaf priority-FIFO admission of gangs against entitlement, reservation and controller limits. */
package io.peloton.scheduler.admission;
