/**
 * A work queue of keys with client-go semantics (dirty and processing sets) and rate limiters
 * (per-key exponential backoff, overall token bucket).
 */
package io.peloton.client.workqueue;
