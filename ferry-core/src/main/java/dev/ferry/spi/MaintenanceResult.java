package dev.ferry.spi;

/**
 * What one maintenance pass did.
 *
 * @param moved how many jobs it moved (promoted, reaped or pruned)
 * @param nextDueMillis for the promoter: epoch ms of the earliest job still waiting, or -1 when
 *     none waits; -1 for the other passes
 */
public record MaintenanceResult(int moved, long nextDueMillis) {
  public static MaintenanceResult of(int moved) {
    return new MaintenanceResult(moved, -1);
  }
}
