package io.peloton.mesos.sim.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

/** The stout JSON mapping of mesos-protocol.md §1.3. */
class StoutJsonTest {
  @Test
  void printsProtoNamesEnumsByNameInt64AsNumbersAndExplicitDefaults() {
    String json = StoutJson.print(Protos.FrameworkInfo.newBuilder().setUser("svc").setName("n").build());
    assertTrue(json.contains("\"failover_timeout\":0.0"), json);
    assertTrue(json.contains("\"checkpoint\":false"), json);
    String time = StoutJson.print(Protos.TimeInfo.newBuilder().setNanoseconds(1700000000000000000L).build());
    assertEquals("{\"nanoseconds\":1700000000000000000}", time);
    String status = StoutJson.print(Protos.TaskStatus.newBuilder().setTaskId(Protos.TaskID.newBuilder().setValue("t"))
        .setState(Protos.TaskState.TASK_RUNNING).setUuid(ByteString.copyFrom(new byte[] {1, 2, 3})).build());
    assertTrue(status.contains("\"state\":\"TASK_RUNNING\""), status);
    assertTrue(status.contains("\"uuid\":\"AQID\""), status);
    assertTrue(status.contains("\"task_id\""), status);
    assertEquals("{}", StoutJson.print(Protos.Labels.getDefaultInstance()));
  }

  @Test
  void parsesLikeStout() {
    Call call = StoutJson.parse("{\"type\":\"DECLINE\",\"frameworkId\":{\"value\":\"ignored\"},"
        + "\"framework_id\":{\"value\":\"F\"},\"decline\":{\"offer_ids\":[{\"value\":\"O\"}],"
        + "\"filters\":{\"refuse_seconds\":\"3600\"}},\"unknown\":1}", Call.newBuilder()).build();
    assertEquals("F", call.getFrameworkId().getValue());
    assertEquals(3600.0, call.getDecline().getFilters().getRefuseSeconds());
    Protos.TimeInfo t = StoutJson.parse("{\"nanoseconds\":\"42\"}", Protos.TimeInfo.newBuilder()).build();
    assertEquals(42, t.getNanoseconds());
    Protos.TaskStatus.Builder s = StoutJson.parse("{\"state\":\"TASK_RUNNING\",\"reason\":\"NO_SUCH_REASON\"}",
        Protos.TaskStatus.newBuilder());
    assertFalse(s.hasReason()); // unknown enum names in optional fields are dropped
    assertThrows(JsonConversionException.class,
        () -> StoutJson.parse("{\"state\":\"NOT_A_STATE\"}", Protos.TaskStatus.newBuilder()));
    Protos.TaskInfo.Builder limits = StoutJson.parse("{\"limits\":{\"cpus\":\"Infinity\",\"mem\":512}}",
        Protos.TaskInfo.newBuilder());
    assertEquals(2, limits.getLimitsCount());
    assertEquals(Double.POSITIVE_INFINITY, limits.getLimitsOrThrow("cpus").getValue());
    assertTrue(StoutJson.print(limits.buildPartial()).contains("\"limits\":{\"cpus\":\"Infinity\",\"mem\":512.0}"));
    assertEquals(ByteString.copyFrom(new byte[] {1, 2, 3}),
        StoutJson.parse("{\"uuid\":\"AQID\"}", Protos.TaskStatus.newBuilder()).getUuid());
  }

  @Test
  void missingRequiredFieldsAreListed() {
    Protos.TaskStatus.Builder b = StoutJson.parse("{\"state\":\"TASK_RUNNING\"}", Protos.TaskStatus.newBuilder());
    assertFalse(b.isInitialized());
    assertTrue(StoutJson.missingRequired(b).contains("task_id"));
  }
}
