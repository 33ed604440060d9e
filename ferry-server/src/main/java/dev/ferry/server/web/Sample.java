package dev.ferry.server.web;

import java.util.Map;

/**
 * One point of the overview charts.
 *
 * @param at epoch milliseconds when it was taken
 * @param processed jobs completed per second since the previous sample
 * @param failed attempts failed per second since the previous sample
 * @param retried jobs scheduled for retry per second since the previous sample
 * @param depth pending jobs per queue (O(1) counts)
 */
public record Sample(long at, double processed, double failed, double retried, Map<String, Long> depth) {}
