package org.irflow.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The one HTTP client setup of every outbound vendor call (Slack, PagerDuty, Opsgenie, Statuspage,
 * the website webhook, Discord, the Safe Transaction Service, the OpenZeppelin Relayer, Forta's
 * GraphQL API): Spring's {@link RestClient} on the JDK HTTP client, HTTP/1.1 (hardhat and WireMock do
 * not speak h2c), no redirects, a connect timeout and an exchange timeout that bounds the whole call
 * from sending to the answer's last byte. {@link ServiceClient} adds the rate-limit retry and the error
 * mapping, the same for all.
 *
 * <p>Chain RPC (web3j on OkHttp) and the Discord call of camunda-connect's http-connector bring their
 * own clients and timeouts.
 */
@Component
public class OutboundHttp {

  /** A 429 is tried again once: a longer rate limit fails the call and its job retries later. */
  public static final int RATE_LIMIT_RETRIES = 1;
  /** The longest Retry-After a call waits for; a service asking for more fails the call at once. */
  public static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(2);
  /** The wait after a 429 without a usable Retry-After. */
  public static final Duration DEFAULT_RATE_LIMIT_WAIT = Duration.ofSeconds(1);

  /** Waits between rate-limited attempts; tests replace it to see the waits. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  public static final Sleeper THREAD_SLEEP = duration -> Thread.sleep(duration.toMillis());

  /**
   * @param connect the longest wait for the TCP connection
   * @param exchange the longest time of one request, from sending (connecting included) to the last
   *     byte of the answer: a server that sends its headers and then stalls its body is cut off too
   */
  public record Timeouts(Duration connect, Duration exchange) {
    /** The communication vendors' default (irflow.comms.*.timeout). */
    public static final Duration VENDOR_DEFAULT = Duration.ofSeconds(5);

    /**
     * The Safe Transaction Service and the relayer, called from the pause process's jobs: with one
     * rate-limit retry a call takes at most 2 × 4 s + 2 s, which the job lock time must cover
     * (docs/operations.md, "Job locks, take-over and timeouts").
     */
    public static final Timeouts CONTAINMENT_SERVICES = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(4));

    public Timeouts {
      Objects.requireNonNull(connect, "connect");
      Objects.requireNonNull(exchange, "exchange");
      if (connect.isNegative() || connect.isZero() || exchange.isNegative() || exchange.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive: connect " + connect + ", exchange " + exchange);
      }
    }

    /** One value for both, as the vendor settings give it; {@link #VENDOR_DEFAULT} when null. */
    public static Timeouts of(Duration timeout) {
      Duration value = timeout == null ? VENDOR_DEFAULT : timeout;
      return new Timeouts(value, value);
    }
  }

  private final ObjectMapper json;
  private final Sleeper sleeper;
  private final Map<Timeouts, RestClient> clients = new ConcurrentHashMap<>();

  @Autowired
  public OutboundHttp(ObjectMapper json) {
    this(json, THREAD_SLEEP);
  }

  public OutboundHttp(ObjectMapper json, Sleeper sleeper) {
    this.json = Objects.requireNonNull(json);
    this.sleeper = Objects.requireNonNull(sleeper);
  }

  /** The application's ObjectMapper, which writes every JSON body and reads every answer. */
  public ObjectMapper json() {
    return json;
  }

  /**
   * A client for one service.
   *
   * @param service the name used in messages and logs ("Slack", "Safe Transaction Service", ...)
   * @param failures how this family of callers reports a failed call
   * @param secrets every secret of the service's settings (null and blank entries ignored): masked in
   *     whatever text of an answer or an I/O error goes into a message
   */
  public <E extends RuntimeException> ServiceClient<E> client(String service, Timeouts timeouts,
      CallFailure.Mapping<E> failures, String... secrets) {
    return new ServiceClient<>(service, timeouts, clients.computeIfAbsent(timeouts, OutboundHttp::restClient), json,
        sleeper, failures, secrets);
  }

  /**
   * One RestClient per pair of timeouts, shared by the services that use it. Bodies go out and come in
   * as bytes: {@link ServiceClient} writes and reads JSON with the application's ObjectMapper, so the
   * client needs no converter of its own. No observation either: some URLs hold a secret (Discord's
   * webhook token is part of its path).
   */
  private static RestClient restClient(Timeouts timeouts) {
    HttpClient jdk = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeouts.connect())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(jdk);
    // Spring's JDK request: the read timeout runs from sending and, once it passes, closes the
    // answer's body as well, so it bounds the whole exchange (the JDK's own request timeout stops
    // at the headers)
    factory.setReadTimeout(timeouts.exchange());
    return RestClient.builder()
        .requestFactory(factory)
        .messageConverters(converters -> {
          converters.clear();
          converters.add(new ByteArrayHttpMessageConverter());
        })
        .build();
  }
}
