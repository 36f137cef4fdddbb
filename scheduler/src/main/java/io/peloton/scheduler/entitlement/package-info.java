/** Hierarchical max-min fair entitlement per pool (Peloton's resource manager algorithm). */
package io.peloton.scheduler.entitlement;
