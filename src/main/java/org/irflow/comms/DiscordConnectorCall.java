package org.irflow.comms;

import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.irflow.comms.publicupdates.DiscordWebhook;
import org.springframework.stereotype.Component;

/**
 * Discord's public updates go out through camunda-connect's http-connector in OutboundMessageProcess,
 * so the call is visible in the model: this bean gives the connector its URL and body (expressions
 * evaluated for the call, never stored as variables: the URL holds the webhook's secret) and, as the
 * delegate of "Check Discord's answer", reads the answer the connector got.
 */
@Component("discordConnectorCall")
public class DiscordConnectorCall implements JavaDelegate {

  private final DiscordWebhook discord;
  private final OutboundMessages messages;
  private final DeliveryAttempts attempts;

  public DiscordConnectorCall(DiscordWebhook discord, OutboundMessages messages, DeliveryAttempts attempts) {
    this.discord = discord;
    this.messages = messages;
    this.attempts = attempts;
  }

  /** Whether a DISCORD message takes the connector path (the webhook is configured). */
  public boolean isConfigured() {
    return discord.isConfigured();
  }

  public String url() {
    return discord.url();
  }

  /** The connector's answer as the variable keeps it (masked, bounded) until the check has read it. */
  public String answer(String response) {
    return discord.answerToKeep(response);
  }

  /**
   * The connector's timeouts (milliseconds, as Apache HttpClient takes them): without them it waits
   * for a connection and an answer without end, longer than the job's lock.
   */
  public Map<String, Object> requestConfig() {
    int millis = (int) discord.timeout().toMillis();
    Map<String, Object> config = new HashMap<>();
    config.put("connection-request-timeout", millis);
    config.put("connection-timeout", millis);
    config.put("socket-timeout", millis);
    return config;
  }

  public String body(Object outboundMessageId) {
    return discord.body(messages.find(((Number) outboundMessageId).longValue()).orElseThrow().message());
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = ((Number) execution.getVariable(OutboundMessages.OUTBOUND_MESSAGE_ID)).longValue();
    Object status = execution.getVariable("discordStatus");
    try {
      String reference = discord.reference(status instanceof Number code ? code.intValue() : 0,
          (String) execution.getVariable("discordAnswer"));
      messages.sent(id, reference);
      execution.setVariable("deliveryOutcome", "SENT");
    } catch (DeliveryFailed failure) {
      throw attempts.failed(execution, id, failure);
    } finally {
      execution.removeVariable("discordAnswer");
    }
  }
}
