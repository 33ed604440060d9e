package dev.ferry.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.InvalidJobException;
import java.io.IOException;

/** The one Jackson mapper Ferry uses for JSON payload helpers. */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

  private Json() {}

  /** Writes {@code value} as JSON bytes; throws {@link InvalidJobException} if it cannot. */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new InvalidJobException("payload cannot be written as JSON: " + e.getOriginalMessage());
    }
  }

  /** Reads JSON bytes as {@code type}; throws {@link IllegalArgumentException} if it cannot. */
  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "payload is not valid JSON for " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
