/**
 * The Redis broker: {@link dev.ferry.redis.RedisBroker} keeps Ferry's jobs in Redis 7.0+ (or
 * Valkey 7.2+), and {@link dev.ferry.redis.RedisProcess} runs a private {@code redis-server} for
 * tests and benchmarks.
 *
 * <h2>Key layout</h2>
 *
 * <p>Every key name is built by {@code dev.ferry.redis.internal.Keys}. {@code P} is the key prefix
 * ({@code ferry} unless given), {@code q} the queue. Every key of a queue carries the hash tag
 * {@code {q}}, so a queue lives in one Cluster slot and every script, which touches one queue
 * only, runs unchanged on Redis Cluster.
 *
 * <pre>
 * P:queues                 SET     every queue ever enqueued to (the one untagged key; never
 *                                  touched by a script, SADDed in the enqueue pipeline by a
 *                                  producer that has not added the queue in the last second)
 * P:{q}:pending            LIST    ids waiting; LPUSH adds at the tail, RPOP claims the oldest,
 *                                  RPUSH puts a released or reaped job first in line; an idle
 *                                  worker waits on it with BLMOVE pending pending RIGHT RIGHT,
 *                                  which moves nothing (ADR 0010)
 * P:{q}:scheduled          ZSET    id -> due ms (delayed and snoozed jobs)
 * P:{q}:retry              ZSET    id -> due ms (failed attempts waiting out their backoff)
 * P:{q}:active             ZSET    id -> lease deadline ms
 * P:{q}:leases             HASH    id -> "token:attempt" of the lease held on it; an entry exactly
 *                                  while the job is in active (ADR 0005)
 * P:{q}:tokens             STRING  the fencing-token counter (INCRBY once per claim batch)
 * P:{q}:completed          ZSET    id -> finish ms
 * P:{q}:dead               ZSET    id -> death ms
 * P:{q}:cancelled          ZSET    id -> cancel ms (counted; filled by a later release)
 * P:{q}:jobs               HASH    id -&gt; the job's record packed into one value (ADR 0009):
 *                                  "3,state,attempt,max,created,updated,due,timeout," then type,
 *                                  error and ukey each as length:text, then the payload as is;
 *                                  updated and due in ms after created, "" where absent. Not
 *                                  written by a claim: an active job's state and attempt are its
 *                                  lease
 * P:{q}:job:&lt;id&gt;           HASH    a job as versions before ADR 0009 stored it (schema 1 or 2);
 *                                  read as it is, moved into P:{q}:jobs when a script writes it
 * P:{q}:unique:&lt;key&gt;        STRING  the id holding a uniqueness key, expiring after its window
 * P:{q}:paused             STRING  present while the queue is paused (claim takes nothing)
 * P:{q}:events             STREAM  the queue's lifecycle events, capped (XADD MAXLEN ~); the
 *                                  enqueued lines written by enqueue.lua, the others by appendEvents.lua
 * P:{q}:wake               channel published when a job may have become pending
 * P:{~workers}:all         HASH    worker id -> its announcement (JSON); "~workers" is no
 *                                  legal queue name, so it never meets a queue's keys
 * P:{~workers}:seen        ZSET    worker id -> when its announcement lapses ms
 * </pre>
 *
 * <p>Times are epoch milliseconds from Redis {@code TIME}, never a client's clock. Nothing lists
 * the keyspace ({@code KEYS}, {@code SCAN}): queues, states and jobs are all reached through the
 * structures above.
 *
 * <h2>States</h2>
 *
 * <p>A job is in exactly one state and exactly one of the structures above at every instant; each
 * arrow is one Lua script (under {@code dev/ferry/redis/lua/}), and settlements from a worker apply
 * only while the job's lease in the leases hash carries the worker's token.
 *
 * <pre>
 *   enqueue (delay) --&gt; scheduled --promoteDue--+
 *                                              v
 *   enqueue --------------------------------&gt; pending &lt;--promoteDue-- retry
 *                                              |   ^                   ^
 *                                          claim   release, reapExpired|
 *                                              v   |   (retries left)  |
 *                                             active ------retry-------+
 *                                            /  |   \
 *                                  complete /   |    \ snooze --&gt; scheduled
 *                                          v    |kill \
 *                                  completed    v      reapExpired (no retries left)
 *                                              dead &lt;--+
 *                                               |
 *                      requeueDead --&gt; pending; purgeDead and prune delete
 * </pre>
 *
 * <p>Pruning deletes completed and dead jobs past their retention. Uniqueness keys are not freed
 * when a job finishes: uniqueness is a time window.
 */
package dev.ferry.redis;
