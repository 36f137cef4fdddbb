/**
 * Per-leaf priority-FIFO admission of gangs against entitlement, reservation and controller limits.
 *
 * <p>Gangs that can never be admitted ({@link io.peloton.scheduler.admission.PoolLimits}) or placed
 * do not queue at all. Between the rest the rule is bounded overtaking
 * ({@link io.peloton.scheduler.admission.OvertakeWindow}): a gang that does not fit now is
 * overtaken by later gangs that do, for at most the overtake window (60 s by default); after that
 * nothing behind it in its queue is admitted until it fits. See {@code docs/scheduling.md}.
 */
package io.peloton.scheduler.admission;
