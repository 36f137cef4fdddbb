package io.peloton.apiserver.storage.etcd;

import static io.peloton.apiserver.storage.etcd.EtcdWatch.bytes;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.peloton.apiserver.storage.CreateResult;
import io.peloton.apiserver.storage.KeyValue;
import io.peloton.apiserver.storage.Page;
import io.peloton.apiserver.storage.Store;
import io.peloton.apiserver.storage.StoreException;
import io.peloton.apiserver.storage.Watch;
import io.peloton.apiserver.storage.WatchListener;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store on etcd through jetcd: kine's write shapes as etcd transactions, ranges at a
 * revision, prefix watches with previous values, physical compaction. In a batched
 * {@link #createAll} the keys created by one transaction share its revision.
 */
public final class EtcdStore implements Store {
  /** etcd's default --max-txn-ops. */
  static final int MAX_TXN_OPS = 128;
  /** Keeps a transaction under etcd's default 1.5 MiB request limit. */
  static final int MAX_TXN_BYTES = 1 << 20;
  /** Transactions of one createAll in flight at once. */
  static final int TXNS_IN_FLIGHT = 8;
  private static final ByteSequence NUL = ByteSequence.from(new byte[] {0});
  /** How long one etcd request may wait (for a connection, a leader, a reply). */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

  private final Client client;
  private final KV kv;
  private final io.etcd.jetcd.Watch watches;
  private final AtomicLong knownCompacted = new AtomicLong();

  /** Connects to the endpoints ({@code http://host:port}) on jetcd's own Vert.x. */
  public EtcdStore(List<String> endpoints) {
    this(endpoints, null);
  }

  /**
   * Connects to the endpoints ({@code http://host:port}); with a non-null {@code vertx} jetcd
   * runs on it instead of starting its own (closing the store leaves it running).
   */
  public EtcdStore(List<String> endpoints, Vertx vertx) {
    this(endpoints, vertx, DEFAULT_REQUEST_TIMEOUT);
  }

  /** As {@link #EtcdStore(List, Vertx)}, failing requests not answered within the timeout. */
  public EtcdStore(List<String> endpoints, Vertx vertx, Duration requestTimeout) {
    if (endpoints == null || endpoints.isEmpty()) {
      throw new IllegalArgumentException("endpoints: must name at least one etcd endpoint");
    }
    ClientBuilder builder = Client.builder()
        .endpoints(endpoints.toArray(String[]::new))
        .connectTimeout(Duration.ofSeconds(5))
        .interceptor(new UnaryCallDeadline(requestTimeout));
    if (vertx != null) {
      builder.vertx(SharedVertx.wrap(vertx));
    }
    client = builder.build();
    kv = client.getKVClient();
    watches = client.getWatchClient();
  }

  private Throwable fail(Throwable error, long revision) {
    return EtcdErrors.map(error, revision, knownCompacted.get());
  }

  @Override
  public CompletableFuture<Long> create(String key, byte[] value) {
    IllegalArgumentException invalid = validate(key, value);
    if (invalid != null) {
      return CompletableFuture.failedFuture(invalid);
    }
    ByteSequence k = bytes(key);
    CompletableFuture<TxnResponse> txn = kv.txn()
        .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
        .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
        .commit();
    return EtcdErrors.adapt(txn, response -> {
      if (!response.isSucceeded()) {
        throw new StoreException.KeyExists(key);
      }
      return response.getHeader().getRevision();
    }, error -> fail(error, 0));
  }

  @Override
  public CompletableFuture<List<CreateResult>> createAll(List<KeyValue.Write> writes) {
    if (writes == null) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("writes: must not be null"));
    }
    for (int i = 0; i < writes.size(); i++) {
      KeyValue.Write write = writes.get(i);
      IllegalArgumentException invalid = write == null
          ? new IllegalArgumentException("writes[" + i + "]: must not be null")
          : validate(write.key(), write.value());
      if (invalid != null) {
        return CompletableFuture.failedFuture(invalid);
      }
    }
    List<List<KeyValue.Write>> chunks = chunks(writes);
    CreateResult[] results = new CreateResult[writes.size()];
    int[] offsets = new int[chunks.size()];
    for (int i = 1; i < chunks.size(); i++) {
      offsets[i] = offsets[i - 1] + chunks.get(i - 1).size();
    }
    AtomicInteger next = new AtomicInteger();
    List<CompletableFuture<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < Math.min(TXNS_IN_FLIGHT, chunks.size()); lane++) {
      lanes.add(runLane(chunks, offsets, results, next));
    }
    return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> Arrays.asList(results));
  }

  /** Takes chunks one after another until none are left. */
  private CompletableFuture<Void> runLane(List<List<KeyValue.Write>> chunks, int[] offsets,
      CreateResult[] results, AtomicInteger next) {
    int index = next.getAndIncrement();
    if (index >= chunks.size()) {
      return CompletableFuture.completedFuture(null);
    }
    return createChunk(chunks.get(index), offsets[index], results)
        .thenCompose(ignored -> runLane(chunks, offsets, results, next));
  }

  private CompletableFuture<Void> createChunk(List<KeyValue.Write> chunk, int offset,
      CreateResult[] results) {
    Cmp[] absent = new Cmp[chunk.size()];
    Op[] puts = new Op[chunk.size()];
    for (int i = 0; i < chunk.size(); i++) {
      ByteSequence k = bytes(chunk.get(i).key());
      absent[i] = new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0));
      puts[i] = Op.put(k, ByteSequence.from(chunk.get(i).value()), PutOption.DEFAULT);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    kv.txn().If(absent).Then(puts).commit().whenComplete((response, error) -> {
      if (error == null && response.isSucceeded()) {
        long revision = response.getHeader().getRevision();
        for (int i = 0; i < chunk.size(); i++) {
          results[offset + i] = new CreateResult(chunk.get(i).key(), revision, null);
        }
        done.complete(null);
        return;
      }
      // some key exists (or the batch was refused): one create per item, so each item gets
      // its own outcome
      List<CompletableFuture<Void>> items = new ArrayList<>(chunk.size());
      for (int i = 0; i < chunk.size(); i++) {
        int slot = offset + i;
        String key = chunk.get(i).key();
        items.add(create(key, chunk.get(i).value()).handle((revision, failure) -> {
          results[slot] = failure == null ? new CreateResult(key, revision, null)
              : new CreateResult(key, 0, asStoreException(failure));
          return null;
        }));
      }
      CompletableFuture.allOf(items.toArray(CompletableFuture[]::new))
          .whenComplete((ignored, never) -> done.complete(null));
    });
    return done;
  }

  private static StoreException asStoreException(Throwable failure) {
    Throwable cause = EtcdErrors.unwrap(failure);
    return cause instanceof StoreException store ? store
        : new StoreException.Unavailable(String.valueOf(cause.getMessage()), cause);
  }

  /** Splits writes into transactions within etcd's operation and request-size limits. */
  static List<List<KeyValue.Write>> chunks(List<KeyValue.Write> writes) {
    List<List<KeyValue.Write>> chunks = new ArrayList<>();
    List<KeyValue.Write> current = new ArrayList<>();
    long bytes = 0;
    for (KeyValue.Write write : writes) {
      long size = write.value().length + 2L * write.key().length() + 32;
      if (!current.isEmpty() && (current.size() == MAX_TXN_OPS || bytes + size > MAX_TXN_BYTES)) {
        chunks.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(write);
      bytes += size;
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }

  @Override
  public CompletableFuture<Long> update(String key, byte[] value, long expectedRevision) {
    IllegalArgumentException invalid = validate(key, value);
    if (invalid != null) {
      return CompletableFuture.failedFuture(invalid);
    }
    ByteSequence k = bytes(key);
    CompletableFuture<TxnResponse> txn = kv.txn()
        .If(new Cmp(k, Cmp.Op.GREATER, CmpTarget.createRevision(0)),
            new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision)))
        .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
        .Else(Op.get(k, GetOption.DEFAULT))
        .commit();
    return EtcdErrors.adapt(txn, response -> {
      if (!response.isSucceeded()) {
        throw conflictOrNotFound(key, response);
      }
      return response.getHeader().getRevision();
    }, error -> fail(error, 0));
  }

  @Override
  public CompletableFuture<Long> delete(String key, long expectedRevision) {
    if (key == null || key.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("key: must not be empty"));
    }
    ByteSequence k = bytes(key);
    Cmp exists = new Cmp(k, Cmp.Op.GREATER, CmpTarget.createRevision(0));
    Cmp[] conditions = expectedRevision == 0 ? new Cmp[] {exists}
        : new Cmp[] {exists, new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedRevision))};
    CompletableFuture<TxnResponse> txn = kv.txn()
        .If(conditions)
        .Then(Op.delete(k, DeleteOption.builder().withPrevKV(true).build()))
        .Else(Op.get(k, GetOption.DEFAULT))
        .commit();
    return EtcdErrors.adapt(txn, response -> {
      if (!response.isSucceeded()) {
        throw conflictOrNotFound(key, response);
      }
      return response.getHeader().getRevision();
    }, error -> fail(error, 0));
  }

  private static StoreException conflictOrNotFound(String key, TxnResponse response) {
    List<GetResponse> gets = response.getGetResponses();
    if (gets.isEmpty() || gets.get(0).getKvs().isEmpty()) {
      return new StoreException.NotFound(key);
    }
    return new StoreException.Conflict(key, toKeyValue(gets.get(0).getKvs().get(0)));
  }

  private static KeyValue toKeyValue(io.etcd.jetcd.KeyValue kv) {
    return new KeyValue(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().getBytes(),
        kv.getCreateRevision(), kv.getModRevision());
  }

  @Override
  public CompletableFuture<KeyValue> get(String key) {
    if (key == null || key.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("key: must not be empty"));
    }
    return EtcdErrors.adapt(kv.get(bytes(key)),
        response -> response.getKvs().isEmpty() ? null : toKeyValue(response.getKvs().get(0)),
        error -> fail(error, 0));
  }

  @Override
  public CompletableFuture<Page> list(String prefix, long revision, String afterKey, int limit) {
    if (prefix == null) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("prefix: must not be null"));
    }
    if (revision < 0 || limit < 0) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          (revision < 0 ? "revision" : "limit") + ": must not be negative"));
    }
    boolean after = afterKey != null && afterKey.compareTo(prefix) >= 0;
    // the smallest key after afterKey is afterKey + NUL
    ByteSequence start = after ? bytes(afterKey + '\0') : prefix.isEmpty() ? NUL : bytes(prefix);
    ByteSequence end = prefix.isEmpty() ? NUL : prefixEnd(bytes(prefix));
    // etcd returns a range in key order when no sort is asked for, and only then applies the
    // limit in the store instead of reading the whole range
    GetOption.Builder option = GetOption.builder().withRange(end).withRevision(revision);
    if (limit > 0) {
      option.withLimit(limit);
    }
    return EtcdErrors.adapt(kv.get(start, option.build()), response -> {
      List<KeyValue> items = new ArrayList<>(response.getKvs().size());
      for (io.etcd.jetcd.KeyValue item : response.getKvs()) {
        items.add(toKeyValue(item));
      }
      long at = revision == 0 ? response.getHeader().getRevision() : revision;
      return new Page(List.copyOf(items), at, response.isMore());
    }, error -> fail(error, revision));
  }

  /** The first key after every key starting with {@code prefix} (etcd's range_end for it). */
  static ByteSequence prefixEnd(ByteSequence prefix) {
    byte[] end = prefix.getBytes();
    for (int i = end.length - 1; i >= 0; i--) {
      if (end[i] != (byte) 0xff) {
        end[i]++;
        return ByteSequence.from(Arrays.copyOf(end, i + 1));
      }
    }
    return NUL; // all 0xff: to the end of the keyspace
  }

  @Override
  public CompletableFuture<Long> currentRevision() {
    // a point read of a key that never exists is the cheapest way to read the header revision
    return EtcdErrors.adapt(kv.get(NUL), response -> response.getHeader().getRevision(),
        error -> fail(error, 0));
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(listener, "listener");
    if (afterRevision < 0) {
      throw new IllegalArgumentException("afterRevision: must not be negative");
    }
    EtcdWatch watch = new EtcdWatch(prefix, afterRevision, listener, this::compactionSeen);
    long compacted = knownCompacted.get();
    if (afterRevision < compacted) {
      // etcd would still start at exactly the compacted revision, but a deletion at that
      // revision is gone from its history; refuse as SQLite does
      listener.onError(new StoreException.Compacted(afterRevision, compacted));
      return watch;
    }
    ByteSequence key = prefix.isEmpty() ? NUL : bytes(prefix);
    ByteSequence end = prefix.isEmpty() ? NUL : prefixEnd(key);
    WatchOption option = WatchOption.builder()
        .withRange(end)
        .withRevision(afterRevision + 1)
        .withPrevKV(true)
        .withProgressNotify(true)
        .build();
    watch.attach(watches.watch(key, option, watch));
    return watch;
  }

  private void compactionSeen(long revision) {
    knownCompacted.accumulateAndGet(revision, Math::max);
  }

  @Override
  public CompletableFuture<Void> compact(long revision) {
    if (revision <= 0) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("revision: must be positive"));
    }
    // already compacted at or past this revision: the goal holds
    return orIfCompacted(kv.compact(revision,
            CompactOption.builder().withCompactPhysical(true).build())
        .thenApply(response -> {
          compactionSeen(revision);
          return (Void) null;
        }), revision, null);
  }

  /**
   * The call's result, or {@code ifCompacted} when etcd says the revision is compacted; other
   * failures are mapped to StoreExceptions.
   */
  private <T> CompletableFuture<T> orIfCompacted(CompletableFuture<T> call, long revision,
      T ifCompacted) {
    CompletableFuture<T> result = new CompletableFuture<>();
    call.whenComplete((value, error) -> {
      if (error == null) {
        result.complete(value);
        return;
      }
      Throwable mapped = fail(error, revision);
      if (mapped instanceof StoreException.Compacted) {
        result.complete(ifCompacted);
      } else {
        result.completeExceptionally(mapped);
      }
    });
    return result;
  }

  /**
   * etcd 3.4 does not report its compacted revision, so it is found as the oldest revision a
   * read still works at: one cheap read when nothing changed since the last answer, else a
   * binary search (a few dozen point reads) up to the current revision.
   */
  @Override
  public CompletableFuture<Long> compactedRevision() {
    long known = knownCompacted.get();
    return readableAt(Math.max(known, 1)).thenCompose(readable -> readable
        ? CompletableFuture.completedFuture(known)
        : currentRevision().thenCompose(current -> oldestReadable(known + 1, current)))
        .thenApply(found -> {
          compactionSeen(found);
          return knownCompacted.get();
        });
  }

  /** The smallest revision in [low, high] a read works at; reads at {@code high} must work. */
  private CompletableFuture<Long> oldestReadable(long low, long high) {
    if (low >= high) {
      return CompletableFuture.completedFuture(high);
    }
    long middle = low + (high - low) / 2;
    return readableAt(middle).thenCompose(readable -> readable
        ? oldestReadable(low, middle) : oldestReadable(middle + 1, high));
  }

  private CompletableFuture<Boolean> readableAt(long revision) {
    return orIfCompacted(kv.get(NUL, GetOption.builder().withRevision(revision).build())
        .thenApply(response -> true), revision, false);
  }

  @Override
  public void close() {
    client.close();
  }

  private static IllegalArgumentException validate(String key, byte[] value) {
    if (key == null || key.isEmpty()) {
      return new IllegalArgumentException("key: must not be empty");
    }
    if (value == null) {
      return new IllegalArgumentException("value: must not be null");
    }
    return null;
  }
}
