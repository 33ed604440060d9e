package dev.ferry.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job as the server shows it.
 *
 * @param id the id
 * @param type the type
 * @param queue the queue
 * @param state pending, scheduled, active, retry, completed, dead or cancelled
 * @param attempt attempts started so far
 * @param maxRetries retries allowed after the first attempt
 * @param lastError the last failed attempt's error, or null
 * @param runAt when it is due (ISO-8601), or null
 * @param payload the payload as JSON (text when it is not JSON)
 */
public record Job(
    String id, String type, String queue, String state, int attempt, int maxRetries, String lastError, String runAt,
    JsonNode payload) {}
