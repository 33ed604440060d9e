package dev.ferry.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.JobState;
import dev.ferry.redis.internal.Keys;
import dev.ferry.redis.internal.LuaSource;
import dev.ferry.redis.internal.Script;
import io.lettuce.core.cluster.SlotHash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks each Lua script's header contract against its Java declaration, and that every key of a
 * queue hashes to one Redis Cluster slot.
 */
class LuaScriptHeadersTest {
  private static final Pattern KEY_LINE = Pattern.compile("^-- KEYS\\[(\\d+)\\] +(\\w+) +\\((\\w+)\\)");
  private static final Pattern ARG_LINE = Pattern.compile("^-- ARGV\\[(\\d+)\\] +(\\w+) ");
  private static final Pattern BINDING = Pattern.compile("^local \\w+ = (?:tonumber\\()?(KEYS|ARGV)\\[(\\d+)\\]\\)?(?: == '1')?$");

  @ParameterizedTest
  @EnumSource(Script.class)
  void headerListsTheKeysAndArgsTheJavaCallPasses(Script script) {
    List<String> lines = List.of(LuaSource.raw(script.fileName()).split("\n"));
    assertThat(lines.get(0)).as("first line names the file and says what it does")
        .startsWith("-- " + script.fileName() + ": ");
    assertThat(names(lines, KEY_LINE)).as("KEYS in the header of %s", script.fileName())
        .containsExactlyElementsOf(script.keys());
    assertThat(names(lines, ARG_LINE)).as("ARGV in the header of %s", script.fileName())
        .containsExactlyElementsOf(script.args());
    assertThat(lines).as("header states the reply").anyMatch(l -> l.startsWith("-- Returns:"));
    assertThat(lines).as("header states the errors").anyMatch(l -> l.startsWith("-- Errors:"));
  }

  @ParameterizedTest
  @EnumSource(Script.class)
  void keysAndArgsAreBoundToNamedLocalsOnlyAtTheTop(Script script) {
    List<String> code = new ArrayList<>();
    for (String line : LuaSource.raw(script.fileName()).split("\n")) {
      if (!line.startsWith("--")) {
        code.add(line);
      }
    }
    Set<String> bound = new HashSet<>();
    boolean inBindings = true;
    for (String line : code) {
      Matcher m = BINDING.matcher(line);
      if (m.find()) {
        assertThat(inBindings).as("%s binds %s after other code", script.fileName(), line).isTrue();
        bound.add(m.group(1) + m.group(2));
      } else if (line.contains("KEYS[") || line.contains("ARGV[")) {
        throw new AssertionError(script.fileName() + " uses a bare KEYS/ARGV below its bindings: " + line);
      } else if (!line.isBlank() && !line.startsWith("local ")) {
        inBindings = false;
      }
    }
    assertThat(bound).hasSize(script.keys().size() + script.args().size());
  }

  @ParameterizedTest
  @EnumSource(Script.class)
  void everyIncludeExists(Script script) {
    assertThat(LuaSource.assembled(script.fileName())).doesNotContain("-- @include");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "emails.high", "a", "Q-1_x"})
  void allKeysOfAQueueShareOneClusterSlot(String queue) {
    Keys keys = new Keys("ferry");
    int slot = SlotHash.getSlot("{" + queue + "}");
    List<String> all = new ArrayList<>();
    for (JobState s : JobState.values()) {
      all.add(keys.state(queue, s));
    }
    all.add(keys.jobPrefix(queue));
    all.add(keys.leases(queue));
    all.add(keys.tokens(queue));
    all.add(keys.paused(queue));
    all.add(keys.events(queue));
    all.add(keys.jobs(queue));
    all.add(keys.oldJob(queue, "0192-abc"));
    all.add(keys.unique(queue, "user:42"));
    all.add(keys.unique(queue, null));
    all.add(keys.wake(queue));
    for (String key : all) {
      assertThat(SlotHash.getSlot(key)).as("slot of %s", key).isEqualTo(slot);
    }
  }

  private static List<String> names(List<String> lines, Pattern p) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      Matcher m = p.matcher(line);
      if (m.find()) {
        assertThat(Integer.parseInt(m.group(1))).as("numbering of %s", line).isEqualTo(out.size() + 1);
        out.add(m.group(2));
      }
    }
    return out;
  }
}
