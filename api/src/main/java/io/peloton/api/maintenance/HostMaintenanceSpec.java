package io.peloton.api.maintenance;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.Frozen;
import java.util.List;

/**
 * Which hosts go down and when.
 *
 * @param hosts Host names
 * @param start when the window opens (RFC 3339); absent means now
 * @param duration how long the hosts are expected down, e.g. {@code 2h}; absent means open-ended
 * @param complete true brings the hosts back up
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HostMaintenanceSpec(
    List<String> hosts, String start, String duration, Boolean complete) {

  public HostMaintenanceSpec {
    hosts = Frozen.list(hosts);
  }
}
