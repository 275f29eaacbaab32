package org.irflow.comms;

/** Small text helpers shared by the adapters. */
public final class Texts {

  private Texts() {}

  /** The text cut to at most {@code max} characters, ending in an ellipsis when cut. */
  public static String truncate(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }

  /** A message's title: its subject, else the first line of its body. */
  public static String title(OutboundMessage message) {
    if (message.subject() != null && !message.subject().isBlank()) {
      return message.subject().strip();
    }
    String body = message.body() == null ? "" : message.body().strip();
    int newline = body.indexOf('\n');
    return newline < 0 ? body : body.substring(0, newline).strip();
  }
}
