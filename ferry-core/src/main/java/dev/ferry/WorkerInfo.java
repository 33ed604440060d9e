package dev.ferry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A live worker process as it last announced itself: who it is, what it serves and what it is
 * running. Workers announce themselves on a heartbeat; one that stops announcing (crashed, or cut
 * off from the broker) drops out of {@code Broker.workers()} when its announcement expires.
 *
 * @param id the worker's id, unique per {@link Worker} instance ({@code host-pid-suffix})
 * @param host the host name the worker runs on
 * @param pid the operating-system process id
 * @param queues the queues it claims from, in configured order
 * @param concurrency how many handlers it may run at once
 * @param busy how many handlers were running at the last heartbeat
 * @param startedAt when the worker started
 * @param lastHeartbeat when it last announced itself
 * @param running the jobs it was running at the last heartbeat
 */
public record WorkerInfo(
    String id,
    String host,
    long pid,
    List<String> queues,
    int concurrency,
    int busy,
    Instant startedAt,
    Instant lastHeartbeat,
    List<Running> running) {

  public WorkerInfo {
    Objects.requireNonNull(id, "id");
    queues = List.copyOf(queues);
    running = List.copyOf(running);
  }

  /**
   * A job a worker is running.
   *
   * @param jobId the job's id
   * @param queue the job's queue
   * @param type the job's type
   * @param attempt the attempt being run (1 = first)
   * @param startedAt when this attempt's handler started
   */
  public record Running(String jobId, String queue, String type, int attempt, Instant startedAt) {}
}
