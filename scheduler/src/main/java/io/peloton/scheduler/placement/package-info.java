/** Placement of admitted gangs on hosts: equivalence classes, eligibility bit sets, a capacity tree. */
package io.peloton.scheduler.placement;
