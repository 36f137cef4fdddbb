package io.peloton.mesos.sim.master;

import com.google.protobuf.ByteString;
import io.peloton.mesos.sim.SimulatorConfig;
import io.peloton.mesos.sim.agent.Agent;
import io.peloton.mesos.sim.agent.AgentIdCheckpoint;
import io.peloton.mesos.sim.agent.AgentResources;
import io.peloton.mesos.sim.agent.TaskCheckpoint;
import io.peloton.mesos.sim.agent.TaskExecutor;
import io.peloton.mesos.sim.agent.TaskLaunch;
import io.peloton.mesos.sim.allocator.Allocator;
import io.peloton.mesos.sim.allocator.InverseOfferRecord;
import io.peloton.mesos.sim.allocator.OfferRecord;
import io.peloton.mesos.sim.allocator.RefusalFilters;
import io.peloton.mesos.sim.cluster.AgentSpec;
import io.peloton.mesos.sim.maintenance.MachineKey;
import io.peloton.mesos.sim.maintenance.MaintenanceRegistry;
import io.vertx.core.Vertx;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.allocator.Protos.InverseOfferStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated Mesos master and its agents' status-update managers. All state lives behind this
 * object's monitor (one lock keeps it simple and deterministic); nothing here blocks.
 */
public final class Master {
  private static final Logger LOG = LoggerFactory.getLogger(Master.class);
  private static final int OFFERS_PER_EVENT = 1000;
  private static final long DEFAULT_KILL_GRACE_NANOS = 3_000_000_000L;

  private final Vertx vertx;
  private final SimulatorConfig config;
  private final TaskExecutor executor;
  private final Path workDir;
  private final AgentIdCheckpoint agentIds;
  private final MaintenanceRegistry maintenance = new MaintenanceRegistry();
  private final StatusUpdateRelay updates;
  private final Reconciler reconciler;
  private final List<Agent> agents = new ArrayList<>();
  private final Map<String, Agent> agentsById = new HashMap<>();
  private final Map<String, FrameworkRecord> frameworks = new LinkedHashMap<>();
  private final Set<String> completedFrameworks = new HashSet<>();
  private final Map<String, Map<String, TaskRecord>> tasks = new HashMap<>();
  private final Map<Integer, LinkedHashSet<TaskRecord>> tasksByAgent = new HashMap<>();
  private final ArrayDeque<TaskRecord> completedTasks = new ArrayDeque<>(); // the last 1000, for GET_TASKS
  private final Map<String, List<ByteString>> executorMessages = new HashMap<>();
  // sandboxes stay readable after their tasks complete (bounded, oldest dropped first)
  private final Map<String, Path> completedSandboxes = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Path> eldest) {
      return size() > 10_000;
    }
  };
  private String masterId;
  private Allocator allocator;
  private int frameworkSeq;
  private int agentSeq;
  private int boundPort;
  private volatile boolean stopped;

  public Master(Vertx vertx, SimulatorConfig config, TaskExecutor executor, Path workDir) {
    this.vertx = vertx;
    this.config = config;
    this.executor = executor;
    this.workDir = workDir;
    this.agentIds = config.recoverAgents() ? AgentIdCheckpoint.in(workDir)
        : AgentIdCheckpoint.none();
    this.masterId = UUID.randomUUID().toString();
    this.allocator = new Allocator(masterId);
    this.updates = new StatusUpdateRelay(this, vertx, config.statusUpdateRetry().toMillis(), frameworks);
    this.reconciler = new Reconciler(agents, agentsById, this::frameworkTasks);
    Map<Map<String, String>, List<Protos.Attribute>> sharedAttributes = new HashMap<>();
    for (AgentSpec spec : config.cluster().expand()) {
      List<Protos.Attribute> attrs = sharedAttributes.computeIfAbsent(spec.attributes(), Master::attributes);
      Agent agent = addAgentInternal(spec, attrs);
      // the agents of the cluster spec keep their ids over restarts (added ones are not kept)
      String id = agentIds.idFor(agent.hostname(), agent.id());
      if (!id.equals(agent.id())) {
        agentsById.remove(agent.id());
        agent.reregisterAs(id);
        agentsById.put(id, agent);
      }
    }
    recoverTasks();
  }

  /** Agent recovery: tasks checkpointed by the previous run come back on their agents. */
  private void recoverTasks() {
    for (TaskCheckpoint c : executor.recover()) {
      Agent agent = agentsById.get(c.agentId());
      if (agent == null) {
        TaskRecovery.discard(executor, c);
        continue;
      }
      TaskRecord t = TaskRecovery.recordOf(c, agent);
      tasks.computeIfAbsent(t.frameworkId, k -> new HashMap<>()).put(t.taskId(), t);
      tasksByAgent.computeIfAbsent(agent.index(), k -> new LinkedHashSet<>()).add(t);
      t.running = executor.adopt(c, (state, reason, message) -> executorStatus(t, state, reason,
          message));
    }
  }

  // ================================================================== lifecycle & timers

  public synchronized void boundPort(int port) {
    this.boundPort = port;
    agents.forEach(a -> a.serveHttpAt(config.host(), port));
  }

  /** Starts the allocation, heartbeat and retry timers. */
  public void startTimers() {
    vertx.setPeriodic(config.allocationInterval().toMillis(), id -> allocateSoon());
    vertx.setPeriodic(config.heartbeatInterval().toMillis(), id -> heartbeat());
    long retryTick = Math.max(50, Math.min(1000, config.statusUpdateRetry().toMillis() / 4));
    vertx.setPeriodic(retryTick, id -> updates.retryDue());
  }

  /**
   * Runs an allocation on a worker thread: building and encoding tens of thousands of offers must
   * not hold up an event loop, and the event loop can stream them out meanwhile.
   */
  public void allocateSoon() {
    if (stopped) {
      return; // a timer that fired while the simulator closes: its worker pool is going away
    }
    vertx.executeBlocking(() -> {
      allocate();
      return null;
    }, true);
  }

  private synchronized void heartbeat() {
    Event hb = Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
    for (FrameworkRecord fw : frameworks.values()) {
      if (fw.sink != null) {
        fw.sink.send(hb);
      }
    }
  }

  public synchronized String masterId() {
    return masterId;
  }

  public synchronized Protos.MasterInfo masterInfo() {
    String host = config.host();
    return Protos.MasterInfo.newBuilder().setId(masterId).setIp(ipAsInt(host)).setPort(boundPort)
        .setHostname(host).setVersion("1.11.0").setPid("master@" + host + ":" + boundPort)
        .setAddress(Protos.Address.newBuilder().setHostname(host).setIp(host).setPort(boundPort))
        .addCapabilities(Protos.MasterInfo.Capability.newBuilder().setType(Protos.MasterInfo.Capability.Type.AGENT_UPDATE))
        .addCapabilities(Protos.MasterInfo.Capability.newBuilder().setType(Protos.MasterInfo.Capability.Type.AGENT_DRAINING))
        .build();
  }

  private static int ipAsInt(String ip) {
    if (!AgentSpec.isIpv4(ip)) {
      return 16777343; // 127.0.0.1 in network order, as Mesos reports it
    }
    String[] p = ip.split("\\.");
    return Integer.parseInt(p[0]) | Integer.parseInt(p[1]) << 8 | Integer.parseInt(p[2]) << 16
        | Integer.parseInt(p[3]) << 24;
  }

  // ================================================================== subscription

  /** SUBSCRIBE: validated call, a fresh stream. Sends SUBSCRIBED + HEARTBEAT, or ERROR and closes. */
  public synchronized void subscribe(Call call, EventSink sink) {
    Call.Subscribe subscribe = call.getSubscribe();
    FrameworkInfo info = subscribe.getFrameworkInfo();
    String error = FrameworkInfoRules.validate(info, subscribe.getSuppressedRolesList());
    String id = info.hasId() ? info.getId().getValue() : null;
    if (error == null && id != null && completedFrameworks.contains(id)) {
      error = "Framework has been removed";
    }
    FrameworkRecord fw = id == null ? null : frameworks.get(id);
    if (error == null && fw != null && !fw.info.getPrincipal().equals(info.getPrincipal())) {
      error = "Changing framework's principal is not allowed.";
    }
    if (error != null) {
      sink.send(Event.newBuilder().setType(Event.Type.ERROR)
          .setError(Event.Error.newBuilder().setMessage(error)).build());
      sink.close();
      return;
    }
    if (fw == null) {
      if (id == null) {
        id = String.format("%s-%04d", masterId, frameworkSeq++);
      }
      fw = new FrameworkRecord(id, info.toBuilder().setId(Protos.FrameworkID.newBuilder().setValue(id)).build(),
          tasksByAgent);
      frameworks.put(id, fw);
    } else {
      if (fw.sink != null) {
        fw.sink.send(Event.newBuilder().setType(Event.Type.ERROR)
            .setError(Event.Error.newBuilder().setMessage("Framework failed over")).build());
        fw.sink.close();
      }
      if (fw.failoverTimer >= 0) {
        vertx.cancelTimer(fw.failoverTimer);
        fw.failoverTimer = -1;
      }
      // user and checkpoint changes are silently ignored, as in Mesos
      fw.info = info.toBuilder().setUser(fw.info.getUser()).setCheckpoint(fw.info.getCheckpoint()).build();
      allocator.removeFramework(id, agents);
    }
    fw.sink = sink;
    sink.attach(id);
    fw.suppressed.clear();
    fw.suppressed.addAll(subscribe.getSuppressedRolesList());
    sink.send(Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
        .setFrameworkId(Protos.FrameworkID.newBuilder().setValue(id))
        .setHeartbeatIntervalSeconds(config.heartbeatInterval().toMillis() / 1000.0)
        .setMasterInfo(masterInfo())).build());
    sink.send(Event.newBuilder().setType(Event.Type.HEARTBEAT).build());
    // agents resend unacknowledged updates at once when the framework re-subscribes
    for (TaskRecord t : frameworkTasks(id).values()) {
      updates.resendNow(t);
    }
    allocateSoon();
  }

  /** The subscription stream closed: the framework is disconnected and its failover timer starts. */
  public synchronized void disconnected(String frameworkId, EventSink sink) {
    FrameworkRecord fw = frameworks.get(frameworkId);
    if (fw == null || fw.sink != sink) {
      return;
    }
    fw.sink = null;
    allocator.removeFramework(frameworkId, agents);
    long timeoutMillis = (long) (fw.info.getFailoverTimeout() * 1000);
    fw.failoverTimer = vertx.setTimer(Math.max(1, timeoutMillis), id -> failoverExpired(frameworkId, id));
  }

  private synchronized void failoverExpired(String frameworkId, long timerId) {
    FrameworkRecord fw = frameworks.get(frameworkId);
    if (fw != null && fw.sink == null && fw.failoverTimer == timerId) {
      LOG.info("Framework {} did not fail over within its failover_timeout; removing it", frameworkId);
      removeFramework(fw);
    }
  }

  // ================================================================== calls

  /**
   * Checks the framework and stream id of a non-SUBSCRIBE call and runs it.
   *
   * @return the HTTP status to answer (202, or 200 for UPDATE_FRAMEWORK)
   */
  public synchronized int handle(Call call, String streamId) {
    String fid = call.getFrameworkId().getValue();
    FrameworkRecord fw = frameworks.get(fid);
    if (fw == null) {
      throw new CallRejected(400, "Framework cannot be found");
    }
    if (fw.sink == null) {
      throw new CallRejected(403, "Framework is not subscribed");
    }
    if (streamId == null) {
      throw new CallRejected(400, "All non-subscribe calls should include the 'Mesos-Stream-Id' header");
    }
    if (!streamId.equals(fw.sink.streamId())) {
      throw new CallRejected(400, "The stream ID '" + streamId + "' included in this request didn't match the "
          + "stream ID currently associated with framework ID " + fid);
    }
    switch (call.getType()) {
      case TEARDOWN -> removeFramework(fw);
      case ACCEPT -> accept(fw, call.getAccept());
      case DECLINE -> decline(fw, call.getDecline().getOfferIdsList(),
          call.getDecline().hasFilters() && call.getDecline().getFilters().hasRefuseSeconds()
              ? call.getDecline().getFilters().getRefuseSeconds() : null);
      case ACCEPT_INVERSE_OFFERS -> answerInverse(fw, call.getAcceptInverseOffers().getInverseOfferIdsList(),
          call.getAcceptInverseOffers().getFilters(), InverseOfferStatus.Status.ACCEPT);
      case DECLINE_INVERSE_OFFERS -> answerInverse(fw, call.getDeclineInverseOffers().getInverseOfferIdsList(),
          call.getDeclineInverseOffers().getFilters(), InverseOfferStatus.Status.DECLINE);
      case REVIVE -> revive(fw, call.getRevive().getRolesList());
      case SUPPRESS -> suppress(fw, call.getSuppress().getRolesList());
      case KILL -> kill(fw, call.getKill());
      case SHUTDOWN -> shutdown(fw, call.getShutdown());
      case ACKNOWLEDGE -> acknowledge(fw, call.getAcknowledge());
      case RECONCILE -> reconciler.reconcile(fw, call.getReconcile().getTasksList());
      case MESSAGE -> executorMessages.computeIfAbsent(call.getMessage().getAgentId().getValue() + "/"
          + call.getMessage().getExecutorId().getValue(), k -> new ArrayList<>()).add(call.getMessage().getData());
      case UPDATE_FRAMEWORK -> {
        updateFramework(fw, call.getUpdateFramework());
        return 200;
      }
      case REQUEST, ACKNOWLEDGE_OPERATION_STATUS, RECONCILE_OPERATIONS -> {
        // the built-in allocator ignores REQUEST; the simulator has no operation feedback to reconcile
      }
      default -> throw new CallRejected(501, "Unsupported call type " + call.getType());
    }
    return 202;
  }

  private void updateFramework(FrameworkRecord fw, Call.UpdateFramework update) {
    FrameworkInfo info = update.getFrameworkInfo();
    if (!info.getUser().equals(fw.info.getUser()) || info.getCheckpoint() != fw.info.getCheckpoint()
        || !info.getPrincipal().equals(fw.info.getPrincipal())) {
      throw new CallRejected(400, "Updating 'FrameworkInfo.user', 'checkpoint' or 'principal' is not supported");
    }
    String error = FrameworkInfoRules.validate(info, update.getSuppressedRolesList());
    if (error != null) {
      throw new CallRejected(400, error);
    }
    fw.info = info;
    Set<String> newlyUnsuppressed = new HashSet<>(fw.suppressed);
    newlyUnsuppressed.removeAll(update.getSuppressedRolesList());
    fw.suppressed.clear();
    fw.suppressed.addAll(update.getSuppressedRolesList());
    fw.filters.clear(newlyUnsuppressed);
    for (OfferRecord r : allocator.offersOf(fw.id)) {
      if (!fw.roles().contains(r.role())) {
        allocator.take(r.offerId(), agents);
        rescind(fw, r.offerId());
      }
    }
  }

  private void revive(FrameworkRecord fw, List<String> roles) {
    List<String> target = roles.isEmpty() ? fw.roles() : roles;
    if (!fw.roles().containsAll(target)) {
      return; // an unknown role drops the whole call
    }
    fw.suppressed.removeAll(target);
    fw.filters.clear(target);
    allocateSoon();
  }

  private void suppress(FrameworkRecord fw, List<String> roles) {
    List<String> target = roles.isEmpty() ? fw.roles() : roles;
    if (!fw.roles().containsAll(target)) {
      return;
    }
    fw.suppressed.addAll(target);
  }

  private void decline(FrameworkRecord fw, List<Protos.OfferID> offerIds, Double refuseSeconds) {
    long now = System.nanoTime();
    double seconds = RefusalFilters.effectiveSeconds(refuseSeconds);
    for (Protos.OfferID oid : offerIds) {
      OfferRecord r = allocator.peek(oid.getValue());
      if (r == null || !r.frameworkId().equals(fw.id)) {
        LOG.debug("Ignoring DECLINE of unknown offer {}", oid.getValue());
        continue;
      }
      allocator.take(oid.getValue(), agents);
      Agent agent = agents.get(r.agentIndex());
      fw.filters.refuse(agent.index(), r.role(), seconds, agent.resources().freeCpus(), agent.resources().freeMem(), now);
    }
  }

  private void answerInverse(FrameworkRecord fw, List<Protos.OfferID> ids, Protos.Filters filters,
                             InverseOfferStatus.Status status) {
    double seconds = RefusalFilters.effectiveSeconds(filters.hasRefuseSeconds() ? filters.getRefuseSeconds() : null);
    for (Protos.OfferID oid : ids) {
      InverseOfferRecord r = allocator.takeInverse(oid.getValue());
      if (r == null || !r.frameworkId().equals(fw.id)) {
        continue; // unknown inverse offers are ignored (MESOS-7119)
      }
      Agent agent = agents.get(r.agentIndex());
      maintenance.recordAnswer(MachineKey.of(agent.hostname(), agent.ip()), fw.id, status);
      fw.filters.refuseInverse(agent.index(), seconds, System.nanoTime());
    }
  }

  // ------------------------------------------------------------------ ACCEPT

  private void accept(FrameworkRecord fw, Call.Accept accept) {
    List<OfferRecord> used = new ArrayList<>();
    String invalid = accept.getOfferIdsCount() == 0 ? "No offers specified" : null;
    Set<String> seen = new HashSet<>();
    for (Protos.OfferID oid : accept.getOfferIdsList()) {
      OfferRecord r = allocator.peek(oid.getValue());
      if (!seen.add(oid.getValue())) {
        invalid = "Duplicate offer " + oid.getValue();
      } else if (r == null) {
        invalid = "Offer " + oid.getValue() + " is no longer valid";
      } else if (!r.frameworkId().equals(fw.id)) {
        invalid = "Offer " + oid.getValue() + " belongs to another framework";
      } else {
        if (!used.isEmpty() && (used.get(0).agentIndex() != r.agentIndex() || !used.get(0).role().equals(r.role()))) {
          invalid = "Offers come from different agents or roles";
        }
        used.add(r);
      }
    }
    for (OfferRecord r : used) {
      allocator.take(r.offerId(), agents); // valid offers named in a bad call are discarded too
    }
    if (invalid != null) {
      failLaunches(fw, accept.getOperationsList(), invalid);
      return;
    }
    Agent agent = agents.get(used.get(0).agentIndex());
    String role = used.get(0).role();
    for (Protos.Offer.Operation op : accept.getOperationsList()) {
      try {
        switch (op.getType()) {
          case LAUNCH -> {
            for (Protos.TaskInfo task : op.getLaunch().getTaskInfosList()) {
              launch(fw, agent, task, null, op.hasId());
            }
          }
          case LAUNCH_GROUP -> launchGroup(fw, agent, op);
          case RESERVE -> speculative(fw, agent, op, () -> agent.resources().reserve(op.getReserve().getResourcesList()));
          case UNRESERVE -> speculative(fw, agent, op, () -> agent.resources().unreserve(op.getUnreserve().getResourcesList()));
          case CREATE -> speculative(fw, agent, op, () -> agent.resources().createVolumes(op.getCreate().getVolumesList()));
          case DESTROY -> speculative(fw, agent, op, () -> agent.resources().destroyVolumes(op.getDestroy().getVolumesList()));
          default -> LOG.info("Ignoring unsupported offer operation {}", op.getType());
        }
      } catch (IllegalArgumentException e) {
        LOG.info("Offer operation {} failed: {}", op.getType(), e.getMessage());
      }
    }
    double seconds = RefusalFilters.effectiveSeconds(
        accept.hasFilters() && accept.getFilters().hasRefuseSeconds() ? accept.getFilters().getRefuseSeconds() : null);
    fw.filters.refuse(agent.index(), role, seconds, agent.resources().freeCpus(), agent.resources().freeMem(),
        System.nanoTime());
  }

  private void speculative(FrameworkRecord fw, Agent agent, Protos.Offer.Operation op, Runnable apply) {
    if (op.hasId()) {
      // feedback needs RESOURCE_PROVIDER + AGENT_OPERATION_FEEDBACK agents, which the simulator has not
      operationError(fw, op.getId(), agent.agentId(),
          "Operation feedback is not supported by agent " + agent.id());
      return;
    }
    apply.run();
  }

  private static void operationError(FrameworkRecord fw, Protos.OperationID id, Protos.AgentID agentId, String why) {
    if (fw.sink == null) {
      return;
    }
    Protos.OperationStatus.Builder status = Protos.OperationStatus.newBuilder().setOperationId(id)
        .setState(Protos.OperationState.OPERATION_ERROR).setMessage(why);
    if (agentId != null) {
      status.setAgentId(agentId);
    }
    fw.sink.send(Event.newBuilder().setType(Event.Type.UPDATE_OPERATION_STATUS)
        .setUpdateOperationStatus(Event.UpdateOperationStatus.newBuilder().setStatus(status)).build());
  }

  /** An executor sends a framework message (best effort: dropped if the framework is not connected). */
  public synchronized void executorMessage(String frameworkId, String agentId, String executorId, ByteString data) {
    FrameworkRecord fw = frameworks.get(frameworkId);
    if (fw == null || fw.sink == null) {
      return;
    }
    fw.sink.send(Event.newBuilder().setType(Event.Type.MESSAGE).setMessage(Event.Message.newBuilder()
        .setAgentId(Protos.AgentID.newBuilder().setValue(agentId))
        .setExecutorId(Protos.ExecutorID.newBuilder().setValue(executorId)).setData(data)).build());
  }

  private void failLaunches(FrameworkRecord fw, List<Protos.Offer.Operation> ops, String why) {
    for (Protos.Offer.Operation op : ops) {
      if (op.hasId() && op.getType() != Protos.Offer.Operation.Type.LAUNCH
          && op.getType() != Protos.Offer.Operation.Type.LAUNCH_GROUP) {
        operationError(fw, op.getId(), null, "Operation with invalid offers: " + why);
      }
      List<Protos.TaskInfo> list = op.getType() == Protos.Offer.Operation.Type.LAUNCH
          ? op.getLaunch().getTaskInfosList()
          : op.getType() == Protos.Offer.Operation.Type.LAUNCH_GROUP ? op.getLaunchGroup().getTaskGroup().getTasksList()
          : List.of();
      for (Protos.TaskInfo t : list) {
        MasterUpdates.send(fw, t.getTaskId(), t.getAgentId(), null,
            fw.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST,
            TaskStatus.Reason.REASON_INVALID_OFFERS, "Task launched with invalid offers: " + why, null);
      }
    }
  }

  private void launchGroup(FrameworkRecord fw, Agent agent, Protos.Offer.Operation op) {
    Protos.ExecutorInfo exec = op.getLaunchGroup().getExecutor();
    List<Protos.TaskInfo> group = op.getLaunchGroup().getTaskGroup().getTasksList();
    String error = null;
    if (exec.getType() != Protos.ExecutorInfo.Type.DEFAULT || exec.hasCommand()) {
      error = "LAUNCH_GROUP needs an executor of type DEFAULT without a command";
    } else if (group.isEmpty()) {
      error = "Task group is empty";
    } else if (op.hasId()) {
      error = "An 'id' cannot be set on a LAUNCH_GROUP operation";
    }
    for (Protos.TaskInfo t : group) {
      if (error == null && (t.hasExecutor() || !t.hasCommand())) {
        error = "Task '" + t.getTaskId().getValue() + "' in a group must have a command and no executor";
      }
    }
    if (error != null) {
      for (Protos.TaskInfo t : group) {
        MasterUpdates.send(fw, t.getTaskId(), agent.agentId(), null, TaskState.TASK_ERROR,
            TaskStatus.Reason.REASON_TASK_GROUP_INVALID, error, null);
      }
      return;
    }
    for (Protos.TaskInfo t : group) {
      launch(fw, agent, t, exec, false);
    }
  }

  private void launch(FrameworkRecord fw, Agent agent, Protos.TaskInfo task, Protos.ExecutorInfo groupExecutor,
                      boolean operationHasId) {
    Map<String, TaskRecord> fwTasks = tasks.computeIfAbsent(fw.id, k -> new HashMap<>());
    String error = null;
    if (operationHasId) {
      error = "An 'id' cannot be set on a LAUNCH operation";
    } else if (fwTasks.containsKey(task.getTaskId().getValue())) {
      error = "Task has duplicate ID: " + task.getTaskId().getValue();
    } else if (groupExecutor == null && task.hasCommand() == task.hasExecutor()) {
      error = "Task should have at least one (but not both) of CommandInfo or ExecutorInfo present";
    } else if (task.getResourcesCount() == 0) {
      error = "Task uses no resources";
    } else if (!task.getAgentId().getValue().equals(agent.id())) {
      error = "Task uses agent " + task.getAgentId().getValue() + " but the offer is for agent " + agent.id();
    } else if (task.hasKillPolicy() && task.getKillPolicy().hasGracePeriod()
        && task.getKillPolicy().getGracePeriod().getNanoseconds() < 0) {
      error = "Task's 'kill_policy.grace_period' must be non-negative";
    }
    AgentResources.Usage usage = null;
    if (error == null) {
      try {
        usage = agent.resources().take(task.getResourcesList());
      } catch (IllegalArgumentException e) {
        error = "Task uses more resources than offered: " + e.getMessage();
      }
    }
    if (error != null) {
      MasterUpdates.send(fw, task.getTaskId(), agent.agentId(), null, TaskState.TASK_ERROR,
          groupExecutor == null ? TaskStatus.Reason.REASON_TASK_INVALID : TaskStatus.Reason.REASON_TASK_GROUP_INVALID,
          error, null);
      return;
    }
    Protos.ExecutorID executorId = groupExecutor != null ? groupExecutor.getExecutorId()
        : task.hasExecutor() ? task.getExecutor().getExecutorId()
        : Protos.ExecutorID.newBuilder().setValue(task.getTaskId().getValue()).build();
    Path sandbox = executor.usesSandbox() ? workDir.resolve(agent.id()).resolve(fw.id)
        .resolve(executorId.getValue()).resolve(task.getTaskId().getValue()) : null;
    TaskRecord t = new TaskRecord(fw.id, task, agent, executorId, sandbox);
    t.usage = usage;
    fwTasks.put(t.taskId(), t);
    tasksByAgent.computeIfAbsent(agent.index(), k -> new LinkedHashSet<>()).add(t);
    Protos.CommandInfo command = task.hasCommand() ? task.getCommand() : task.getExecutor().getCommand();
    TaskLaunch launch = new TaskLaunch(agent.id(), fw.id, executorId.getValue(), task, command,
        sandbox, fw.info.getCheckpoint());
    t.running = executor.launch(launch, (state, reason, message) -> executorStatus(t, state, reason, message));
  }

  // ------------------------------------------------------------------ status updates (agent side)

  private synchronized void executorStatus(TaskRecord t, TaskState state, TaskStatus.Reason reason, String message) {
    if (t.abandoned) {
      return;
    }
    TaskStatus.Builder s = TaskStatus.newBuilder().setTaskId(t.info.getTaskId()).setState(state)
        .setSource(TaskStatus.Source.SOURCE_EXECUTOR)
        .setAgentId(Protos.AgentID.newBuilder().setValue(t.agentId)).setExecutorId(t.executorId)
        .setTimestamp(System.currentTimeMillis() / 1000.0)
        .setUuid(randomUuid());
    if (reason != null) {
      s.setReason(reason);
    }
    if (message != null) {
      s.setMessage(message);
    }
    t.agentState = state;
    if (TaskRecord.isTerminal(state) && t.usage != null) {
      t.agent.resources().give(t.usage);
      t.usage = null;
      maybeExecutorExited(t);
    }
    updates.enqueue(t, s.build());
  }

  private void maybeExecutorExited(TaskRecord t) {
    if (!t.shutdownRequested) {
      return;
    }
    for (TaskRecord other : tasksByAgent.getOrDefault(t.agent.index(), new LinkedHashSet<>())) {
      if (other != t && other.frameworkId.equals(t.frameworkId) && other.executorId.equals(t.executorId)
          && !other.terminalAtAgent()) {
        return;
      }
    }
    FrameworkRecord fw = frameworks.get(t.frameworkId);
    if (fw != null && fw.sink != null) {
      fw.sink.send(Event.newBuilder().setType(Event.Type.FAILURE).setFailure(Event.Failure.newBuilder()
          .setAgentId(Protos.AgentID.newBuilder().setValue(t.agentId)).setExecutorId(t.executorId)
          .setStatus(15)).build());
    }
  }

  private void acknowledge(FrameworkRecord fw, Call.Acknowledge ack) {
    TaskRecord t = frameworkTasks(fw.id).get(ack.getTaskId().getValue());
    if (t == null || !t.agentId.equals(ack.getAgentId().getValue()) || !t.agent.isActive()) {
      return; // unknown task or disconnected agent: ignored, as in Mesos
    }
    if (updates.acknowledge(t, ack.getUuid())) {
      complete(t); // acknowledging the terminal update moves the task to completed
    }
  }

  /** The task leaves the active maps once its terminal update is acknowledged (or it is removed). */
  private void complete(TaskRecord t) {
    updates.forget(t);
    Map<String, TaskRecord> fwTasks = tasks.get(t.frameworkId);
    if (fwTasks != null && fwTasks.get(t.taskId()) == t) {
      fwTasks.remove(t.taskId());
    }
    Set<TaskRecord> onAgent = tasksByAgent.get(t.agent.index());
    if (onAgent != null) {
      onAgent.remove(t);
      if (onAgent.isEmpty()) {
        tasksByAgent.remove(t.agent.index());
      }
    }
    if (t.usage != null) {
      t.agent.resources().give(t.usage);
      t.usage = null;
    }
    if (t.running != null) {
      t.running.release();
    }
    completedTasks.addLast(t);
    if (t.sandbox != null) {
      completedSandboxes.put(t.taskId(), t.sandbox);
    }
    while (completedTasks.size() > 1000) {
      completedTasks.removeFirst();
    }
  }

  /** A random version-4 UUID; ThreadLocalRandom because SecureRandom would throttle 20k launches/s. */
  private static ByteString randomUuid() {
    java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & ~(0xC000000000000000L)) | 0x8000000000000000L;
    ByteBuffer b = ByteBuffer.allocate(16);
    b.putLong(msb).putLong(lsb);
    return ByteString.copyFrom(b.array());
  }

  // ------------------------------------------------------------------ kill, shutdown, reconcile

  private void kill(FrameworkRecord fw, Call.Kill kill) {
    TaskRecord t = frameworkTasks(fw.id).get(kill.getTaskId().getValue());
    if (t == null) {
      reconciler.reconcileOne(fw, kill.getTaskId(), kill.hasAgentId() ? kill.getAgentId() : null);
      return;
    }
    if (kill.hasAgentId() && !kill.getAgentId().getValue().equals(t.agentId)) {
      return; // Mesos silently ignores a kill naming the wrong agent
    }
    if (t.terminalAtAgent() || t.unreachable) {
      return;
    }
    long grace = kill.hasKillPolicy() && kill.getKillPolicy().hasGracePeriod()
        ? kill.getKillPolicy().getGracePeriod().getNanoseconds()
        : t.info.hasKillPolicy() && t.info.getKillPolicy().hasGracePeriod()
            ? t.info.getKillPolicy().getGracePeriod().getNanoseconds() : DEFAULT_KILL_GRACE_NANOS;
    if (fw.hasCapability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE) && t.agentState == TaskState.TASK_RUNNING) {
      executorStatus(t, TaskState.TASK_KILLING, null, "Killing the task");
    }
    t.running.kill(grace);
  }

  private void shutdown(FrameworkRecord fw, Call.Shutdown shutdown) {
    for (TaskRecord t : new ArrayList<>(tasksByAgent.getOrDefault(agentIndexOf(shutdown.getAgentId().getValue()),
        new LinkedHashSet<>()))) {
      if (t.frameworkId.equals(fw.id) && t.executorId.equals(shutdown.getExecutorId()) && !t.terminalAtAgent()) {
        t.shutdownRequested = true;
        t.running.kill(0);
      }
    }
  }

  private int agentIndexOf(String agentId) {
    Agent a = agentsById.get(agentId);
    return a == null ? -1 : a.index();
  }

  private Map<String, TaskRecord> frameworkTasks(String frameworkId) {
    return tasks.getOrDefault(frameworkId, Map.of());
  }

  // ------------------------------------------------------------------ framework removal

  private void removeFramework(FrameworkRecord fw) {
    for (TaskRecord t : new ArrayList<>(frameworkTasks(fw.id).values())) {
      t.abandoned = true;
      if (t.running != null) {
        t.running.abandon();
      }
      t.agentState = TaskState.TASK_KILLED; // REASON_FRAMEWORK_REMOVED; nobody is told
      complete(t);
    }
    tasks.remove(fw.id);
    allocator.removeFramework(fw.id, agents);
    if (fw.failoverTimer >= 0) {
      vertx.cancelTimer(fw.failoverTimer);
    }
    frameworks.remove(fw.id);
    completedFrameworks.add(fw.id);
    if (fw.sink != null) {
      EventSink sink = fw.sink;
      fw.sink = null;
      sink.close();
    }
  }

  // ================================================================== allocation

  /** Runs an allocation cycle now (also run by the periodic timer). */
  public synchronized void allocate() {
    long now = System.nanoTime();
    List<FrameworkRecord> active = new ArrayList<>();
    for (FrameworkRecord fw : frameworks.values()) {
      if (fw.sink != null) {
        active.add(fw);
      }
    }
    if (active.isEmpty()) {
      return;
    }
    Map<String, List<Protos.Offer>> offers = allocator.allocate(agents, active, this::unavailabilityOf, now);
    for (Map.Entry<String, List<Protos.Offer>> e : offers.entrySet()) {
      FrameworkRecord fw = frameworks.get(e.getKey());
      List<Protos.Offer> list = e.getValue();
      for (int i = 0; i < list.size(); i += OFFERS_PER_EVENT) {
        fw.sink.send(Event.newBuilder().setType(Event.Type.OFFERS).setOffers(Event.Offers.newBuilder()
            .addAllOffers(list.subList(i, Math.min(list.size(), i + OFFERS_PER_EVENT)))).build());
      }
    }
    if (!maintenance.isEmpty()) {
      List<Agent> draining = new ArrayList<>();
      for (Agent a : agents) {
        if (maintenance.mode(MachineKey.of(a.hostname(), a.ip())) == MaintenanceRegistry.Mode.DRAINING) {
          draining.add(a);
        }
      }
      Map<String, List<Protos.InverseOffer>> inverse =
          allocator.allocateInverse(draining, active, this::unavailabilityOf, now);
      for (Map.Entry<String, List<Protos.InverseOffer>> e : inverse.entrySet()) {
        frameworks.get(e.getKey()).sink.send(Event.newBuilder().setType(Event.Type.INVERSE_OFFERS)
            .setInverseOffers(Event.InverseOffers.newBuilder().addAllInverseOffers(e.getValue())).build());
      }
    }
  }

  private Protos.Unavailability unavailabilityOf(Agent agent) {
    if (maintenance.isEmpty()) {
      return null;
    }
    return maintenance.unavailability(MachineKey.of(agent.hostname(), agent.ip()));
  }

  private void rescind(FrameworkRecord fw, String offerId) {
    if (fw != null && fw.sink != null) {
      fw.sink.send(Event.newBuilder().setType(Event.Type.RESCIND).setRescind(Event.Rescind.newBuilder()
          .setOfferId(Protos.OfferID.newBuilder().setValue(offerId))).build());
    }
  }

  private void rescindAllOn(Agent agent) {
    OfferRecord offer = allocator.removeOfferOn(agent);
    if (offer != null) {
      rescind(frameworks.get(offer.frameworkId()), offer.offerId());
    }
    for (InverseOfferRecord r : allocator.removeInverseOn(agent)) {
      FrameworkRecord fw = frameworks.get(r.frameworkId());
      if (fw != null && fw.sink != null) {
        fw.sink.send(Event.newBuilder().setType(Event.Type.RESCIND_INVERSE_OFFER)
            .setRescindInverseOffer(Event.RescindInverseOffer.newBuilder()
                .setInverseOfferId(Protos.OfferID.newBuilder().setValue(r.offerId()))).build());
      }
    }
  }

  // ================================================================== maintenance

  public synchronized org.apache.mesos.v1.maintenance.Protos.Schedule schedule() {
    return maintenance.schedule();
  }

  public synchronized org.apache.mesos.v1.maintenance.Protos.ClusterStatus maintenanceStatus() {
    return maintenance.status();
  }

  /** Replaces the maintenance schedule (throws MaintenanceException for a 400). */
  public synchronized void updateSchedule(org.apache.mesos.v1.maintenance.Protos.Schedule schedule) {
    Set<MachineKey> affected = maintenance.update(schedule);
    for (Agent a : agents) {
      if (a.isActive() && affected.contains(MachineKey.of(a.hostname(), a.ip()))) {
        rescindAllOn(a);
        for (FrameworkRecord fw : frameworks.values()) {
          fw.filters.clearInverse(a.index());
        }
      }
    }
    allocate();
  }

  /** machine/down: all or nothing; agents on the machines are removed. */
  public synchronized void machinesDown(List<Protos.MachineID> machines) {
    Set<MachineKey> down = new HashSet<>(maintenance.down(machines));
    for (Agent a : agents) {
      if (a.status() != Agent.Status.REMOVED && down.contains(MachineKey.of(a.hostname(), a.ip()))) {
        removeAgent(a, "Operator initiated 'Machine DOWN'");
      }
    }
  }

  /** machine/up: machines leave the schedule; their agents register again with new ids. */
  public synchronized void machinesUp(List<Protos.MachineID> machines) {
    Set<MachineKey> up = new HashSet<>(maintenance.up(machines));
    for (Agent a : agents) {
      if (a.status() == Agent.Status.REMOVED && up.contains(MachineKey.of(a.hostname(), a.ip()))) {
        reregisterWithNewId(a);
      }
    }
    allocate();
  }

  private void reregisterWithNewId(Agent a) {
    a.reregisterAs(masterId + "-S" + agentSeq++);
    agentsById.put(a.id(), a);
    String host = a.hostname();
    String id = a.id();
    vertx.executeBlocking(() -> {
      agentIds.save(host, id);
      return null;
    }, false);
  }

  // ================================================================== agents and faults

  private Agent addAgentInternal(AgentSpec spec, List<Protos.Attribute> attrs) {
    Agent agent = new Agent(agents.size(), masterId + "-S" + agentSeq++, spec, attrs);
    agents.add(agent);
    agentsById.put(agent.id(), agent);
    if (boundPort > 0) {
      agent.serveHttpAt(config.host(), boundPort);
    }
    return agent;
  }

  /** Adds an agent at run time; returns its id. */
  public synchronized String addAgent(AgentSpec spec) {
    spec.validate("agent");
    AgentSpec full = spec.ip() == null ? new AgentSpec(spec.hostname(), "10.255." + (agents.size() >> 8 & 0xff) + "."
        + (agents.size() & 0xff), spec.cpus(), spec.mem(), spec.disk(), spec.gpus(), spec.portsOrDefault(),
        spec.attributes() == null ? Map.of() : spec.attributes(), 1) : spec;
    Agent agent = addAgentInternal(full, attributes(full.attributes() == null ? Map.of() : full.attributes()));
    if (maintenance.mode(MachineKey.of(agent.hostname(), agent.ip())) == MaintenanceRegistry.Mode.DOWN) {
      agent.status(Agent.Status.REMOVED); // an agent on a DOWN machine is shut down at once
    } else {
      allocate();
    }
    return agent.id();
  }

  private static List<Protos.Attribute> attributes(Map<String, String> map) {
    List<Protos.Attribute> out = new ArrayList<>();
    if (map == null) {
      return out;
    }
    for (Map.Entry<String, String> e : map.entrySet()) {
      Protos.Attribute.Builder b = Protos.Attribute.newBuilder().setName(e.getKey());
      try {
        double v = Double.parseDouble(e.getValue());
        b.setType(Protos.Value.Type.SCALAR).setScalar(Protos.Value.Scalar.newBuilder().setValue(v));
      } catch (NumberFormatException notNumber) {
        b.setType(Protos.Value.Type.TEXT).setText(Protos.Value.Text.newBuilder().setValue(e.getValue()));
      }
      out.add(b.build());
    }
    return List.copyOf(out);
  }

  /** Finds an agent by id or hostname. */
  public synchronized Agent findAgent(String idOrHostname) {
    Agent a = agentsById.get(idOrHostname);
    if (a != null) {
      return a;
    }
    for (Agent candidate : agents) {
      if (candidate.hostname().equalsIgnoreCase(idOrHostname)) {
        return candidate;
      }
    }
    return null;
  }

  /** Removes an agent: its tasks are LOST (REASON_AGENT_REMOVED) and frameworks get FAILURE. */
  public synchronized void removeAgent(Agent agent, String why) {
    if (agent.status() == Agent.Status.REMOVED) {
      return;
    }
    LOG.info("Removing agent {} ({}): {}", agent.id(), agent.hostname(), why);
    rescindAllOn(agent);
    for (TaskRecord t : new ArrayList<>(tasksByAgent.getOrDefault(agent.index(), new LinkedHashSet<>()))) {
      t.abandoned = true;
      if (t.running != null) {
        t.running.abandon();
      }
      t.agentState = TaskState.TASK_LOST;
      t.statusUpdateState = TaskState.TASK_LOST;
      MasterUpdates.send(frameworks.get(t.frameworkId), t.info.getTaskId(), agent.agentId(), t.executorId,
          TaskState.TASK_LOST, TaskStatus.Reason.REASON_AGENT_REMOVED, "Agent " + agent.hostname() + " removed: " + why,
          null);
      complete(t);
    }
    agent.status(Agent.Status.REMOVED);
    failure(agent);
  }

  private void failure(Agent agent) {
    Event failure = Event.newBuilder().setType(Event.Type.FAILURE)
        .setFailure(Event.Failure.newBuilder().setAgentId(agent.agentId())).build();
    for (FrameworkRecord fw : frameworks.values()) {
      if (fw.sink != null) {
        fw.sink.send(failure);
      }
    }
  }

  /** Brings a removed agent back (it registers with a new id), unless its machine is DOWN. */
  public synchronized String restoreAgent(Agent agent) {
    if (agent.status() != Agent.Status.REMOVED) {
      throw new IllegalStateException("agent " + agent.id() + " is not removed");
    }
    if (maintenance.mode(MachineKey.of(agent.hostname(), agent.ip())) == MaintenanceRegistry.Mode.DOWN) {
      throw new IllegalStateException("machine " + agent.hostname() + " is DOWN");
    }
    reregisterWithNewId(agent);
    allocate();
    return agent.id();
  }

  /** Partitions an agent: unreachable, tasks LOST/UNREACHABLE with unreachable_time, FAILURE sent. */
  public synchronized void partitionAgent(Agent agent) {
    if (agent.status() != Agent.Status.ACTIVE) {
      throw new IllegalStateException("agent " + agent.id() + " is not active");
    }
    rescindAllOn(agent);
    agent.status(Agent.Status.UNREACHABLE);
    long now = System.currentTimeMillis() * 1_000_000L;
    agent.unreachableSinceNanos(now);
    for (TaskRecord t : tasksByAgent.getOrDefault(agent.index(), new LinkedHashSet<>())) {
      FrameworkRecord fw = frameworks.get(t.frameworkId);
      boolean pa = fw != null && fw.partitionAware();
      t.unreachable = true;
      t.stateBeforeUnreachable = t.statusUpdateState;
      t.statusUpdateState = pa ? TaskState.TASK_UNREACHABLE : TaskState.TASK_LOST;
      MasterUpdates.send(fw, t.info.getTaskId(), agent.agentId(), t.executorId, t.statusUpdateState,
          TaskStatus.Reason.REASON_AGENT_REMOVED, "Agent " + agent.hostname() + " is unreachable", now);
    }
    failure(agent);
  }

  /** Heals a partition: the agent re-registers with its id; tasks are kept, pending updates resent. */
  public synchronized void healAgent(Agent agent) {
    if (agent.status() != Agent.Status.UNREACHABLE && agent.status() != Agent.Status.RECOVERING) {
      throw new IllegalStateException("agent " + agent.id() + " is not partitioned");
    }
    agent.status(Agent.Status.ACTIVE);
    for (TaskRecord t : tasksByAgent.getOrDefault(agent.index(), new LinkedHashSet<>())) {
      if (t.unreachable) {
        t.unreachable = false;
        t.statusUpdateState = t.stateBeforeUnreachable;
      }
      updates.resendNow(t);
    }
    allocate();
  }

  /**
   * Simulates a master failover: every stream drops, frameworks must re-subscribe (their ids are
   * accepted as recovered), offers vanish, and agents re-register after the configured delay.
   */
  public synchronized void restart() {
    LOG.info("Simulating a master restart");
    for (FrameworkRecord fw : new ArrayList<>(frameworks.values())) {
      if (fw.failoverTimer >= 0) {
        vertx.cancelTimer(fw.failoverTimer);
      }
      EventSink sink = fw.sink;
      fw.sink = null;
      if (sink != null) {
        sink.close();
      }
    }
    frameworks.clear();
    completedFrameworks.clear();
    allocator.clear(agents);
    masterId = UUID.randomUUID().toString();
    allocator = new Allocator(masterId);
    long delay = config.agentReregisterDelay().toMillis();
    if (delay > 0) {
      List<Agent> recovering = new ArrayList<>();
      for (Agent a : agents) {
        if (a.status() == Agent.Status.ACTIVE) {
          a.status(Agent.Status.RECOVERING);
          recovering.add(a);
        }
      }
      vertx.setTimer(delay, id -> reregistered(recovering));
    }
  }

  private synchronized void reregistered(List<Agent> recovering) {
    for (Agent a : recovering) {
      if (a.status() == Agent.Status.RECOVERING) {
        a.status(Agent.Status.ACTIVE);
      }
    }
    allocate();
  }

  /** Drops the next {@code n} status-update deliveries (the retry timer sends them again). */
  public synchronized void dropStatusUpdates(long n) {
    updates.dropNext(n);
  }

  /** Delays every status-update delivery by the given milliseconds (0 = none). */
  public synchronized void delayStatusUpdates(long millis) {
    updates.delay(millis);
  }

  // ================================================================== queries

  public synchronized List<Agent> agents() {
    return List.copyOf(agents);
  }

  /** The agent-side state of a task, or null if the master no longer tracks it. */
  public synchronized TaskState agentTaskState(String frameworkId, String taskId) {
    TaskRecord t = frameworkTasks(frameworkId).get(taskId);
    return t == null ? null : t.agentState;
  }

  /** The sandbox directory of an active or recently completed task (any framework), or null. */
  public synchronized Path sandboxOf(String taskId) {
    for (Map<String, TaskRecord> m : tasks.values()) {
      TaskRecord t = m.get(taskId);
      if (t != null) {
        return t.sandbox;
      }
    }
    return completedSandboxes.get(taskId);
  }

  /** Messages sent by frameworks to an executor (MESSAGE calls). */
  public synchronized List<ByteString> messagesTo(String agentId, String executorId) {
    return List.copyOf(executorMessages.getOrDefault(agentId + "/" + executorId, List.of()));
  }

  /** Counts tasks whose agent-side state is the given one. */
  public synchronized int countTasksInState(TaskState state) {
    int n = 0;
    for (Map<String, TaskRecord> m : tasks.values()) {
      for (TaskRecord t : m.values()) {
        if (t.agentState == state) {
          n++;
        }
      }
    }
    return n;
  }

  public synchronized org.apache.mesos.v1.master.Protos.Response.GetAgents getAgents() {
    return StateViews.agents(agents);
  }

  public synchronized org.apache.mesos.v1.master.Protos.Response.GetTasks getTasks() {
    return StateViews.tasks(tasks.values(), completedTasks);
  }

  public synchronized org.apache.mesos.v1.master.Protos.Response.GetFrameworks getFrameworks() {
    return StateViews.frameworks(frameworks.values());
  }

  /** The v0 /master/state view (a reduced but compatible shape). */
  public synchronized Map<String, Object> stateJson() {
    String pid = "master@" + config.host() + ":" + boundPort;
    return StateViews.v0State(masterId, config.host(), pid, agents, frameworks, tasks, completedFrameworks);
  }

  /** Stops executors without reporting (simulator shutdown). */
  public synchronized void shutdown() {
    stopped = true;
    for (FrameworkRecord fw : frameworks.values()) {
      if (fw.sink != null) {
        fw.sink.close();
        fw.sink = null;
      }
    }
    executor.close();
  }
}
