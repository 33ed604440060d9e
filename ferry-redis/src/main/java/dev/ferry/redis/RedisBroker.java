package dev.ferry.redis;

import dev.ferry.EnqueueResult;
import dev.ferry.FerryException;
import dev.ferry.JobInfo;
import dev.ferry.JobPage;
import dev.ferry.JobState;
import dev.ferry.QueueCounts;
import dev.ferry.Retention;
import dev.ferry.WorkerInfo;
import dev.ferry.redis.internal.EventLog;
import dev.ferry.redis.internal.Inspector;
import dev.ferry.redis.internal.Keys;
import dev.ferry.redis.internal.Leases;
import dev.ferry.redis.internal.Maintenance;
import dev.ferry.redis.internal.Operator;
import dev.ferry.redis.internal.Producer;
import dev.ferry.redis.internal.RedisWaitingClaim;
import dev.ferry.redis.internal.ScriptRunner;
import dev.ferry.redis.internal.WakeHub;
import dev.ferry.redis.internal.WorkerRegistry;
import dev.ferry.spi.Broker;
import dev.ferry.spi.ClaimedJob;
import dev.ferry.spi.JobSpec;
import dev.ferry.spi.Lease;
import dev.ferry.spi.MaintenanceResult;
import dev.ferry.spi.SettleResult;
import dev.ferry.spi.Settlement;
import dev.ferry.spi.WaitingClaim;
import dev.ferry.spi.WorkSignal;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The broker that keeps Ferry's jobs in Redis (7.0+, or Valkey 7.2+): every transition is one
 * atomic Lua script on the keys of one queue.
 *
 * <p>{@code RedisBroker.connect("redis://localhost:6379")} opens one shared command connection and
 * one pub/sub connection (for wake-ups); the URI carries the database, AUTH password, ACL user
 * and TLS ({@code rediss://}). If Redis goes away, calls fail fast with a {@link FerryException}
 * instead of queueing; Lettuce reconnects in the background and calls work again once Redis is
 * back (scripts are reloaded on demand). See the package documentation for the key layout.
 */
public final class RedisBroker implements Broker {
  /** How long one Redis command may take before it fails. */
  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Reconnect attempts back off from 10 ms to at most 2 s (Lettuce's default tops out at 30 s),
   * so workers resume within about two seconds once Redis is back.
   */
  private static final Delay RECONNECT_DELAY =
      Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(2), 2, TimeUnit.MILLISECONDS);

  private final ClientResources resources;

  private final RedisClient client;
  private final WorkerRegistry workers;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final Keys keys;
  private final ScriptRunner scripts;
  private final WakeHub wakes;
  private final Producer producer;
  private final Leases leases;
  private final Maintenance maintenance;
  private final Inspector inspector;
  private final Operator operator;
  private final EventLog events;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisBroker(
      ClientResources resources,
      RedisClient client, StatefulRedisConnection<String, byte[]> connection, WakeHub wakes, Keys keys) {
    this.resources = resources;
    this.client = client;
    this.connection = connection;
    this.wakes = wakes;
    this.keys = keys;
    this.scripts = new ScriptRunner(connection.async());
    scripts.loadAll();
    this.producer = new Producer(connection.async(), scripts, keys);
    client.addListener(new RedisConnectionStateListener() {
      @Override
      public void onRedisConnected(RedisChannelHandler<?, ?> c, SocketAddress address) {
        producer.forgetIndexed(); // Redis may have restarted empty: index the queues again
      }
    });
    this.leases = new Leases(scripts, keys);
    this.maintenance = new Maintenance(scripts, keys);
    this.inspector = new Inspector(connection.async(), scripts, keys);
    this.operator = new Operator(connection.async(), scripts, keys);
    this.workers = new WorkerRegistry(connection.async(), scripts, keys);
    this.events = new EventLog(connection.async(), scripts, this::connectAgain, keys);
  }

  /** Another connection to the same Redis, for a caller that blocks on it. */
  private StatefulRedisConnection<String, byte[]> connectAgain() {
    return client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
  }

  /** Connects to the Redis at {@code redisUri} with the key prefix {@code ferry}. */
  public static RedisBroker connect(String redisUri) {
    return connect(redisUri, Keys.DEFAULT_PREFIX);
  }

  /**
   * Connects to the Redis at {@code redisUri} ({@code redis://[user:password@]host:port/db} or
   * {@code rediss://…}), naming every key with {@code keyPrefix}.
   *
   * @throws FerryException when Redis cannot be reached or refuses the credentials
   */
  public static RedisBroker connect(String redisUri, String keyPrefix) {
    Keys keys = new Keys(keyPrefix);
    RedisURI uri;
    try {
      uri = RedisURI.create(redisUri);
    } catch (RuntimeException e) {
      throw new FerryException("invalid Redis URI: " + e.getMessage(), e);
    }
    uri.setTimeout(COMMAND_TIMEOUT);
    ClientResources resources = DefaultClientResources.builder().reconnectDelay(RECONNECT_DELAY).build();
    RedisClient client = RedisClient.create(resources, uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(5)).keepAlive(true).build())
            .build());
    RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    StatefulRedisConnection<String, byte[]> connection = null;
    try {
      connection = client.connect(codec);
      WakeHub wakes = new WakeHub(client.connectPubSub(codec), keys);
      return new RedisBroker(resources, client, connection, wakes, keys);
    } catch (RuntimeException e) {
      if (connection != null) {
        connection.close();
      }
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
      throw new FerryException(
          "cannot connect to Redis at " + uri.getHost() + ":" + uri.getPort() + ": " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  @Override
  public List<EnqueueResult> enqueue(List<JobSpec> jobs) {
    return enqueue(jobs, false);
  }

  /** Writes each job's "enqueued" event-log line in the enqueue script itself: no second round trip. */
  @Override
  public List<EnqueueResult> enqueueLogged(List<JobSpec> jobs) {
    return enqueue(jobs, true);
  }

  private List<EnqueueResult> enqueue(List<JobSpec> jobs, boolean logged) {
    // Single enqueues from many threads share round trips (group commit); batches go straight out.
    return jobs.size() == 1 ? List.of(producer.enqueueOne(jobs.get(0), logged)) : producer.enqueue(jobs, logged);
  }

  @Override
  public List<ClaimedJob> claim(List<String> queues, int max, Duration leaseTimeout) {
    return leases.claim(queues, max, leaseTimeout);
  }

  @Override
  public WorkSignal workSignal(Collection<String> queues) {
    return wakes.open(queues);
  }

  /** A waiting claim over a connection of its own (ADR 0010), closed with the claim. */
  @Override
  public Optional<WaitingClaim> waitingClaim(String queue) {
    StatefulRedisConnection<String, byte[]> own;
    try {
      own = connectAgain();
    } catch (RuntimeException e) {
      throw new FerryException("cannot open a waiting claim on queue " + queue + ": " + rootMessage(e), e);
    }
    return Optional.of(new RedisWaitingClaim(own, scripts, connection.async(), leases, keys, queue));
  }

  @Override
  public List<SettleResult> settle(List<Settlement> settlements) {
    return leases.settle(settlements);
  }

  @Override
  public List<SettleResult> extendLeases(List<Lease> held, Duration leaseTimeout) {
    return leases.extend(held, leaseTimeout);
  }

  @Override
  public MaintenanceResult promoteDue(String queue, int limit) {
    return maintenance.promoteDue(queue, limit);
  }

  @Override
  public MaintenanceResult reapExpired(String queue, int limit) {
    return maintenance.reapExpired(queue, limit);
  }

  @Override
  public MaintenanceResult prune(String queue, Retention retention, int limit) {
    return maintenance.prune(queue, retention, limit);
  }

  @Override
  public Set<String> queues() {
    return inspector.queues();
  }

  @Override
  public Optional<JobInfo> find(String jobId) {
    return inspector.find(jobId);
  }

  @Override
  public Optional<JobInfo> find(String queue, String jobId) {
    return inspector.find(queue, jobId);
  }

  @Override
  public QueueCounts counts(String queue) {
    return inspector.counts(queue);
  }

  @Override
  public JobPage list(String queue, JobState state, String cursor, int limit) {
    return inspector.list(queue, state, cursor, limit);
  }

  @Override
  public boolean requeueDead(String queue, String jobId) {
    return maintenance.requeueDead(queue, jobId, 1) == 1;
  }

  @Override
  public long requeueDead(String queue, int limit) {
    return maintenance.requeueDead(queue, null, limit);
  }

  @Override
  public long purgeDead(String queue, int limit) {
    return maintenance.purgeDead(queue, limit);
  }

  @Override
  public boolean retryNow(String queue, String jobId) {
    return operator.retryNow(queue, jobId);
  }

  @Override
  public boolean delete(String queue, String jobId) {
    return operator.delete(queue, jobId);
  }

  @Override
  public void pause(String queue) {
    operator.pause(queue);
  }

  @Override
  public void resume(String queue) {
    operator.resume(queue);
  }

  @Override
  public boolean isPaused(String queue) {
    return operator.isPaused(queue);
  }

  @Override
  public void appendEvents(List<dev.ferry.JobEvent> list) {
    if (!list.isEmpty()) {
      events.append(list);
    }
  }

  @Override
  public dev.ferry.spi.EventBatch readEvents(Collection<String> queues, String cursor, int max, Duration block)
      throws InterruptedException {
    return events.read(queues, cursor, max, block);
  }

  /** Closes the signals and the connections and stops Lettuce's threads; idempotent. */
  @Override
  public void announceWorker(WorkerInfo worker, Duration ttl) {
    workers.announce(worker, ttl);
  }

  @Override
  public void retireWorker(String workerId) {
    workers.retire(workerId);
  }

  @Override
  public List<WorkerInfo> workers() {
    return workers.live();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      events.close();
      wakes.close();
      connection.close();
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }
}
