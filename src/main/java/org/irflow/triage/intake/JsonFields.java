package org.irflow.triage.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading a payload's fields with 400s that name the field by its path (alerts[2].severity). A field
 * the vendor's schema declares a string must be a JSON string (not a number or a boolean), and its
 * text must be storable: no NUL character (a PostgreSQL text column refuses it) and no unpaired UTF-16
 * surrogate (it is not a character; the database would keep a '?' instead, and a fingerprint made of it
 * would never find its own row again).
 */
final class JsonFields {

  private JsonFields() {}

  static JsonNode object(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      throw IntakeRejected.missing(path);
    }
    if (!node.isObject()) {
      throw IntakeRejected.invalid(path, "'" + path + "' must be an object");
    }
    return node;
  }

  static JsonNode array(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      throw IntakeRejected.missing(path);
    }
    if (!node.isArray()) {
      throw IntakeRejected.invalid(path, "'" + path + "' must be an array");
    }
    if (node.isEmpty()) {
      throw IntakeRejected.invalid(path, "'" + path + "' must not be empty");
    }
    return node;
  }

  static String text(JsonNode parent, String name, String path) {
    String text = optionalText(parent, name, path);
    if (text == null || text.isBlank()) {
      throw IntakeRejected.missing(path);
    }
    return text;
  }

  static String optionalText(JsonNode parent, String name, String path) {
    JsonNode node = parent == null ? null : parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw IntakeRejected.invalid(path, "'" + path + "' must be a string, not " + kind(node));
    }
    return storable(node.textValue(), path);
  }

  /** An object whose values are all strings (null when absent), as Forta's metadata and Prometheus' labels. */
  static JsonNode optionalStringMap(JsonNode parent, String name, String path) {
    JsonNode node = parent == null ? null : parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw IntakeRejected.invalid(path, "'" + path + "' must be an object of strings");
    }
    node.fieldNames().forEachRemaining(key -> {
      storable(key, path + "." + key);
      optionalText(node, key, path + "." + key);
    });
    return node;
  }

  /** The text itself, if a database column can hold it as it is; else a 400 naming the field. */
  static String storable(String text, String path) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        throw IntakeRejected.invalid(path, "'" + path + "' contains the NUL character (\\u0000) at index " + i
            + ", which cannot be stored");
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw IntakeRejected.invalid(path, "'" + path + "' contains an unpaired surrogate (\\u"
            + Integer.toHexString(c) + ") at index " + i + ", which is not a character");
      }
    }
    return text;
  }

  private static String kind(JsonNode node) {
    return node.isNumber() ? "a number" : node.isBoolean() ? "true or false" : node.isArray() ? "an array"
        : node.isObject() ? "an object" : "this value";
  }

  static boolean optionalBoolean(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      throw IntakeRejected.invalid(path, "'" + path + "' must be true or false");
    }
    return node.booleanValue();
  }

  /** A string or an array of strings, joined with ", "; null when absent. */
  static String textOrList(JsonNode parent, String name, String path) {
    JsonNode node = parent.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        items.add(text(node, i, path + "[" + i + "]"));
      }
      return items.isEmpty() ? null : String.join(", ", items);
    }
    return optionalText(parent, name, path);
  }

  private static String text(JsonNode array, int index, String path) {
    JsonNode item = array.get(index);
    if (!item.isTextual()) {
      throw IntakeRejected.invalid(path, "'" + path + "' must be a string, not " + kind(item));
    }
    return storable(item.textValue(), path);
  }

  /**
   * A chain id given as a JSON number or a decimal or 0x-hex string, or null when absent or not a
   * positive chain id: the chain only narrows correlation, so an odd value costs the alert no field.
   */
  static Long optionalChainId(JsonNode parent, String name) {
    JsonNode node = parent == null ? null : parent.get(name);
    if (node == null || !(node.isIntegralNumber() || node.isTextual())) {
      return null;
    }
    try {
      String text = node.asText().trim();
      long id = text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
      return id > 0 ? id : null;
    } catch (NumberFormatException notAChainId) {
      return null;
    }
  }
}
