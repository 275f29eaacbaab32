package org.irflow.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * irflow.security.*
 *
 * @param demoUsers create one demo user per role (password "demo"): a first run only, never production
 */
@ConfigurationProperties("irflow.security")
public record SecurityProperties(@DefaultValue("false") boolean demoUsers) {}
