package io.peloton.bridge.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.peloton.api.task.RunSandbox;
import io.peloton.api.task.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos;
import org.junit.jupiter.api.Test;

/** Where a run's sandbox is recorded, and the bounded history of earlier runs. */
class RunSandboxesTest {
  private static RunSandbox run(int n) {
    return new RunSandbox(n, "h1", "http://10.0.0.5:5051", "/frameworks/f/executors/e" + n
        + "/runs/latest");
  }

  private static TaskStatus status(RunSandbox current, List<RunSandbox> previous) {
    return new TaskStatus(null, current.runId(), null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, current, previous);
  }

  @Test
  void theAgentUrlComesFromTheOffersAgentAddressAndTheDirectoryIsMesosVirtualPath() {
    Protos.Offer offer = Protos.Offer.newBuilder()
        .setId(Protos.OfferID.newBuilder().setValue("o1"))
        .setFrameworkId(Protos.FrameworkID.newBuilder().setValue("fw"))
        .setAgentId(Protos.AgentID.newBuilder().setValue("a1")).setHostname("h1")
        .setUrl(Protos.URL.newBuilder().setScheme("http").setAddress(Protos.Address.newBuilder()
            .setHostname("h1").setIp("10.0.0.5").setPort(5051)))
        .build();
    assertEquals(new RunSandbox(2, "h1", "http://10.0.0.5:5051",
            "/frameworks/fw/executors/uid-0-2/runs/latest"),
        RunSandboxes.of(offer, "fw", "uid-0-2", 2));
    assertNull(RunSandboxes.of(offer.toBuilder().clearUrl().build(), "fw", "uid-0-2", 2));
  }

  @Test
  void earlierRunsAreKeptNewestFirstAndBounded() {
    assertEquals(List.of(run(1)), RunSandboxes.previousRuns(status(run(1), null), 2));
    assertNull(RunSandboxes.previousRuns(status(run(2), List.of(run(1))), 2),
        "the same run again changes nothing");
    List<RunSandbox> five = new ArrayList<>();
    for (int i = 7; i >= 3; i--) {
      five.add(run(i));
    }
    List<RunSandbox> next = RunSandboxes.previousRuns(status(run(8), five), 9);
    assertEquals(List.of(run(8), run(7), run(6), run(5), run(4)), next);
  }
}
