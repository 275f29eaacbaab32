package org.irflow.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * How a secret appears in a properties object's {@code toString()} (and so in logs, start-up reports
 * and exception messages): "unset" or "***", never its value.
 */
public final class Secrets {

  private static final String MASK = "***";

  private Secrets() {}

  /** "unset" when there is no value, "***" when there is one. */
  public static String masked(Object secret) {
    return secret == null || secret.toString().isBlank() ? "unset" : MASK;
  }

  /**
   * A URL that may carry a key in its path, query or user part (an RPC provider's
   * {@code https://mainnet.example/v3/<key>}): only its scheme, host and port are shown.
   */
  public static String maskedUrl(String url) {
    if (url == null || url.isBlank()) {
      return "unset";
    }
    try {
      URI uri = new URI(url.strip());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return MASK;
      }
      return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/" + MASK;
    } catch (URISyntaxException notAUrl) {
      return MASK;
    }
  }

  /** {@link #maskedUrl} of each. */
  public static List<String> maskedUrls(List<String> urls) {
    return urls == null ? List.of() : urls.stream().map(Secrets::maskedUrl).toList();
  }
}
