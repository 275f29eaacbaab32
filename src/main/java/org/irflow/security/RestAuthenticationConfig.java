package org.irflow.security;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * HTTP Basic authentication against Camunda's identity service for the engine REST API and irflow's
 * own API. Without it /engine-rest is open to anyone. The authenticated user is set on the engine,
 * so Camunda's authorizations apply to every call. irflow's API also takes the user logged into the
 * Camunda webapps, for changes only with the session's CSRF token ({@link
 * WebappSessionOrBasicAuthenticationProvider}, {@link ApiAuthenticationFilter}), which is how the Cockpit
 * plugin "Incidents" reads it and regroups events and incidents; the OpenAPI document, Swagger UI and the
 * on-call page are behind the same filter. /engine-rest stays Basic only. The actuator's scrape
 * endpoint has its own filter ({@link ActuatorAuthenticationFilter}).
 */
@Configuration
public class RestAuthenticationConfig {

  /**
   * What irflow serves to its users beside /api, under the same authentication: the OpenAPI document
   * of /api and Swagger UI (springdoc, paths set in application.yaml) and the page "Who is on call".
   * The webhooks' document (/openapi/webhooks.yaml) describes the public webhooks and stays public.
   */
  static final String[] PAGES_FOR_USERS = {
      "/openapi/api", "/openapi/api/*", "/openapi/api.yaml", "/openapi/ui.html", "/openapi/swagger-ui/*", "/on-call.html"};

  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> restAuthenticationFilter() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("irflow-rest-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/engine-rest/*");
    return registration;
  }

  @Bean
  public FilterRegistrationBean<ApiAuthenticationFilter> apiAuthenticationFilter() {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter());
    registration.setName("irflow-api-authentication");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        WebappSessionOrBasicAuthenticationProvider.class.getName());
    registration.addUrlPatterns("/api/*");
    registration.addUrlPatterns(PAGES_FOR_USERS);
    return registration;
  }

  /** /actuator/* but health: Basic authentication and a programme, operator or metrics-scraper group. */
  @Bean
  public FilterRegistrationBean<ActuatorAuthenticationFilter> actuatorAuthenticationFilter(
      @Lazy IdentityService identity) {
    FilterRegistrationBean<ActuatorAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ActuatorAuthenticationFilter(identity));
    registration.setName("irflow-actuator-authentication");
    registration.addUrlPatterns("/actuator/*");
    return registration;
  }
}
