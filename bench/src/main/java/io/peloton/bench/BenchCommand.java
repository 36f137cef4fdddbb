package io.peloton.bench;

import io.peloton.bench.api.ApiBench;
import io.peloton.bench.bridge.BridgeBench;
import io.peloton.bench.e2e.EndToEndBench;
import io.peloton.bench.mesos.MesosSimBench;
import io.peloton.bench.scheduler.SchedulerBench;
import picocli.CommandLine.Command;

/** {@code peloton bench NAME}: benchmark harnesses; each prints one JSON object as its last line. */
@Command(name = "bench", description = "Run a benchmark; the last line of output is one JSON object.",
    subcommands = {ApiBench.class, MesosSimBench.class, SchedulerBench.class,
        BridgeBench.class, EndToEndBench.class})
public final class BenchCommand {}
