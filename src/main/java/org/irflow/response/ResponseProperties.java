package org.irflow.response;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.response.*
 *
 * @param defaultTimeZone zone of the end-of-business-day hand-off for a supervisor in no rotation
 */
@ConfigurationProperties("irflow.response")
public record ResponseProperties(@DefaultValue("UTC") ZoneId defaultTimeZone) {}
