package org.irflow.process.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.camunda.spin.json.SpinJsonNode;

/**
 * Reads the value of a list field (taglist, checklist) or of a repeating group (dynamiclist) in every
 * shape it arrives in: a JSON array from Tasklist (a Spin JSON variable), a Java list from the Java API,
 * JSON text, or, through the REST API, the older comma-separated text. Each element is kept whole:
 * {@code "dave; bob"} stays one element, which then fails the check against its group instead of
 * becoming something else.
 */
public final class FormValues {

  private static final ObjectMapper JSON = new ObjectMapper();

  private FormValues() {}

  /** The chosen values, trimmed, each once, in the order given; empty for null or blank. */
  public static List<String> list(Object value) {
    LinkedHashSet<String> values = new LinkedHashSet<>();
    if (value instanceof Collection<?> collection) {
      collection.forEach(element -> add(values, element == null ? null : String.valueOf(element)));
    } else if (value instanceof SpinJsonNode || isJsonArray(value)) {
      for (Object element : parse(value.toString(), new TypeReference<List<Object>>() {})) {
        add(values, element == null ? null : String.valueOf(element));
      }
    } else if (value != null) {
      for (String element : value.toString().split(",")) {
        add(values, element);
      }
    }
    return List.copyOf(values);
  }

  /** Whether a value is a list of rows (a repeating group) rather than text. */
  public static boolean isRows(Object value) {
    return value instanceof Collection<?> || value instanceof SpinJsonNode || isJsonArray(value);
  }

  /** The rows of a repeating group, each a map of its fields' values; empty for null. */
  public static List<Map<String, Object>> rows(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof Collection<?> collection) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Object row : collection) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (row instanceof Map<?, ?> map) {
          map.forEach((key, field) -> fields.put(String.valueOf(key), field));
        }
        rows.add(fields);
      }
      return rows;
    }
    if (value instanceof SpinJsonNode || isJsonArray(value)) {
      return parse(value.toString(), new TypeReference<List<Map<String, Object>>>() {});
    }
    throw new IllegalArgumentException("not a list of rows");
  }

  private static boolean isJsonArray(Object value) {
    return value instanceof String text && text.strip().startsWith("[");
  }

  private static <T> T parse(String json, TypeReference<T> type) {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a JSON array: " + e.getOriginalMessage());
    }
  }

  private static void add(Collection<String> values, String value) {
    if (value != null && !value.isBlank()) {
      values.add(value.strip());
    }
  }
}
