package org.irflow.process;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Which database irflow runs on: PostgreSQL (production) or H2 (the default); asked once. */
@Component
public class DatabaseProduct {

  private final JdbcTemplate jdbc;
  private volatile Boolean postgres;

  public DatabaseProduct(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** PostgreSQL, where the statements of H2 (upserts, statistics) differ. */
  public boolean postgres() {
    Boolean known = postgres;
    if (known == null) {
      known = "PostgreSQL".equals(jdbc.execute(
          (ConnectionCallback<String>) connection -> connection.getMetaData().getDatabaseProductName()));
      postgres = known;
    }
    return known;
  }
}
