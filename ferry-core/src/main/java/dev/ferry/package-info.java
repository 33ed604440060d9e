/**
 * Ferry's public API: enqueue jobs with {@link dev.ferry.JobClient} and {@link
 * dev.ferry.JobRequest}, run them with a {@link dev.ferry.Worker} and {@link dev.ferry.JobHandler}s.
 *
 * <h2>Vocabulary</h2>
 *
 * <ul>
 *   <li><b>job</b>: a type (routes to a handler), an opaque payload and options, stored once;
 *   <li><b>queue</b>: a named line of jobs; workers take from queues by weight or strict priority;
 *   <li><b>attempt</b>: one run of a job by a handler; a claim spends one;
 *   <li><b>lease</b>: a worker's hold on an active job: a fencing token and a deadline, extended by
 *       the heartbeat;
 *   <li><b>dead</b>: the set of jobs that failed for good, kept for operators to requeue or purge.
 * </ul>
 *
 * <h2>States</h2>
 *
 * <pre>
 *  enqueue ─► scheduled ─(due: promoter)─► pending ─(claim: worker)─► active
 *     └────────(no delay)──────────────────┘   ▲                        │
 *                                              │ hand back / lease      ├─ success ─────────► completed
 *                                              │ expired (reaper)       ├─ failure, retries ─► retry ─(due)─► pending
 *                                              └────────────────────────┤  snooze ──────────► scheduled
 *                                                                       └─ failure, no retries,
 *                                                                          discard, no handler ─► dead ─(operator)─► pending
 * </pre>
 *
 * <p>{@link dev.ferry.JobState} holds the transition table; each state's Javadoc says who moves a
 * job in and out. Delivery is at-least-once: see {@code docs/delivery-semantics.md}.
 */
package dev.ferry;
