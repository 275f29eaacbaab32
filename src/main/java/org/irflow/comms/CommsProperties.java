package org.irflow.comms;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What all communications share (irflow.comms.*); each vendor's own settings sit beside it
 * (irflow.comms.slack, .paging, .public-channels, .mail, .contacts).
 *
 * @param drillChannel the chat channel id where a drill's public updates and customer notices go
 *     instead (none: they are only recorded)
 * @param customerContacts e-mail addresses notified when customers are affected (IR-7)
 * @param publicChannels the public channels an approved public update goes to, of DISCORD, STATUSPAGE,
 *     WEBSITE (those without an adapter configured are skipped and recorded so)
 * @param irflowUrl where people open irflow (https://irflow.example.org), so that links in messages
 *     (an incident's page) can be followed from a mail; none: links are paths on irflow's site
 */
@ConfigurationProperties("irflow.comms")
public record CommsProperties(String drillChannel, List<String> customerContacts,
    List<OutboundMessage.Channel> publicChannels, URI irflowUrl) {

  /** A path of irflow's site ({@code /incident.html?id=...}) as a link a message can carry. */
  public String link(String path) {
    return irflowUrl == null ? path : irflowUrl.toString().replaceAll("/+$", "") + path;
  }

  public CommsProperties {
    customerContacts = customerContacts == null ? List.of() : List.copyOf(customerContacts);
    publicChannels = publicChannels == null
        ? List.of(OutboundMessage.Channel.DISCORD, OutboundMessage.Channel.STATUSPAGE, OutboundMessage.Channel.WEBSITE)
        : List.copyOf(publicChannels);
    drillChannel = drillChannel == null || drillChannel.isBlank() ? null : drillChannel;
    irflowUrl = irflowUrl == null || irflowUrl.toString().isBlank() ? null : irflowUrl;
  }
}
