package dev.ferry.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.FerryException;
import dev.ferry.JobClient;
import dev.ferry.JobRequest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Credentials come from the Redis URI: the default user's password, or an ACL user. */
class RedisAuthIT {
  private static final String PASSWORD = "s3cret-pw";
  private static RedisProcess redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisProcess.start(false, PASSWORD);
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  private String at() {
    return "@127.0.0.1:" + redis.port();
  }

  @Test
  void connectsWithThePasswordInTheUri() {
    try (RedisBroker broker = RedisBroker.connect("redis://:" + PASSWORD + at(), "auth-pw")) {
      JobClient.create(broker).enqueue(JobRequest.of("t").queue("auth"));
      assertThat(broker.counts("auth").pending()).isEqualTo(1);
    }
  }

  @Test
  void connectsAsAnAclUser() {
    RedisClient admin = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> c = admin.connect()) {
      c.sync().aclSetuser("ferry", io.lettuce.core.AclSetuserArgs.Builder.on().addPassword("user-pw").allKeys().allChannels().allCommands());
    } finally {
      admin.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
    try (RedisBroker broker = RedisBroker.connect("redis://ferry:user-pw" + at(), "auth-acl")) {
      JobClient.create(broker).enqueue(JobRequest.of("t").queue("acl"));
      assertThat(broker.claim(java.util.List.of("acl"), 1, Duration.ofSeconds(30))).hasSize(1);
    }
  }

  @Test
  void wrongPasswordFailsWithAClearError() {
    assertThatThrownBy(() -> RedisBroker.connect("redis://:wrong" + at()))
        .isInstanceOf(FerryException.class)
        .hasMessageContaining("cannot connect to Redis at 127.0.0.1:" + redis.port())
        .hasMessageNotContaining("wrong");
  }

  @Test
  void missingPasswordFailsWithAClearError() {
    assertThatThrownBy(() -> RedisBroker.connect("redis://127.0.0.1:" + redis.port()))
        .isInstanceOf(FerryException.class)
        .hasMessageContaining("cannot connect to Redis");
  }
}
