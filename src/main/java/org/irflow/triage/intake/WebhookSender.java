package org.irflow.triage.intake;

import org.springframework.http.HttpStatus;

/**
 * What each monitoring source's own webhook client takes as success and as "send it again", read from
 * the clients themselves:
 *
 * <ul>
 *   <li>forta-node (forta-core-go's generated webhook client) takes only 200 as success; any other
 *       answer is an error it logs, and in local mode it never sends a batch again;</li>
 *   <li>Alertmanager takes any 2xx as success and sends again after a 5xx only: a 4xx, 429 included,
 *       drops the notification;</li>
 *   <li>OpenZeppelin Monitor takes any 2xx as success; its retry middleware (reqwest-retry) sends the
 *       same request again after a 5xx, a 408 or a 429, up to its max_attempts;</li>
 *   <li>the generic webhook is irflow's own: 202, and 429 or 503 with Retry-After.</li>
 * </ul>
 */
enum WebhookSender {
  OPENZEPPELIN_MONITOR(OpenZeppelinMonitorAdapter.SOURCE, HttpStatus.ACCEPTED, false),
  GENERIC(GenericAdapter.SOURCE, HttpStatus.ACCEPTED, false),
  FORTA(FortaAdapter.SOURCE, HttpStatus.OK, true),
  ALERTMANAGER(AlertmanagerAdapter.SOURCE, HttpStatus.ACCEPTED, true);

  private final String source;
  private final HttpStatus committed;
  private final boolean retriesServerErrorsOnly;

  WebhookSender(String source, HttpStatus committed, boolean retriesServerErrorsOnly) {
    this.source = source;
    this.committed = committed;
    this.retriesServerErrorsOnly = retriesServerErrorsOnly;
  }

  String source() {
    return source;
  }

  /** The answer once the alerts are committed. */
  HttpStatus committed() {
    return committed;
  }

  /**
   * The answer that asks this sender to send the same request later: irflow's own choice (429 over
   * the backlog, 503 when the commit failed or came late), or 503 for a sender that would drop the
   * alerts on a 429.
   */
  HttpStatus retryLater(HttpStatus chosen) {
    return retriesServerErrorsOnly && !chosen.is5xxServerError() ? HttpStatus.SERVICE_UNAVAILABLE : chosen;
  }
}
