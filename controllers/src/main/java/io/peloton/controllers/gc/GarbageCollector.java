package io.peloton.controllers.gc;

import io.peloton.api.event.ObjectReference;
import io.peloton.api.job.Job;
import io.peloton.api.meta.OwnerReference;
import io.peloton.api.task.Task;
import io.peloton.api.task.TaskState;
import io.peloton.client.ApiClient;
import io.peloton.client.ApiError;
import io.peloton.client.ListOptions;
import io.peloton.client.ObjectKey;
import io.peloton.client.TypedClient;
import io.peloton.client.informer.EventHandler;
import io.peloton.client.reconcile.EnqueueKeys;
import io.peloton.client.reconcile.Result;
import io.peloton.client.workqueue.WorkQueue;
import io.peloton.controllers.KeyOwnership;
import io.peloton.controllers.ObjectMetas;
import io.peloton.controllers.SharedInformers;
import io.peloton.controllers.WellKnownKeys;
import io.peloton.controllers.events.EventRecorder;
import io.peloton.controllers.job.TaskFactory;
import io.peloton.controllers.job.TaskRun;
import java.util.List;
import java.util.Objects;

/**
 * Cascades Job deletion to its Tasks through finalizers: a Task of a deleted (or vanished) Job
 * gets goal DELETED and is deleted; its {@code peloton.io/mesos-task} finalizer goes once no run
 * is alive in Mesos; the Job's {@code peloton.io/tasks} finalizer goes once no Task is left.
 */
public final class GarbageCollector {
  private final SharedInformers informers;
  private final TypedClient<Job> jobs;
  private final TypedClient<Task> tasks;
  private final EventRecorder events;
  private final KeyOwnership ownership;

  public GarbageCollector(ApiClient api, SharedInformers informers, EventRecorder events,
      KeyOwnership ownership) {
    this.informers = informers;
    this.jobs = api.typed(Job.class);
    this.tasks = api.typed(Task.class);
    this.events = events;
    this.ownership = ownership;
  }

  /** Tasks feed both queues (their own key; their Job's); Jobs feed their Tasks too. */
  public void register(WorkQueue<ObjectKey> taskQueue, WorkQueue<ObjectKey> jobQueue) {
    informers.tasks().addHandler(EnqueueKeys.byObjectKey(taskQueue));
    informers.tasks().addHandler(new EnqueueKeys<>(jobQueue, GarbageCollector::ownerKey));
    informers.jobs().addHandler(EnqueueKeys.byObjectKey(jobQueue));
    informers.jobs().addHandler(new EventHandler<Job>() {
      @Override
      public void onUpdate(Job a, Job b) {
        if (b.metadata().deletionTimestamp() != null) {
          tasksOf(b).forEach(taskQueue::add);
        }
      }

      @Override
      public void onDelete(Job j, boolean finalStateUnknown) {
        tasksOf(j).forEach(taskQueue::add);
      }
    });
  }

  private java.util.Set<ObjectKey> tasksOf(Job j) {
    return informers.tasks().cache().keysByIndex(SharedInformers.TASKS_BY_JOB,
        SharedInformers.jobKey(j.metadata().namespace(), j.metadata().name()));
  }

  private static OwnerReference controllerOf(Task t) {
    List<OwnerReference> refs = t.metadata().ownerReferences();
    if (refs == null) {
      return null;
    }
    return refs.stream().filter(r -> "Job".equals(r.kind()) && Boolean.TRUE.equals(r.controller()))
        .findFirst().orElse(null);
  }

  private static ObjectKey ownerKey(Task t) {
    OwnerReference r = controllerOf(t);
    return r == null ? null : ObjectKey.of(t.metadata().namespace(), r.name());
  }

  /** One Task: cascade from a deleted or missing owner, and release the Task's finalizer. */
  public Result reconcileTask(ObjectKey key) {
    Task t = informers.tasks().cache().get(key).orElse(null);
    if (t == null) {
      return Result.done();
    }
    OwnerReference owner = controllerOf(t);
    ObjectKey ownerKey = ownerKey(t);
    if (ownerKey != null && !ownership.owns(ownerKey.toString())) {
      return Result.done();
    }
    boolean ownerGone = false;
    boolean ownerDeleting = false;
    if (owner != null) {
      Job job = informers.jobs().cache().get(ownerKey).orElse(null);
      if (job == null || !Objects.equals(job.metadata().uid(), owner.uid())) {
        // the cache may lag behind a just-created Job: ask the server before calling it gone
        job = liveJob(ownerKey);
      }
      ownerGone = job == null || !Objects.equals(job.metadata().uid(), owner.uid());
      ownerDeleting = !ownerGone && job.metadata().deletionTimestamp() != null;
    }
    boolean deleting = t.metadata().deletionTimestamp() != null;
    if (!ownerGone && !ownerDeleting && !deleting) {
      return Result.done();
    }
    if (!TaskState.DELETED.equals(t.spec().goalState())) {
      t = tasks.update(TaskFactory.with(t, TaskFactory.withGoal(t.spec(), TaskState.DELETED),
          t.metadata().annotations()));
      // one Event per job, counted (a 100,000-task job deleting wrote 100,000 of them before)
      // (one message for all, so they count on one Event; the Task itself says which it is)
      String message = ownerGone ? "tasks whose job no longer exists are deleted"
          : ownerDeleting ? "the job is being deleted: its tasks are, each run killed first"
          : "tasks the job no longer wants (fewer instances, a host no longer eligible) are "
              + "deleted, each run killed first";
      if (owner != null) {
        events.normal(new ObjectReference(t.apiVersion(), "Job", t.metadata().namespace(),
            owner.name(), owner.uid(), null, null), "Deleting", message);
      } else {
        events.normal(t, "Deleting", message);
      }
    }
    if (!deleting) {
      t = tasks.delete(t.metadata().namespace(), t.metadata().name());
      if (t == null || t.metadata().deletionTimestamp() == null) {
        return Result.done(); // no finalizer: gone already
      }
      // go on at once: a Task with no live run loses its finalizer now, not after a trip
      // through a queue that holds every other Task of a big job
    }
    TaskRun run = new TaskRun(t);
    if (!run.active()
        && ObjectMetas.hasFinalizer(t.metadata(), WellKnownKeys.MESOS_TASK_FINALIZER)) {
      try {
        tasks.update(new Task(t.apiVersion(), t.kind(),
            ObjectMetas.withoutFinalizer(t.metadata(), WellKnownKeys.MESOS_TASK_FINALIZER),
            t.spec(), t.status()));
      } catch (ApiError e) {
        if (!e.isNotFound()) {
          throw e;
        }
      }
    }
    return Result.done();
  }

  private Job liveJob(ObjectKey key) {
    try {
      return jobs.get(key);
    } catch (ApiError e) {
      if (e.isNotFound()) {
        return null;
      }
      throw e;
    }
  }

  /** One Job being deleted: its finalizer goes once none of its Tasks is left. */
  public Result reconcileJob(ObjectKey key) {
    if (!ownership.owns(key.toString())) {
      return Result.done();
    }
    Job job = informers.jobs().cache().get(key).orElse(null);
    if (job == null || job.metadata().deletionTimestamp() == null
        || !ObjectMetas.hasFinalizer(job.metadata(), WellKnownKeys.TASKS_FINALIZER)) {
      return Result.done();
    }
    // a count, not a copy of the keys: every change of every Task of the Job brings us here,
    // and copying 100,000 keys each time under the cache's lock stalled a big job's deletion
    if (informers.tasks().cache().countByIndex(SharedInformers.TASKS_BY_JOB,
        SharedInformers.jobKey(key.namespace(), key.name())) > 0) {
      return Result.done(); // each Task's removal brings us back
    }
    // the cache may miss Tasks created a moment ago: the server has the last word
    List<Task> left = tasks.listAll(key.namespace(), ListOptions.all()
        .withLabelSelector(WellKnownKeys.JOB_LABEL + "=" + key.name())).items();
    if (!left.isEmpty()) {
      return Result.requeueAfter(java.time.Duration.ofSeconds(1));
    }
    jobs.update(new Job(job.apiVersion(), job.kind(),
        ObjectMetas.withoutFinalizer(job.metadata(), WellKnownKeys.TASKS_FINALIZER), job.spec(),
        job.status()));
    events.normal(job, "TasksDeleted", "every task of the job is gone; the job goes too");
    return Result.done();
  }
}
