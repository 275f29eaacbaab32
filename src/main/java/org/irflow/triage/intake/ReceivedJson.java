package org.irflow.triage.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A webhook body as received: its text (decoded as UTF-8) and its parsed tree. What irflow stores as an
 * alert's payload is cut from the text, never written again from the tree: a tree written again is not
 * the body (numbers change their form, {@code 1e6} becomes {@code 1000000.0}, and can outgrow the
 * column) and would not be what the sender signed.
 */
final class ReceivedJson {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final String text;
  private final JsonNode root;
  private List<String> elements;
  private String elementsOf;

  ReceivedJson(String text, JsonNode root) {
    this.text = text;
    this.root = root;
  }

  JsonNode root() {
    return root;
  }

  /** The whole body, as received. */
  String text() {
    return text;
  }

  /**
   * The text of the root object's array {@code field} at {@code index}, as received (whitespace
   * inside it kept). The body has been parsed already: the array is there.
   */
  String elementText(String field, int index) {
    if (!field.equals(elementsOf)) {
      elements = elementsOf(field);
      elementsOf = field;
    }
    return elements.get(index);
  }

  private List<String> elementsOf(String field) {
    List<String> found = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(text)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (!field.equals(name) || value != JsonToken.START_ARRAY) {
          parser.skipChildren();
          continue;
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          int start = (int) parser.currentTokenLocation().getCharOffset();
          parser.skipChildren();
          // a string's text is read lazily: read it, so that the location is after its closing quote
          parser.finishToken();
          int end = (int) parser.currentLocation().getCharOffset();
          found.add(text.substring(start, end));
        }
        break;
      }
    } catch (IOException e) {
      // the text was parsed into the tree before: it cannot be unreadable now
      throw new UncheckedIOException(e);
    }
    return found;
  }
}
