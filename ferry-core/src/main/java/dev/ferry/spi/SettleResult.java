package dev.ferry.spi;

/** What a broker did with one settlement or lease extension. */
public enum SettleResult {
  /** Applied. */
  OK,
  /** Refused: the token is not the job's current one, or the job is not active. Nothing changed. */
  STALE
}
