package org.irflow.incident;

import java.io.PrintStream;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Command-line check of the audit chain, without the application: connects to the database, recomputes
 * every hash with {@link AuditVerifier} and exits 0 when the chain is intact, 1 naming the first broken
 * row, 2 on bad usage or when the database cannot be read.
 *
 * <pre>
 * java -cp target/irflow-*.jar -Dloader.main=org.irflow.incident.AuditCheck \
 *     org.springframework.boot.loader.launch.PropertiesLauncher JDBC_URL [USER [PASSWORD]]
 * </pre>
 *
 * Without arguments it reads SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD.
 * It only reads; it never seals.
 */
public final class AuditCheck {

  private AuditCheck() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** The check itself: answers the exit code. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String url = args.length > 0 ? args[0] : env.get("SPRING_DATASOURCE_URL");
    String user = args.length > 1 ? args[1] : env.getOrDefault("SPRING_DATASOURCE_USERNAME", "");
    String password = args.length > 2 ? args[2] : env.getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
    if (url == null || url.isBlank() || args.length > 3) {
      err.println("usage: AuditCheck JDBC_URL [USER [PASSWORD]]  (or set SPRING_DATASOURCE_URL,"
          + " SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD)");
      return 2;
    }
    SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, user, password, true);
    try {
      AuditVerifier.Result result = new AuditVerifier(new JdbcTemplate(dataSource)).verify();
      if (result.valid()) {
        out.println("audit chain valid: " + result.checked() + " entries checked, sealed up to seal_seq "
            + result.sealedUpTo() + ", " + result.unsealed() + " not sealed yet");
        return 0;
      }
      AuditVerifier.Break broken = result.firstBreak();
      out.println("audit chain BROKEN at timeline_entry " + (broken.timelineEntryId() == null ? "(end of chain)"
          : "id " + broken.timelineEntryId()) + ", seal_seq " + broken.sealSeq() + ": " + broken.type() + ": "
          + broken.reason() + " (" + result.checked() + " entries checked before it)");
      return 1;
    } catch (RuntimeException e) {
      err.println("audit check failed: " + e.getMessage());
      return 2;
    } finally {
      dataSource.destroy();
    }
  }
}
