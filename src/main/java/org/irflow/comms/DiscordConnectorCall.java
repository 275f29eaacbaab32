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
 * delegate of "Check Discord's answer", reads the answer the connector got. A call that got no answer
 * (no connection, a timeout) reaches the check too, by the call's error boundary with what the connector
 * said, so that it is retried and ends like any other failed delivery: with a task to send it by hand.
 */
@Component("discordConnectorCall")
public class DiscordConnectorCall implements JavaDelegate {

  /** What the http-connector said when "Post to Discord" got no answer (the boundary's error message). */
  static final String CALL_FAILURE = "discordCallFailure";

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
    String callFailure = (String) execution.getVariable(CALL_FAILURE);
    try {
      if (callFailure != null) {
        throw discord.unreached(callFailure);
      }
      String reference = discord.reference(status instanceof Number code ? code.intValue() : 0,
          (String) execution.getVariable("discordAnswer"));
      messages.sent(id, reference);
      execution.setVariable("deliveryOutcome", "SENT");
    } catch (DeliveryFailed failure) {
      throw attempts.failed(execution, id, failure);
    } finally {
      execution.removeVariable("discordAnswer");
      execution.removeVariable(CALL_FAILURE);
    }
  }
}
