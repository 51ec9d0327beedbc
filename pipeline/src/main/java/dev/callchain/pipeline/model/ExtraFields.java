package dev.callchain.pipeline.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads a call's extra fields (the parser keeps them as the exact bytes of their members,
 * {@code "name":value,...}): one top-level string or number, or the members with some names changed.
 */
public final class ExtraFields {
  private static final JsonFactory JSON = new JsonFactory();

  private ExtraFields() {}

  /** The string value of top-level member {@code name}, or null when absent or not a string. */
  public static @Nullable String string(byte[] extra, String name) {
    return member(extra, name, (token, parser) -> token == JsonToken.VALUE_STRING ? parser.getText() : null);
  }

  /**
   * The number in top-level member {@code name}, written as a JSON number or a string holding one
   * (SPEC §1 takes both), or null when absent or anything else.
   */
  public static @Nullable BigDecimal number(byte[] extra, String name) {
    return member(
        extra,
        name,
        (token, parser) -> {
          if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDecimalValue();
          }
          if (token != JsonToken.VALUE_STRING) {
            return null;
          }
          try {
            return new BigDecimal(parser.getText().strip());
          } catch (NumberFormatException e) {
            return null;
          }
        });
  }

  /** How a member's value is read, its parser on the value's first token. */
  private interface ValueReader<T> {
    @Nullable T read(JsonToken token, JsonParser parser) throws IOException;
  }

  private static <T> @Nullable T member(byte[] extra, String name, ValueReader<T> reader) {
    if (extra.length == 0) {
      return null;
    }
    try (JsonParser parser = JSON.createParser(object(extra))) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean wanted = parser.currentName().equals(name);
        JsonToken value = parser.nextToken();
        if (wanted) {
          return reader.read(value, parser);
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("extra fields are not the members of an object", e);
    }
  }

  /** The members with each name in {@code renames} replaced by its new name; values untouched. */
  public static byte[] renamed(byte[] extra, Map<String, String> renames) {
    if (extra.length == 0) {
      return extra;
    }
    byte[] object = object(extra);
    ByteArrayOutputStream out = new ByteArrayOutputStream(extra.length + 32);
    int copiedTo = 1;
    try (JsonParser parser = JSON.createParser(object)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String renamed = renames.get(parser.currentName());
        if (renamed != null) {
          int start = (int) parser.currentTokenLocation().getByteOffset();
          out.write(object, copiedTo, start - copiedTo);
          out.writeBytes(('"' + renamed + '"').getBytes(StandardCharsets.UTF_8));
          copiedTo = endOfString(object, start);
        }
        parser.nextToken();
        parser.skipChildren();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("extra fields are not the members of an object", e);
    }
    out.write(object, copiedTo, object.length - 1 - copiedTo);
    return out.toByteArray();
  }

  private static byte[] object(byte[] extra) {
    byte[] object = new byte[extra.length + 2];
    object[0] = '{';
    System.arraycopy(extra, 0, object, 1, extra.length);
    object[object.length - 1] = '}';
    return object;
  }

  /** The index just past the JSON string that opens at {@code quote}. */
  private static int endOfString(byte[] bytes, int quote) {
    int i = quote + 1;
    while (bytes[i] != '"') {
      i += bytes[i] == '\\' ? 2 : 1;
    }
    return i + 1;
  }
}
