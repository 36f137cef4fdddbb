package io.peloton.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.peloton.api.Frozen;
import io.peloton.api.taskconfig.TaskConfig;
import java.util.List;
import java.util.Map;

/**
 * Desired state of a job, as Peloton's {@code JobConfig} with camelCase keys and enum names.
 *
 * @param respool path of the leaf pool the job runs in, e.g. {@code /DefaultResPool}
 * @param instanceCount number of instances (not used by DAEMON jobs: one per eligible host)
 * @param instanceConfig per-instance overrides keyed by instance index ("0", "1"...), merged
 *     field by field (whole sub-objects) onto {@code defaultConfig}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record JobSpec(
    JobType type,
    String respool,
    Integer instanceCount,
    Sla sla,
    TaskConfig defaultConfig,
    Map<String, TaskConfig> instanceConfig,
    UpdateStrategy updateStrategy,
    PlacementStrategy placementStrategy,
    String owner,
    String owningTeam,
    List<String> ldapGroups,
    String description) {

  public JobSpec {
    instanceConfig = Frozen.map(instanceConfig);
    ldapGroups = Frozen.list(ldapGroups);
  }

  /** The resolved config of one instance: its override merged onto the default config. */
  public TaskConfig configFor(int instance) {
    TaskConfig override = instanceConfig == null ? null : instanceConfig.get(Integer.toString(instance));
    if (defaultConfig == null) {
      return override;
    }
    return defaultConfig.mergedWith(override);
  }

  /** Peloton's job types; STATEFUL tasks carry persistent volumes. */
  public enum JobType { BATCH, SERVICE, DAEMON, STATEFUL }

  /** How hosts are chosen: pack onto few hosts, or spread one job's tasks across hosts. */
  public enum PlacementStrategy { PACK_HOST, SPREAD_JOB }
}
