package dev.ferry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void nearestRankPercentilesOfOneToAHundred() {
    long[] sorted = LongStream.rangeClosed(1, 100).toArray();
    assertThat(Stats.percentile(sorted, 50)).isEqualTo(50);
    assertThat(Stats.percentile(sorted, 95)).isEqualTo(95);
    assertThat(Stats.percentile(sorted, 99)).isEqualTo(99);
    assertThat(Stats.percentile(sorted, 100)).isEqualTo(100);
    assertThat(Stats.percentile(sorted, 0.5)).isEqualTo(1);
  }

  @Test
  void aPercentileOfFewSamplesRoundsUpToASample() {
    long[] sorted = {10, 20, 30};
    assertThat(Stats.percentile(sorted, 50)).isEqualTo(20);
    assertThat(Stats.percentile(sorted, 99)).isEqualTo(30);
    assertThat(Stats.percentile(new long[0], 99)).isZero();
  }

  @Test
  void refusesAPercentileOutsideZeroToAHundred() {
    assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 101)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void latenciesSortTheirInputAndReportMilliseconds() {
    long[] nanos = new long[200];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = (nanos.length - i) * 1_000_000L; // 200 ms down to 1 ms, unsorted
    }
    Stats.Percentiles p = Stats.latencies(nanos);
    assertThat(p.count()).isEqualTo(200);
    assertThat(p.p50()).isEqualTo(100.0);
    assertThat(p.p95()).isEqualTo(190.0);
    assertThat(p.p99()).isEqualTo(198.0);
    assertThat(p.max()).isEqualTo(200.0);
    assertThat(nanos[0]).as("the caller's array is left alone").isEqualTo(200_000_000L);
  }

  @Test
  void ratesAndRatios() {
    assertThat(Stats.perSecond(5_000, 500_000_000L)).isEqualTo(10_000.0);
    assertThat(Stats.perSecond(5, 0)).isZero();
    assertThat(Stats.ratio(1, 4)).isEqualTo(0.25);
    assertThat(Stats.ratio(1, 0)).isZero();
    assertThat(Stats.round(3.14159, 2)).isEqualTo(3.14);
    assertThat(Stats.millis(1_234_567)).isEqualTo(1.235);
    assertThat(Stats.median(new long[] {5, 1, 3})).isEqualTo(3);
  }
}
