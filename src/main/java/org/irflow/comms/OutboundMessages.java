package org.irflow.comms;

import static org.irflow.incident.Timeline.utc;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.irflow.comms.OutboundMessage.Channel;
import org.irflow.incident.Timeline;
import org.irflow.incident.TimelineKind;
import org.irflow.process.Actors;
import org.irflow.process.EngineAccess;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * Sends messages out without ever holding up the incident: {@link #send} records the message
 * (outbound_message, timeline) and starts an OutboundMessageProcess for it, which delivers it with
 * retries and, when they are exhausted, raises a Cockpit incident and gives the responsible person a
 * task to send it by hand. A drill's public or customer message goes to the drill channel instead
 * (or nowhere, recorded, when none is configured).
 */
@Service
public class OutboundMessages {

  public static final String PROCESS_KEY = "OutboundMessageProcess";
  public static final String OUTBOUND_MESSAGE_ID = "outboundMessageId";

  /** A message as recorded, with where it stands. */
  public record Recorded(long id, String incidentId, Channel channel, List<String> recipients, String subject,
      String body, String severity, boolean drill, String reroutedFrom, String responsible, String status,
      String vendorReference, int attempts, String lastError, String processInstanceId, boolean pin) {

    public OutboundMessage message() {
      return new OutboundMessage(incidentId, channel, recipients, subject, body, severity, drill);
    }
  }

  private final JdbcTemplate jdbc;
  private final Timeline timeline;
  private final RuntimeService runtime;
  private final CommsProperties properties;
  private final Clock clock;

  public OutboundMessages(JdbcTemplate jdbc, Timeline timeline, @Lazy RuntimeService runtime,
      CommsProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.timeline = timeline;
    this.runtime = runtime;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Records the message and starts its delivery; answers its id. Runs in the caller's transaction: a
   * message of a task completion that rolls back is never sent.
   *
   * @param responsible the user who sends it by hand if delivery keeps failing
   */
  public long send(OutboundMessage message, String responsible) {
    return send(message, responsible, false);
  }

  /** Like {@link #send}, and a chat post is pinned in its channel once posted. */
  public long sendPinned(OutboundMessage message, String responsible) {
    return send(message, responsible, true);
  }

  /**
   * How a message is sent: as it is, or, a drill's public or customer message, to the drill channel
   * instead ({@code nowhere} when no drill channel is configured: it is only recorded).
   *
   * @param message what is queued for delivery
   * @param reroutedFrom the channel a drill's message would have gone to, else null
   */
  public record Route(OutboundMessage message, Channel reroutedFrom, boolean nowhere) {}

  /** The route {@link #send} takes for the message. */
  public Route route(OutboundMessage message) {
    if (!(message.drill() && message.channel().isPublicOrExternal())) {
      return new Route(message, null, false);
    }
    String label = "[DRILL: would have gone to " + message.channel()
        + (message.recipients().isEmpty() ? "" : " " + String.join(", ", message.recipients())) + "] ";
    OutboundMessage instead = new OutboundMessage(message.incidentId(), Channel.CHAT,
        properties.drillChannel() == null ? List.of() : List.of(properties.drillChannel()), message.subject(),
        label + (message.subject() == null ? "" : message.subject() + "\n") + message.body(), message.severity(), true);
    return new Route(instead, message.channel(), properties.drillChannel() == null);
  }

  private long send(OutboundMessage message, String responsible, boolean pin) {
    Route route = route(message);
    OutboundMessage toSend = route.message();
    Channel reroutedFrom = route.reroutedFrom();
    boolean nowhere = route.nowhere();
    long id = insert(toSend, reroutedFrom, responsible, nowhere ? "SKIPPED" : "QUEUED", pin);
    if (nowhere) {
      record(id, TimelineKind.MESSAGE_SKIPPED, Actors.SYSTEM, "Drill: " + reroutedFrom + " message not sent ("
          + summary(toSend) + "); no drill channel is configured", null);
      return id;
    }
    record(id, TimelineKind.MESSAGE_QUEUED, Actors.SYSTEM, describe(toSend, reroutedFrom) + " queued: "
        + summary(toSend), null);
    OutboundMessage queued = toSend;
    String processInstanceId = EngineAccess.asProcess(() -> runtime.startProcessInstanceByKey(PROCESS_KEY,
        queued.incidentId(), Variables.createVariables().putValue(OUTBOUND_MESSAGE_ID, id)
            .putValue("outboundChannel", queued.channel().name())
            .putValue("outboundSummary", summary(queued))
            .putValue("outboundResponsible", responsible)
            .putValue("incidentId", queued.incidentId())).getId());
    jdbc.update("update outbound_message set process_instance_id = ? where id = ?", processInstanceId, id);
    return id;
  }

  public Optional<Recorded> find(long id) {
    return jdbc.query("select * from outbound_message where id = ?", (rs, row) -> new Recorded(
        rs.getLong("id"), rs.getString("incident_id"), Channel.valueOf(rs.getString("channel")),
        rs.getString("recipients") == null || rs.getString("recipients").isEmpty() ? List.of()
            : List.of(rs.getString("recipients").split(",")),
        rs.getString("subject"), rs.getString("body"), rs.getString("severity"), rs.getBoolean("drill"),
        rs.getString("rerouted_from"), rs.getString("responsible"), rs.getString("status"),
        rs.getString("vendor_reference"), rs.getInt("attempts"), rs.getString("last_error"),
        rs.getString("process_instance_id"), rs.getBoolean("pin")), id).stream().findFirst();
  }

  /** Ids of the incident's messages, oldest first. */
  public List<Long> idsOfIncident(String incidentId) {
    return jdbc.queryForList("select id from outbound_message where incident_id = ? order by id", Long.class,
        incidentId);
  }

  /** Delivered: recorded with the vendor's reference. */
  public void sent(long id, String vendorReference) {
    jdbc.update("""
        update outbound_message set status = 'SENT', vendor_reference = ?, sent_at = ?, attempts = attempts + 1,
                                    last_error = null where id = ?""", vendorReference, utc(clock.instant()), id);
    Recorded message = find(id).orElseThrow();
    record(id, TimelineKind.MESSAGE_SENT, Actors.SYSTEM, describe(message.message(), null) + " sent: "
        + summary(message.message()), vendorReference == null ? null : "reference " + vendorReference);
  }

  /** One delivery attempt failed; the job retries it. */
  public void attemptFailed(long id, String error) {
    jdbc.update("update outbound_message set attempts = attempts + 1, last_error = ? where id = ?",
        error.length() > 2000 ? error.substring(0, 2000) : error, id);
  }

  /** Every attempt failed: the responsible person sends it by hand. */
  public void failed(long id, String error) {
    jdbc.update("update outbound_message set status = 'FAILED', last_error = ? where id = ?",
        error.length() > 2000 ? error.substring(0, 2000) : error, id);
    Recorded message = find(id).orElseThrow();
    record(id, TimelineKind.MESSAGE_FAILED, Actors.SYSTEM, describe(message.message(), null) + " failed after "
        + message.attempts() + " attempts, to be sent by hand by " + message.responsible() + ": "
        + summary(message.message()), error);
  }

  /** The responsible person sent it by hand. */
  public void sentByHand(long id, String by, String note) {
    jdbc.update("update outbound_message set status = 'SENT_BY_HAND', sent_at = ?, sent_by = ? where id = ?",
        utc(clock.instant()), by, id);
    Recorded message = find(id).orElseThrow();
    record(id, TimelineKind.MESSAGE_SENT_BY_HAND, by, describe(message.message(), null) + " sent by hand: "
        + summary(message.message()), note);
  }

  /** The channel has no adapter configured: recorded, not sent. */
  public void skipped(long id, String why) {
    jdbc.update("update outbound_message set status = 'SKIPPED', last_error = ? where id = ?", why, id);
    Recorded message = find(id).orElseThrow();
    record(id, TimelineKind.MESSAGE_SKIPPED, Actors.SYSTEM, describe(message.message(), null) + " not sent ("
        + why + "): " + summary(message.message()), null);
  }

  private long insert(OutboundMessage message, Channel reroutedFrom, String responsible, String status,
      boolean pin) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement("""
          insert into outbound_message (incident_id, channel, recipients, subject, body, severity, drill,
                                        rerouted_from, responsible, status, created_at, pin)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      statement.setString(1, message.incidentId());
      statement.setString(2, message.channel().name());
      statement.setString(3, String.join(",", message.recipients()));
      statement.setString(4, message.subject());
      statement.setString(5, message.body());
      statement.setString(6, message.severity());
      statement.setBoolean(7, message.drill());
      statement.setString(8, reroutedFrom == null ? null : reroutedFrom.name());
      statement.setString(9, responsible);
      statement.setString(10, status);
      statement.setObject(11, utc(clock.instant()));
      statement.setBoolean(12, pin && message.channel() == Channel.CHAT);
      return statement;
    }, key);
    return key.getKey().longValue();
  }

  private void record(long id, TimelineKind kind, String actor, String summary, String details) {
    String incidentId = jdbc.queryForObject("select incident_id from outbound_message where id = ?", String.class, id);
    timeline.append(Timeline.Source.ofIncident(incidentId), kind, actor, summary,
        "outbound message " + id + (details == null ? "" : "; " + details));
  }

  private static String describe(OutboundMessage message, Channel reroutedFrom) {
    String to = message.recipients().isEmpty() ? "" : " to " + String.join(", ", message.recipients());
    return message.channel() + " message" + to + (reroutedFrom == null ? "" : " (drill, instead of " + reroutedFrom + ")");
  }

  private static String summary(OutboundMessage message) {
    String text = message.subject() != null ? message.subject() : message.body();
    return text.length() <= 200 ? text : text.substring(0, 199) + "…";
  }
}
