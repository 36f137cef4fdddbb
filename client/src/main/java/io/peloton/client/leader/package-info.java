/** Coordination on Lease objects: leader election with hot standbys, and shard membership. */
package io.peloton.client.leader;
