package io.peloton.mesos.sim.master;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/** The FrameworkInfo checks the master makes on SUBSCRIBE and UPDATE_FRAMEWORK (failures become ERROR events). */
final class FrameworkInfoRules {
  private FrameworkInfoRules() {}

  static String validate(FrameworkInfo info, List<String> suppressedRoles) {
    boolean multiRole = info.getCapabilitiesList().stream()
        .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.MULTI_ROLE);
    if (multiRole && info.hasRole()) {
      return "'FrameworkInfo.role' must not be set when the framework is MULTI_ROLE capable";
    }
    if (!multiRole && info.getRolesCount() > 0) {
      return "'FrameworkInfo.roles' is set but the framework is not MULTI_ROLE capable";
    }
    List<String> roles = multiRole ? info.getRolesList() : List.of(info.hasRole() ? info.getRole() : "*");
    Set<String> seen = new HashSet<>();
    for (String role : roles) {
      String bad = invalidRole(role);
      if (bad != null) {
        return "Role '" + role + "' is invalid: " + bad;
      }
      if (!seen.add(role)) {
        return "'FrameworkInfo.roles' contains duplicate role '" + role + "'";
      }
    }
    if (info.hasFailoverTimeout() && (info.getFailoverTimeout() < 0 || Double.isNaN(info.getFailoverTimeout())
        || Double.isInfinite(info.getFailoverTimeout()))) {
      return "Invalid 'FrameworkInfo.failover_timeout': " + info.getFailoverTimeout();
    }
    for (String s : suppressedRoles) {
      if (!seen.contains(s)) {
        return "Suppressed role '" + s + "' is not contained in the list of roles";
      }
    }
    return null;
  }

  /** Mesos role-name rules; null when valid. */
  static String invalidRole(String role) {
    if (role.equals("*")) {
      return null;
    }
    if (role.isEmpty()) {
      return "role names cannot be empty";
    }
    if (role.startsWith("/") || role.endsWith("/")) {
      return "role names cannot start or end with '/'";
    }
    for (String part : role.split("/", -1)) {
      if (part.isEmpty()) {
        return "role names cannot contain '//'";
      }
      if (part.equals(".") || part.equals("..") || part.equals("*")) {
        return "role name components cannot be '.', '..' or '*'";
      }
      if (part.startsWith("-")) {
        return "role name components cannot start with '-'";
      }
      for (char c : part.toCharArray()) {
        if (Character.isWhitespace(c) || Character.isISOControl(c)) {
          return "role names cannot contain whitespace or control characters";
        }
      }
    }
    return null;
  }
}
