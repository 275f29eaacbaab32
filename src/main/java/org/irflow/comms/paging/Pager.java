package org.irflow.comms.paging;

import org.irflow.comms.OutboundMessage;

/** One paging vendor. */
interface Pager {

  /** Its name in references and messages ("pagerduty", "opsgenie"). */
  String name();

  boolean configured();

  /**
   * Raises the page; answers the vendor's reference.
   *
   * @param dedupKey the same for every attempt of the same message: a retried page joins the open alert
   */
  String page(OutboundMessage message, String dedupKey);
}
