package dev.ferry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.spi.Broker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a {@link Worker} does with jobs, run against every broker: outcomes, retries, timeouts,
 * concurrency, priorities and graceful shutdown. Subclasses give a fresh broker per test.
 */
public abstract class WorkerContract {
  protected Broker broker;
  protected JobClient client;
  private final List<Worker> workers = new ArrayList<>();

  protected abstract Broker createBroker();

  @BeforeEach
  void open() {
    broker = createBroker();
    client = JobClient.create(broker);
  }

  @AfterEach
  void close() {
    workers.forEach(w -> w.shutdown(Duration.ofSeconds(1)));
    broker.close();
  }

  protected Worker.Builder worker() {
    return Worker.builder(broker).retryPolicy(RetryPolicy.fixed(Duration.ofMillis(20)));
  }

  protected Worker started(Worker.Builder b) {
    Worker w = b.build();
    workers.add(w);
    w.start();
    return w;
  }

  protected JobInfo awaitState(String id, JobState state) {
    await().atMost(Duration.ofSeconds(15)).until(() -> client.inspect(id).map(JobInfo::state).orElse(null) == state);
    return client.inspect(id).orElseThrow();
  }

  @Test
  void anIdleWorkerClaimsOncePerJobNotAgainAfterAShortClaim() throws Exception {
    AtomicInteger claims = new AtomicInteger();
    Broker counting = countingClaims(claims);
    started(Worker.builder(counting).concurrency(4).handle("one", job -> JobOutcome.success()));
    await().atMost(Duration.ofSeconds(5)).until(() -> claims.get() >= 2); // found nothing, listens
    Thread.sleep(300); // a wake-up from opening the signal may add one more empty claim
    int idle = claims.get();
    for (int i = 0; i < 3; i++) {
      awaitState(client.enqueue(JobRequest.of("one")).id(), JobState.COMPLETED);
    }
    // Each job wakes the worker once; its claim returns 1 of 4 (the queue is empty), so the worker
    // waits again instead of asking for nothing. Claiming again after each would make this 6.
    assertThat(claims.get() - idle).as("claims for 3 jobs enqueued one at a time").isLessThanOrEqualTo(4);
  }

  /** A broker call as a test sees it: {@code real} makes the call on the real broker. */
  private interface Around {
    Object call(String method, Object[] args, RealCall real) throws Throwable;
  }

  private interface RealCall {
    Object call() throws Throwable;
  }

  /** The broker, with every call passed through {@code around}. */
  private Broker around(Around around) {
    Broker real = broker;
    return (Broker) java.lang.reflect.Proxy.newProxyInstance(
        Broker.class.getClassLoader(), new Class<?>[] {Broker.class}, (proxy, method, args) ->
            around.call(method.getName(), args, () -> {
              try {
                return method.invoke(real, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            }));
  }

  /** The broker, counting every claim: the broker's own and each of a waiting claim's. */
  private Broker countingClaims(AtomicInteger claims) {
    return around((method, args, real) -> {
      if (method.equals("claim")) {
        claims.incrementAndGet();
      }
      Object result = real.call();
      if (method.equals("waitingClaim")) {
        return ((java.util.Optional<dev.ferry.spi.WaitingClaim>) result).map(w -> countingClaims(w, claims::incrementAndGet, jobs -> {}));
      }
      return result;
    });
  }

  /** {@code w}, running {@code onClaim} before each of its claims and {@code onResult} after. */
  private static dev.ferry.spi.WaitingClaim countingClaims(
      dev.ferry.spi.WaitingClaim w, Runnable onClaim, java.util.function.Consumer<List<?>> onResult) {
    return new dev.ferry.spi.WaitingClaim() {
      @Override
      public Outcome claim(int max, Duration leaseTimeout, Duration wait) {
        onClaim.run();
        Outcome o = w.claim(max, leaseTimeout, wait);
        onResult.accept(o.jobs());
        return o;
      }

      @Override
      public void close() {
        w.close();
      }
    };
  }

  @Test
  void runsAJobToCompletion() {
    CountDownLatch ran = new CountDownLatch(1);
    List<String> seen = new CopyOnWriteArrayList<>();
    started(worker().handle("echo", job -> {
      seen.add(job.payloadText() + "@" + job.queue() + "#" + job.attempt());
      ran.countDown();
      return JobOutcome.success();
    }));
    String id = client.enqueue(JobRequest.of("echo", "hi".getBytes(StandardCharsets.UTF_8))).id();
    JobInfo done = awaitState(id, JobState.COMPLETED);
    assertThat(seen).containsExactly("hi@default#1");
    assertThat(done.attempt()).isEqualTo(1);
  }

  @Test
  void failingKTimesThenSucceedingRunsExactlyKPlusOneTimesWithGrowingDelays() {
    int k = 3;
    List<Long> startNanos = new CopyOnWriteArrayList<>();
    started(worker()
        .retryPolicy((attempt, err) -> Duration.ofMillis(100L * attempt))
        .handle("flaky", job -> {
          startNanos.add(System.nanoTime());
          if (job.attempt() <= k) {
            throw new IllegalStateException("failure " + job.attempt());
          }
          return JobOutcome.success();
        }));
    String id = client.enqueue(JobRequest.of("flaky").maxRetries(5)).id();
    JobInfo done = awaitState(id, JobState.COMPLETED);
    assertThat(startNanos).hasSize(k + 1);
    assertThat(done.attempt()).isEqualTo(k + 1);
    assertThat(done.lastError()).contains("failure 3");
    for (int i = 1; i < startNanos.size(); i++) {
      long gapMs = TimeUnit.NANOSECONDS.toMillis(startNanos.get(i) - startNanos.get(i - 1));
      assertThat(gapMs).as("gap before attempt %d", i + 1).isGreaterThanOrEqualTo(100L * i);
    }
  }

  @Test
  void alwaysFailingJobEndsDeadWithTheLastError() {
    AtomicInteger runs = new AtomicInteger();
    started(worker().handle("doomed", job -> {
      throw new IllegalArgumentException("bad input #" + runs.incrementAndGet());
    }));
    String id = client.enqueue(JobRequest.of("doomed").maxRetries(2)).id();
    JobInfo dead = awaitState(id, JobState.DEAD);
    assertThat(runs).hasValue(3);
    assertThat(dead.lastError()).contains("IllegalArgumentException: bad input #3");
    assertThat(dead.attempt()).isEqualTo(3);
  }

  @Test
  void discardGoesDeadWithoutRetrying() {
    AtomicInteger runs = new AtomicInteger();
    started(worker().handle("poison", job -> {
      runs.incrementAndGet();
      return JobOutcome.discard("payload can never be parsed");
    }));
    String id = client.enqueue(JobRequest.of("poison").maxRetries(10)).id();
    JobInfo dead = awaitState(id, JobState.DEAD);
    assertThat(runs).hasValue(1);
    assertThat(dead.lastError()).contains("payload can never be parsed");
  }

  @Test
  void snoozeRunsAgainLaterWithoutSpendingAnAttempt() {
    List<Integer> attempts = new CopyOnWriteArrayList<>();
    started(worker().handle("sleepy", job -> {
      attempts.add(job.attempt());
      return attempts.size() < 3 ? JobOutcome.snooze(Duration.ofMillis(50)) : JobOutcome.success();
    }));
    String id = client.enqueue(JobRequest.of("sleepy").maxRetries(0)).id();
    awaitState(id, JobState.COMPLETED);
    assertThat(attempts).containsExactly(1, 1, 1);
  }

  @Test
  void unknownTypeGoesDeadWithAClearError() {
    started(worker().handle("known", job -> JobOutcome.success()));
    String id = client.enqueue(JobRequest.of("mystery.type")).id();
    JobInfo dead = awaitState(id, JobState.DEAD);
    assertThat(dead.lastError()).isEqualTo("no handler registered for job type 'mystery.type'");
  }

  @Test
  void unknownTypeRetriesWhenConfiguredTo() {
    started(worker().retryUnknownTypes(true).handle("known", job -> JobOutcome.success()));
    String id = client.enqueue(JobRequest.of("mystery.type").maxRetries(1)).id();
    JobInfo dead = awaitState(id, JobState.DEAD);
    assertThat(dead.attempt()).isEqualTo(2);
  }

  @Test
  void timedOutHandlerIsInterruptedAndTheAttemptFails() {
    AtomicInteger interrupted = new AtomicInteger();
    started(worker().handle("slow", job -> {
      try {
        Thread.sleep(10_000);
      } catch (InterruptedException e) {
        interrupted.incrementAndGet();
        assertThat(job.isCancelled()).isTrue();
        throw e;
      }
      return JobOutcome.success();
    }));
    String id = client.enqueue(JobRequest.of("slow").timeout(Duration.ofMillis(200)).maxRetries(0)).id();
    JobInfo dead = awaitState(id, JobState.DEAD);
    assertThat(dead.lastError()).startsWith("timed out after 200 ms");
    assertThat(interrupted).hasValue(1);
  }

  @Test
  void neverRunsMoreHandlersThanItsConcurrency() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    int n = 40;
    CountDownLatch done = new CountDownLatch(n);
    started(worker().concurrency(4).handle("busy", job -> {
      int now = running.incrementAndGet();
      peak.accumulateAndGet(now, Math::max);
      Thread.sleep(20);
      running.decrementAndGet();
      done.countDown();
      return JobOutcome.success();
    }));
    List<JobRequest> jobs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      jobs.add(JobRequest.of("busy"));
    }
    client.enqueueAll(jobs);
    await().atMost(Duration.ofSeconds(20)).until(() -> done.getCount() == 0);
    assertThat(peak.get()).isEqualTo(4);
    assertThat(broker.counts("default").active()).as("never claims beyond free slots").isLessThanOrEqualTo(4);
  }

  @Test
  void strictPriorityDrainsHigherQueuesFirst() {
    List<String> order = new CopyOnWriteArrayList<>();
    List<JobRequest> jobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      jobs.add(JobRequest.of("p", "low".getBytes(StandardCharsets.UTF_8)).queue("low"));
      jobs.add(JobRequest.of("p", "high".getBytes(StandardCharsets.UTF_8)).queue("high"));
    }
    client.enqueueAll(jobs);
    started(worker().concurrency(1).strictPriority(true).queue("low", 1).queue("high", 5)
        .handle("p", job -> {
          order.add(job.payloadText());
          return JobOutcome.success();
        }));
    await().atMost(Duration.ofSeconds(10)).until(() -> order.size() == 10);
    assertThat(order.subList(0, 5)).containsOnly("high");
    assertThat(order.subList(5, 10)).containsOnly("low");
  }

  @Test
  void weightedQueuesAreServedInProportionToTheirWeights() {
    int perQueue = 600;
    Map<String, AtomicInteger> firstHalf = new ConcurrentHashMap<>();
    AtomicInteger total = new AtomicInteger();
    List<JobRequest> jobs = new ArrayList<>();
    for (int i = 0; i < perQueue; i++) {
      jobs.add(JobRequest.of("w").queue("heavy"));
      jobs.add(JobRequest.of("w").queue("light"));
    }
    client.enqueueAll(jobs);
    started(worker().concurrency(1).queue("heavy", 3).queue("light", 1).handle("w", job -> {
      if (total.incrementAndGet() <= 400) {
        firstHalf.computeIfAbsent(job.queue(), q -> new AtomicInteger()).incrementAndGet();
      }
      return JobOutcome.success();
    }));
    await().atMost(Duration.ofSeconds(30)).until(() -> total.get() >= 400);
    double heavyShare = firstHalf.get("heavy").get() / 400.0;
    // Expected 0.75; 400 draws give a standard deviation of about 0.022, so 0.65..0.85 is ~4.5 sigma.
    assertThat(heavyShare).isBetween(0.65, 0.85);
  }

  @Test
  void delayedJobDoesNotRunEarlyAndRunsPromptlyAfterItsTime() {
    List<Long> ranAt = new CopyOnWriteArrayList<>();
    started(worker().handle("later", job -> {
      ranAt.add(System.currentTimeMillis());
      return JobOutcome.success();
    }));
    long enqueuedAt = System.currentTimeMillis();
    String id = client.enqueue(JobRequest.of("later").delay(Duration.ofMillis(800))).id();
    awaitState(id, JobState.COMPLETED);
    long after = ranAt.get(0) - enqueuedAt;
    assertThat(after).isGreaterThanOrEqualTo(800).isLessThan(800 + 1500);
  }

  @Test
  void claimsTheNextJobWhileASettlementIsOnItsWayButHoldsNoMoreThanTwiceItsConcurrency() throws Exception {
    // Settling is held up: the first settlement blocks until released.
    CountDownLatch releaseSettle = new CountDownLatch(1);
    AtomicInteger settleCalls = new AtomicInteger();
    Broker slowSettle = around((method, args, real) -> {
      if (method.equals("settle") && settleCalls.incrementAndGet() == 1) {
        releaseSettle.await(30, TimeUnit.SECONDS);
      }
      return real.call();
    });
    List<String> order = new CopyOnWriteArrayList<>();
    for (int i = 1; i <= 3; i++) {
      client.enqueue(JobRequest.of("step", ("job" + i).getBytes(StandardCharsets.UTF_8)));
    }
    // A 6 s lease: the worker announces itself every 2 s.
    Worker w = Worker.builder(slowSettle).concurrency(1).leaseTimeout(Duration.ofSeconds(6)).handle("step", job -> {
      order.add(job.payloadText());
      return JobOutcome.success();
    }).build();
    workers.add(w);
    w.start();
    // job1's settlement is stuck; its handler is done, so its slot runs job2 meanwhile
    await().atMost(Duration.ofSeconds(15)).until(() -> order.size() >= 2);
    // job1 and job2 both wait to settle: with concurrency 1 that is the most the worker may hold
    Thread.sleep(500);
    assertThat(order).as("no third job while two settlements wait").containsExactly("job1", "job2");
    assertThat(broker.counts("default").active()).isEqualTo(2);
    // their handlers are done: the worker lists no running job while they settle
    java.time.Instant mark = java.time.Instant.now();
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.workers().stream()
        .anyMatch(x -> x.id().equals(w.id()) && x.lastHeartbeat().isAfter(mark)));
    WorkerInfo seen = broker.workers().stream().filter(x -> x.id().equals(w.id())).findFirst().orElseThrow();
    assertThat(seen.running()).isEmpty();
    assertThat(seen.busy()).isZero();
    assertThat(w.busySlots()).as("busy counts handlers, not settlements on their way").isZero();
    releaseSettle.countDown();
    await().atMost(Duration.ofSeconds(15)).until(() -> broker.counts("default").completed() == 3);
    assertThat(order).containsExactly("job1", "job2", "job3");
  }

  @Test
  void gracefulShutdownFinishesRunningJobsAndClaimsNothingNew() throws Exception {
    CountDownLatch started = new CountDownLatch(2);
    List<String> finished = new CopyOnWriteArrayList<>();
    // All five are stored before the worker starts: it claims two at once, and a slow enqueue
    // loop on a loaded machine cannot let a third start after the first finished.
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(client.enqueue(JobRequest.of("job")).id());
    }
    Worker w = started(worker().concurrency(2).handle("job", job -> {
      started.countDown();
      Thread.sleep(300);
      finished.add(job.id());
      return JobOutcome.success();
    }));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    w.shutdown(Duration.ofSeconds(10));
    assertThat(finished).hasSize(2);
    for (String id : finished) {
      assertThat(client.inspect(id).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
    }
    assertThat(broker.counts("default").pending()).isEqualTo(3);
    assertThat(broker.counts("default").active()).isZero();
  }

  @Test
  void shutdownHandsUnfinishedJobsBackAtOnce() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Worker w = started(worker().leaseTimeout(Duration.ofSeconds(60)).handle("stuck", job -> {
      started.countDown();
      Thread.sleep(60_000);
      return JobOutcome.success();
    }));
    String id = client.enqueue(JobRequest.of("stuck")).id();
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    long t0 = System.nanoTime();
    w.shutdown(Duration.ofMillis(200));
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    JobInfo back = client.inspect(id).orElseThrow();
    assertThat(back.state()).as("handed back, not left to the 60 s lease").isEqualTo(JobState.PENDING);
    assertThat(back.attempt()).as("the interrupted attempt is given back").isZero();
  }

  @Test
  void shutdownHandsBackAClaimedJobThatNoThreadHasStartedYet() {
    // An executor that holds every task: the job is claimed (active in the broker) but its run never starts.
    List<Runnable> held = new CopyOnWriteArrayList<>();
    AtomicInteger ran = new AtomicInteger();
    Worker w = started(worker().leaseTimeout(Duration.ofSeconds(60)).executor(held::add).handle("queued", job -> {
      ran.incrementAndGet();
      return JobOutcome.success();
    }));
    String id = client.enqueue(JobRequest.of("queued")).id();
    awaitState(id, JobState.ACTIVE);
    await().atMost(Duration.ofSeconds(5)).until(() -> held.size() == 1);
    w.shutdown(Duration.ofMillis(100));
    JobInfo back = client.inspect(id).orElseThrow();
    assertThat(back.state()).as("handed back, not left to the 60 s lease").isEqualTo(JobState.PENDING);
    assertThat(back.attempt()).isZero();
    held.forEach(Runnable::run); // the executor wakes up late: the handed-back job must not run
    assertThat(ran).hasValue(0);
  }

  @Test
  void aJobEnqueuedWhileTheWorkerOpensItsWakeUpIsRunWithoutWaitingForTheSafetyNet() throws Exception {
    // The race: the fetcher's first claim finds nothing; before its signal listens, a job arrives.
    // Its wake-up reaches nobody and no later one comes. The fetcher must claim again before it waits.
    // (A broker's waiting claim cannot miss a job pushed before it waits; the same race is run
    // against it: the job arrives as it opens.)
    AtomicInteger awaits = new AtomicInteger();
    AtomicInteger awaitsBeforeTheClaim = new AtomicInteger(-1);
    Broker real = broker;
    Broker racing = around((method, args, call) -> {
      if (method.equals("waitingClaim")) {
        java.util.Optional<dev.ferry.spi.WaitingClaim> w = real.waitingClaim((String) args[0]);
        if (w.isPresent()) {
          client.enqueue(JobRequest.of("raced"));
        }
        return w.map(c -> countingClaims(c, () -> {}, jobs -> {
          if (!jobs.isEmpty()) {
            awaitsBeforeTheClaim.compareAndSet(-1, awaits.get());
          }
        }));
      }
      if (method.equals("workSignal")) {
        client.enqueue(JobRequest.of("raced"));
        dev.ferry.spi.WorkSignal signal = real.workSignal((java.util.Collection<String>) args[0]);
        return new dev.ferry.spi.WorkSignal() {
          @Override
          public boolean await(Duration timeout) throws InterruptedException {
            awaits.incrementAndGet();
            return signal.await(timeout);
          }

          @Override
          public void close() {
            signal.close();
          }
        };
      }
      Object result = call.call();
      if (method.equals("claim") && !((List<?>) result).isEmpty()) {
        awaitsBeforeTheClaim.compareAndSet(-1, awaits.get());
      }
      return result;
    });
    Worker w = Worker.builder(racing).handle("raced", job -> JobOutcome.success()).build();
    workers.add(w);
    w.start();
    await().atMost(Duration.ofSeconds(15)).until(() -> awaitsBeforeTheClaim.get() >= 0);
    assertThat(awaitsBeforeTheClaim).as("waits on the signal before the raced job was claimed").hasValue(0);
  }

  @Test
  void aWorkerWhoseWaitingClaimCannotBeOpenedStillRunsJobsOnWakeUps() throws Exception {
    AtomicInteger opens = new AtomicInteger();
    Broker refusing = around((method, args, real) -> {
      if (method.equals("waitingClaim")) {
        opens.incrementAndGet();
        throw new FerryException("max number of clients reached");
      }
      return real.call();
    });
    List<String> ran = new CopyOnWriteArrayList<>();
    started(Worker.builder(refusing).handle("w", job -> {
      ran.add(job.id());
      return JobOutcome.success();
    }));
    Thread.sleep(300); // idle: the worker has found nothing and waits
    String id = client.enqueue(JobRequest.of("w")).id();
    awaitState(id, JobState.COMPLETED);
    assertThat(ran).containsExactly(id);
    assertThat(opens.get()).as("tried once, not again in a loop").isLessThanOrEqualTo(1);
  }

  @Test
  void runsHandlersOnAGivenExecutor() {
    ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "custom-pool"));
    try {
      List<String> threads = Collections.synchronizedList(new ArrayList<>());
      started(worker().executor(pool).handle("t", job -> {
        threads.add(Thread.currentThread().getName());
        return JobOutcome.success();
      }));
      String id = client.enqueue(JobRequest.of("t")).id();
      awaitState(id, JobState.COMPLETED);
      assertThat(threads).containsExactly("custom-pool");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void heartbeatKeepsALongJobFromBeingReaped() {
    AtomicInteger runs = new AtomicInteger();
    started(worker().leaseTimeout(Duration.ofMillis(300)).reapInterval(Duration.ofMillis(50)).handle("long", job -> {
      runs.incrementAndGet();
      Thread.sleep(1500);
      return JobOutcome.success();
    }));
    String id = client.enqueue(JobRequest.of("long")).id();
    awaitState(id, JobState.COMPLETED);
    assertThat(runs).as("five lease lengths long, still ran once").hasValue(1);
  }

  @Test
  void listenersAndTheEventLogSeeEveryStepInOrder() throws Exception {
    List<JobEvent> heard = new CopyOnWriteArrayList<>();
    String cursor = broker.readEvents(List.of("default"), null, 100, Duration.ZERO).cursor();
    JobClient listened = JobClient.builder(broker).listener(heard::add).build();
    // Enqueued before the worker starts: the client hears ENQUEUED after its write, and a
    // running worker could already have started the job by then.
    String id = listened.enqueue(JobRequest.of("flaky")).id();
    started(worker().listener(heard::add).handle("flaky", job -> {
      if (job.attempt() == 1) {
        throw new IllegalStateException("first try fails");
      }
      return JobOutcome.success();
    }));
    awaitState(id, JobState.COMPLETED);
    List<JobEvent.Kind> expected = List.of(
        JobEvent.Kind.ENQUEUED, JobEvent.Kind.STARTED, JobEvent.Kind.FAILED, JobEvent.Kind.RETRIED,
        JobEvent.Kind.STARTED, JobEvent.Kind.COMPLETED);
    await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() >= expected.size());
    assertThat(heard).extracting(JobEvent::kind).containsExactlyElementsOf(expected);
    assertThat(heard.get(2).error()).isEqualTo("java.lang.IllegalStateException: first try fails");
    assertThat(heard.get(1).waited()).isNotNull();
    assertThat(heard.get(5).duration()).isNotNull();
    assertThat(heard.get(5).attempt()).isEqualTo(2);

    List<JobEvent> logged = new ArrayList<>();
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      String c = cursor;
      logged.clear();
      while (true) {
        var batch = broker.readEvents(List.of("default"), c, 100, Duration.ZERO);
        if (batch.events().isEmpty()) {
          break;
        }
        logged.addAll(batch.events());
        c = batch.cursor();
      }
      return logged.size() >= expected.size();
    });
    assertThat(logged).extracting(JobEvent::kind).containsExactlyElementsOf(expected);
    assertThat(logged).extracting(JobEvent::jobId).containsOnly(id);
  }

  @Test
  void pausedQueueIsNotWorkedUntilResumed() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    AtomicInteger claims = new AtomicInteger();
    broker.pause("default");
    started(Worker.builder(countingClaims(claims)).handle("p", job -> {
      ran.add(job.id());
      return JobOutcome.success();
    }));
    String id = client.enqueue(JobRequest.of("p")).id();
    Thread.sleep(1000);
    assertThat(ran).isEmpty();
    // An idle worker of a paused queue with a job pending waits for a wake-up; it does not ask
    // again and again (a claim that waits in the broker returns at once while a job is pending).
    assertThat(claims.get()).as("claims in a second while paused").isLessThanOrEqualTo(6);
    assertThat(client.inspect(id).orElseThrow().state()).isEqualTo(JobState.PENDING);
    broker.resume("default");
    awaitState(id, JobState.COMPLETED);
  }

  @Test
  void aRunningWorkerIsListedWithItsJobsAndRetiredOnShutdown() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // A 900 ms lease: the worker announces itself every 300 ms.
    Worker w = started(worker().queue("default").queue("side").concurrency(3).leaseTimeout(Duration.ofMillis(900))
        .handle("hold", job -> {
          running.countDown();
          release.await();
          return JobOutcome.success();
        }));
    String id = client.enqueue(JobRequest.of("hold")).id();
    assertThat(running.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> broker.workers().stream()
        .anyMatch(x -> x.id().equals(w.id()) && x.busy() == 1));
    WorkerInfo seen = broker.workers().stream().filter(x -> x.id().equals(w.id())).findFirst().orElseThrow();
    assertThat(seen.queues()).containsExactly("default", "side");
    assertThat(seen.concurrency()).isEqualTo(3);
    assertThat(seen.pid()).isEqualTo(ProcessHandle.current().pid());
    assertThat(seen.running()).singleElement().satisfies(r -> {
      assertThat(r.jobId()).isEqualTo(id);
      assertThat(r.type()).isEqualTo("hold");
      assertThat(r.attempt()).isEqualTo(1);
    });
    assertThat(seen.lastHeartbeat()).isAfterOrEqualTo(seen.startedAt());
    release.countDown();
    awaitState(id, JobState.COMPLETED);
    w.shutdown(Duration.ofSeconds(5));
    assertThat(broker.workers()).extracting(WorkerInfo::id).doesNotContain(w.id());
  }
}
