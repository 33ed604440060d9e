package dev.ferry.spi;

import dev.ferry.JobEvent;
import java.util.List;

/**
 * Events read from a broker's event log, oldest first, and where to read on from.
 *
 * @param events the events
 * @param cursor pass it to the next read to get only later events
 */
public record EventBatch(List<JobEvent> events, String cursor) {}
