package dev.ferry;

import java.util.List;

/**
 * One page of jobs and the cursor for the next page.
 *
 * @param jobs the jobs on this page, oldest first
 * @param nextCursor pass it to get the next page; null when this is the last page
 */
public record JobPage(List<JobInfo> jobs, String nextCursor) {}
