package org.irflow.containment.readiness;

import static java.time.ZoneOffset.UTC;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.irflow.containment.ContractRegistry;
import org.irflow.containment.ContractRegistry.RegisteredContract;
import org.irflow.process.forms.FormTextSource;
import org.springframework.stereotype.Component;

/**
 * The latest pause readiness of each registered contract, one line per contract, as "Pause contracts"
 * shows it when the task is created: "Bridge: the relayer local-pauser broken: … ; the Safe 0x… ready
 * (checked Mon 23 Nov 06:00 UTC)". It reads the same results as GET /api/pause-readiness.
 */
@Component
public class PauseReadinessLines implements FormTextSource {

  public static final String NAME = "pause-readiness";

  static final DateTimeFormatter CHECKED_AT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH)
      .withZone(UTC);

  private final ContractRegistry registry;
  private final PauseReadiness readiness;

  public PauseReadinessLines(ContractRegistry registry, PauseReadiness readiness) {
    this.registry = registry;
    this.readiness = readiness;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String text(VariableScope task) {
    List<PausePathResult> latest = readiness.latest();
    List<String> lines = new ArrayList<>();
    for (RegisteredContract contract : registry.contracts()) {
      lines.add(line(contract.name(),
          latest.stream().filter(result -> result.contract().equals(contract.name())).toList()));
    }
    return lines.isEmpty() ? "No contract is registered." : String.join("\n", lines);
  }

  /** One contract's paths in words; the time once at the end when one check found them all. */
  static String line(String contract, List<PausePathResult> paths) {
    if (paths.isEmpty()) {
      return contract + ": not checked yet (the daily check has not run since it was registered; an incident"
          + " commander can start one in Cockpit, \"Pause readiness\")";
    }
    boolean oneCheck = paths.stream().map(PausePathResult::checkedAt).distinct().count() == 1;
    List<String> parts = new ArrayList<>();
    for (PausePathResult path : paths) {
      String part = path.status() == PausePathResult.Status.MANUAL
          ? path.reasonInWords() : path.pathInWords() + " " + path.reasonInWords();
      parts.add(oneCheck ? part : part + checked(path.checkedAt()));
    }
    return contract + ": " + String.join("; ", parts) + (oneCheck ? checked(paths.get(0).checkedAt()) : "");
  }

  private static String checked(Instant at) {
    return " (checked " + CHECKED_AT.format(at) + ")";
  }
}
