package io.peloton.apiserver.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peloton.api.ApiObject;
import io.peloton.api.ResourceType;
import io.peloton.api.ResourceTypes;
import io.peloton.api.codec.Codecs;

/** The discovery documents kubectl and clients read to learn which kinds exist. */
final class Discovery {
  private static final String[] VERBS = {"create", "delete", "get", "list", "patch", "update",
      "watch"};

  private Discovery() {}

  /** {@code /api}: the legacy core group, which this server does not serve. */
  static ObjectNode coreVersions() {
    ObjectNode o = Codecs.json().createObjectNode();
    o.put("kind", "APIVersions");
    o.putArray("versions");
    o.putArray("serverAddressByClientCIDRs");
    return o;
  }

  static ObjectNode groupList() {
    ObjectNode o = Codecs.json().createObjectNode();
    o.put("kind", "APIGroupList").put("apiVersion", "v1");
    o.putArray("groups").add(group());
    return o;
  }

  static ObjectNode group() {
    ObjectNode g = Codecs.json().createObjectNode();
    g.put("kind", "APIGroup").put("apiVersion", "v1").put("name", ApiObject.GROUP);
    ObjectNode version = Codecs.json().createObjectNode()
        .put("groupVersion", ApiObject.API_VERSION).put("version", ApiObject.VERSION);
    g.putArray("versions").add(version);
    g.set("preferredVersion", version.deepCopy());
    return g;
  }

  static ObjectNode resourceList() {
    ObjectNode o = Codecs.json().createObjectNode();
    o.put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", ApiObject.API_VERSION);
    ArrayNode resources = o.putArray("resources");
    for (ResourceType t : ResourceTypes.ALL) {
      ObjectNode r = resources.addObject();
      r.put("name", t.plural()).put("singularName", t.singular())
          .put("namespaced", t.namespaced()).put("kind", t.kind());
      ArrayNode verbs = r.putArray("verbs");
      for (String v : VERBS) {
        verbs.add(v);
      }
      ArrayNode shortNames = r.putArray("shortNames");
      t.shortNames().forEach(shortNames::add);
      if (t.hasStatus()) {
        ObjectNode s = resources.addObject();
        s.put("name", t.plural() + "/status").put("singularName", "")
            .put("namespaced", t.namespaced()).put("kind", t.kind());
        s.putArray("verbs").add("get").add("patch").add("update");
      }
    }
    // a task run's stdout/stderr read through its agent, like Kubernetes' pods/log
    resources.addObject().put("name", "tasks/log").put("singularName", "").put("namespaced", true)
        .put("kind", "Task").putArray("verbs").add("get");
    // batch endpoints for the scheduler (bindings) and the Mesos bridge (status patches)
    for (String[] batch : new String[][] {{"taskbindings", "taskbinding", "TaskBinding"},
        {"taskstatuses", "taskstatus", "TaskStatusPatch"}}) {
      ObjectNode r = resources.addObject();
      r.put("name", batch[0]).put("singularName", batch[1]).put("namespaced", true)
          .put("kind", batch[2]);
      r.putArray("verbs").add("create");
    }
    return o;
  }

  static ObjectNode version() {
    ObjectNode o = Codecs.json().createObjectNode();
    o.put("major", "0").put("minor", "1").put("gitVersion", "v0.1.0")
        .put("platform", System.getProperty("os.name") + "/" + System.getProperty("os.arch"))
        .put("goVersion", "java" + System.getProperty("java.version"));
    return o;
  }
}
