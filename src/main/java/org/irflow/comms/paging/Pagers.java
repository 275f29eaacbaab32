package org.irflow.comms.paging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.irflow.comms.ContactDirectory;
import org.irflow.comms.DeliveryFailed;
import org.irflow.comms.OutboundAdapter;
import org.irflow.comms.OutboundMessage;
import org.irflow.http.OutboundHttp;
import org.springframework.stereotype.Component;

/**
 * PAGE messages, to every configured pager (PagerDuty, Opsgenie). Every pager is tried even when one
 * fails; the delivery fails when any did, and its retry pages all of them again under the same dedup
 * key, which PagerDuty and Opsgenie fold into the alert that is already open. The reference is
 * {@code pagerduty:<dedup key>} and {@code opsgenie:<request id>}, comma-separated.
 */
@Component
public class Pagers implements OutboundAdapter {

  private final List<Pager> pagers;

  public Pagers(PagerDutyProperties pagerDuty, OpsgenieProperties opsgenie, ContactDirectory contacts,
      OutboundHttp http) {
    this.pagers = List.of(new PagerDutyPager(pagerDuty, http), new OpsgeniePager(opsgenie, contacts, http));
  }

  @Override
  public OutboundMessage.Channel channel() {
    return OutboundMessage.Channel.PAGE;
  }

  @Override
  public boolean isConfigured() {
    return pagers.stream().anyMatch(Pager::configured);
  }

  @Override
  public String destination(OutboundMessage message) {
    return "paged through " + String.join(" and ", pagers.stream().filter(Pager::configured).map(Pager::name).toList());
  }

  @Override
  public String deliver(OutboundMessage message) {
    String dedupKey = dedupKey(message);
    List<String> references = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Pager pager : pagers) {
      if (!pager.configured()) {
        continue;
      }
      try {
        references.add(pager.name() + ":" + pager.page(message, dedupKey));
      } catch (DeliveryFailed e) {
        failures.add(e.getMessage());
      }
    }
    if (references.isEmpty() && failures.isEmpty()) {
      throw new DeliveryFailed("no pager is configured (irflow.comms.paging.pagerduty, irflow.comms.paging.opsgenie)");
    }
    if (!failures.isEmpty()) {
      throw new DeliveryFailed(String.join("; ", failures)
          + (references.isEmpty() ? "" : " (paged all the same: " + String.join(", ", references) + ")"));
    }
    return String.join(",", references);
  }

  /**
   * {@code irflow-<incident id>-<16 hex digits>} (or {@code irflow-<16 hex digits>} without an incident):
   * a digest of the message's recipients, subject and body, so that every attempt of one page carries the
   * same key and two different pages of one incident (the primary, then the secondary) do not.
   */
  public static String dedupKey(OutboundMessage message) {
    String content = String.join("\u0000", String.join(",", message.recipients()),
        String.valueOf(message.subject()), String.valueOf(message.body()), String.valueOf(message.severity()));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      String hash = HexFormat.of().formatHex(digest, 0, 8);
      return message.incidentId() == null ? "irflow-" + hash
          : "irflow-" + message.incidentId().toLowerCase(Locale.ROOT) + "-" + hash;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
