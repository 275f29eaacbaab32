package org.irflow.triage.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reading a payload's fields with 400s that name the field by its path (alerts[2].severity). */
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
    if (!node.isValueNode() || node.isBinary()) {
      throw IntakeRejected.invalid(path, "'" + path + "' must be a string");
    }
    return node.asText();
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
        JsonNode item = node.get(i);
        if (!item.isValueNode()) {
          throw IntakeRejected.invalid(path + "[" + i + "]", "'" + path + "[" + i + "]' must be a string");
        }
        items.add(item.asText());
      }
      return items.isEmpty() ? null : String.join(", ", items);
    }
    return optionalText(parent, name, path);
  }

  /** One of the allowed names (case-insensitive) or null when absent; anything else is a 400. */
  static String optionalEnum(JsonNode parent, String name, String path, String... allowed) {
    String value = optionalText(parent, name, path);
    if (value == null) {
      return null;
    }
    String upper = value.trim().toUpperCase(Locale.ROOT);
    if (!Arrays.asList(allowed).contains(upper)) {
      throw IntakeRejected.unknownValue(path, value, Arrays.toString(allowed));
    }
    return upper;
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
