package org.irflow.process;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL: statistics on the permission bits of the engine's authorization table, so that the
 * planner sees how many rows a task query's authorization check keeps. Without them it guesses a
 * handful (an expression like {@code perms_ & 2 = 2} gets a fixed guess) and joins every task with
 * every authorization row, which at 1,000 open tasks took seconds per Tasklist query; with them it
 * looks each task's authorizations up by index (docs/performance.md, ADR 0005). H2 has no such
 * statistics and needs none at its sizes.
 */
@Component
public class AuthorizationStatistics implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(AuthorizationStatistics.class);

  /** The bits the engine's task queries test: READ on a task (2), READ_TASK on a process definition (64). */
  static final String[] STATEMENTS = {
      "create statistics if not exists irflow_auth_perms_read on (perms_ & 2) from act_ru_authorization",
      "create statistics if not exists irflow_auth_perms_read_task on (perms_ & 64) from act_ru_authorization",
      "analyze act_ru_authorization"};

  private final JdbcTemplate jdbc;
  private final DatabaseProduct database;

  public AuthorizationStatistics(JdbcTemplate jdbc, DatabaseProduct database) {
    this.jdbc = jdbc;
    this.database = database;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!database.postgres()) {
      return;
    }
    try {
      for (String statement : STATEMENTS) {
        jdbc.execute(statement);
      }
    } catch (RuntimeException failure) {
      // a tuning, not a condition of running: e.g. a database user without the right to create statistics
      LOG.warn("statistics on act_ru_authorization not created ({}): Tasklist queries may be slow with many "
          + "open tasks", failure.getMessage());
    }
  }
}
