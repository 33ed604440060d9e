package dev.ferry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobStateTest {

  @Test
  void transitionTableIsExactlyTheDesignedOne() {
    assertThat(allowed(JobState.SCHEDULED)).containsExactlyInAnyOrder(JobState.PENDING, JobState.CANCELLED);
    assertThat(allowed(JobState.PENDING)).containsExactlyInAnyOrder(JobState.ACTIVE, JobState.CANCELLED);
    assertThat(allowed(JobState.ACTIVE)).containsExactlyInAnyOrder(
        JobState.COMPLETED, JobState.RETRY, JobState.DEAD, JobState.SCHEDULED, JobState.PENDING, JobState.CANCELLED);
    assertThat(allowed(JobState.RETRY)).containsExactlyInAnyOrder(JobState.PENDING, JobState.CANCELLED);
    assertThat(allowed(JobState.DEAD)).containsExactly(JobState.PENDING);
    assertThat(allowed(JobState.COMPLETED)).isEmpty();
    assertThat(allowed(JobState.CANCELLED)).isEmpty();
  }

  @Test
  void noStateMovesToItself() {
    for (JobState s : JobState.values()) {
      assertThat(s.canMoveTo(s)).as(s.name()).isFalse();
    }
  }

  @Test
  void finalStatesAreCompletedDeadAndCancelled() {
    assertThat(EnumSet.allOf(JobState.class).stream().filter(JobState::isFinal))
        .containsExactlyInAnyOrder(JobState.COMPLETED, JobState.DEAD, JobState.CANCELLED);
  }

  @Test
  void wireNamesRoundTripAndUnknownNamesSayWhatIsValid() {
    for (JobState s : JobState.values()) {
      assertThat(JobState.fromWireName(s.wireName())).isEqualTo(s);
    }
    assertThatThrownBy(() -> JobState.fromWireName("done"))
        .hasMessageContaining("unknown job state 'done'")
        .hasMessageContaining("pending");
  }

  private static Set<JobState> allowed(JobState from) {
    Set<JobState> out = EnumSet.noneOf(JobState.class);
    for (JobState to : JobState.values()) {
      if (from.canMoveTo(to)) {
        out.add(to);
      }
    }
    return out;
  }
}
