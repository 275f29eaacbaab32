package org.irflow.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A real PostgreSQL server (binaries from Maven Central) for the tests of the running application.
 * A bean with destroyMethod close, so that the server stops with the context and the JVM exits at once.
 */
@TestConfiguration(proxyBeanMethods = false)
public class EmbeddedPostgresConfig {

  @Bean(destroyMethod = "close")
  public EmbeddedPostgres embeddedPostgres() throws IOException {
    return EmbeddedPostgres.builder().start();
  }

  @Bean
  @Primary
  public DataSource dataSource(EmbeddedPostgres postgres) {
    return DataSourceBuilder.create()
        .url(postgres.getJdbcUrl("postgres", "postgres"))
        .username("postgres")
        .password("postgres")
        .build();
  }
}
