package org.irflow.triage.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.irflow.api.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhooks of the monitoring sources (outside /api and /engine-rest: each source proves itself with
 * its own signature or token). A 202 means the events are committed (their triage follows from the
 * {@link TriageDispatcher}); any bad input is a 4xx with an {@link ApiError} naming the problem, nothing
 * stored or started, and a counted rejection. Success and "send again later" are answered as each
 * source's client understands them ({@link WebhookSender}).
 *
 * <p>The body must be UTF-8 (RFC 8259 for JSON between systems); what is stored of it is its text as
 * received ({@link ReceivedJson}).
 */
@RestController
@RequestMapping("/webhooks")
public class WebhookController {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);

  private final WebhookAuthenticator authenticator;
  private final EventIntake intake;
  private final IntakeStats stats;
  private final IntakeProperties properties;
  /** The application's ObjectMapper, strict: one JSON value, no key twice. */
  private final ObjectReader json;

  public WebhookController(WebhookAuthenticator authenticator, EventIntake intake, IntakeStats stats,
      IntakeProperties properties, ObjectMapper objectMapper) {
    this.authenticator = authenticator;
    this.intake = intake;
    this.stats = stats;
    this.properties = properties;
    this.json = objectMapper.reader()
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
  }

  @PostMapping("/openzeppelin-monitor")
  public ResponseEntity<Object> openZeppelinMonitor(HttpServletRequest request) {
    return receive(WebhookSender.OPENZEPPELIN_MONITOR, request, signature(request),
        body -> new Batch(List.of(OpenZeppelinMonitorAdapter.alert(body)), 0));
  }

  @PostMapping("/generic")
  public ResponseEntity<Object> generic(HttpServletRequest request) {
    return receive(WebhookSender.GENERIC, request, signature(request),
        body -> new Batch(List.of(GenericAdapter.alert(body)), 0));
  }

  @PostMapping("/forta")
  public ResponseEntity<Object> forta(HttpServletRequest request) {
    return receive(WebhookSender.FORTA, request,
        (source, body) -> authenticator.verifyBearerOrScannerJwt(source, request.getHeader("Authorization")),
        body -> new Batch(FortaAdapter.alerts(body), 0));
  }

  @PostMapping("/alertmanager")
  public ResponseEntity<Object> alertmanager(HttpServletRequest request) {
    return receive(WebhookSender.ALERTMANAGER, request, (source, body) -> {
      authenticator.verifyBearer(source, request.getHeader("Authorization"));
      return null;
    }, body -> {
      AlertmanagerAdapter.Parsed parsed = AlertmanagerAdapter.alerts(body);
      return new Batch(parsed.firing(), parsed.resolved());
    });
  }

  private record Batch(List<NormalisedAlert> alerts, int ignored) {}

  /**
   * Proves that a request comes from its source, or throws {@link IntakeRejected}. Returns the key under
   * which a single-use credential (a signature, a scanner JWT) was remembered, null for a token.
   */
  private interface Authentication {
    String verify(String source, byte[] body);
  }

  private Authentication signature(HttpServletRequest request) {
    return (source, body) -> authenticator.verifySignature(source, body,
        request.getHeader("X-Timestamp"), request.getHeader("X-Signature"));
  }

  private ResponseEntity<Object> receive(WebhookSender sender, HttpServletRequest request,
      Authentication authentication, Function<ReceivedJson, Batch> adapter) {
    String singleUseKey = null;
    try {
      byte[] body = body(request);
      singleUseKey = authentication.verify(sender.source(), body);
      return accept(sender, adapter.apply(parse(body)));
    } catch (IntakeRejected rejected) {
      if (rejected.retryAfter() != null) {
        // asked to retry (429, 503): the same signed request must then be accepted, not refused as a replay
        authenticator.forget(singleUseKey);
      }
      return reject(sender, rejected);
    } catch (RuntimeException failure) {
      // not the sender's fault: it may send the same signed request again
      authenticator.forget(singleUseKey);
      throw failure;
    }
  }

  private ResponseEntity<Object> accept(WebhookSender sender, Batch batch) {
    String source = sender.source();
    List<EventIntake.Outcome> outcomes = batch.alerts().isEmpty() ? List.of() : intake.accept(batch.alerts());
    int duplicates = (int) outcomes.stream().filter(EventIntake.Outcome::duplicate).count();
    stats.accepted(source, outcomes.size(), duplicates);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("eventIds", outcomes.stream().map(EventIntake.Outcome::eventId).toList());
    answer.put("duplicates", duplicates);
    answer.put("ignored", batch.ignored());
    answer.put("events", outcomes);
    return ResponseEntity.status(sender.committed()).body(answer);
  }

  private ResponseEntity<Object> reject(WebhookSender sender, IntakeRejected rejected) {
    String source = sender.source();
    stats.rejected(source, rejected.reason());
    LOG.info("webhook {} refused ({}): {}", source, rejected.reason(), rejected.getMessage());
    HttpStatus status = rejected.retryAfter() == null ? HttpStatus.valueOf(rejected.status())
        : sender.retryLater(HttpStatus.valueOf(rejected.status()));
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON);
    if (rejected.retryAfter() != null) {
      answer.header("Retry-After", Long.toString(Math.max(1, rejected.retryAfter().toSeconds())));
    }
    return answer.body(new ApiError(status.value(), status.getReasonPhrase(), rejected.field(), rejected.getMessage()));
  }

  /** The body, if it is JSON and within the size limit. */
  private byte[] body(HttpServletRequest request) {
    String contentType = request.getContentType();
    if (contentType == null) {
      throw new IntakeRejected(415, "wrong-content-type", "Content-Type", "Content-Type must be application/json");
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      if (!MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.isWildcardType() || type.isWildcardSubtype()) {
        throw new IntakeRejected(415, "wrong-content-type", "Content-Type",
            "Content-Type must be application/json, not " + type);
      }
    } catch (InvalidMediaTypeException e) {
      throw new IntakeRejected(415, "wrong-content-type", "Content-Type", "Content-Type is not a media type");
    }
    long limit = properties.maxBodySize().toBytes();
    if (request.getContentLengthLong() > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (body.length > limit) {
        throw tooLarge(limit);
      }
      if (body.length == 0) {
        throw new IntakeRejected(400, "empty-body", "body", "the body is empty");
      }
      return body;
    } catch (IOException e) {
      throw new IntakeRejected(400, "unreadable-body", "body", "the body could not be read");
    }
  }

  private static IntakeRejected tooLarge(long limit) {
    return new IntakeRejected(413, "body-too-large", "body", "the body is larger than " + limit + " bytes");
  }

  private ReceivedJson parse(byte[] body) {
    String text = utf8(body);
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (StreamConstraintsException e) {
      // carries no location: nesting too deep, a number or a name too long
      throw new IntakeRejected(400, "malformed-json", "body",
          "the body exceeds a limit of the JSON parser (nesting depth, length of a number or of a name)");
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      throw new IntakeRejected(400, "malformed-json", "body", "the body is not valid JSON"
          + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new IntakeRejected(400, "malformed-json", "body", "the body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new IntakeRejected(400, "malformed-json", "body", "the body must be a JSON object");
    }
    return new ReceivedJson(text, root);
  }

  /** The body's text; a body that is not UTF-8 (another encoding, broken bytes) is a 400. */
  private static String utf8(byte[] body) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
      // a byte order mark is allowed before UTF-8 JSON and is not part of it
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new IntakeRejected(400, "not-utf8", "body", "the body is not UTF-8 (JSON between systems is UTF-8)");
    }
  }
}
