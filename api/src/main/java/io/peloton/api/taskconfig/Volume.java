package io.peloton.api.taskconfig;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A volume mounted into the task: a host directory, a scratch directory, or a persistent volume
 * (which makes the task stateful).
 *
 * @param hostPath required for HOST_PATH
 * @param sizeMb required for PERSISTENT, optional for EMPTY_DIR
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Volume(
    String name,
    VolumeType type,
    String containerPath,
    String hostPath,
    VolumeMode mode,
    Double sizeMb) {

  /** Where the volume's data lives. */
  public enum VolumeType { HOST_PATH, EMPTY_DIR, PERSISTENT }

  /** Read-write or read-only. */
  public enum VolumeMode { RW, RO }
}
