package org.irflow.triage.intake;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which monitor raised an alert: the Forta bot ({@code forta:<bot id>}), the OpenZeppelin Monitor
 * monitor ({@code openzeppelin-monitor:<monitor name>}), the Alertmanager alert rule
 * ({@code alertmanager:<alertname>}) or the generic sender's own name ({@code generic:<source>}). The
 * intake settles it once, when it normalises the alert, and stores the name beside the source; the
 * automatic-pause policy reads it as the monitor's identity and correlation builds its monitor rule
 * from it ({@link #rule}).
 *
 * <p>Two alerts with different emitters come from independent monitors; the same names are what an
 * operator lists as trusted. An alert that does not say which monitor raised it (OpenZeppelin
 * Monitor's template mode, a Forta alert without a bot) comes from the source's anonymous emitter,
 * which no operator can list as trusted.
 *
 * @param source the monitoring source (forta, openzeppelin-monitor, alertmanager, generic)
 * @param name the bot id, monitor name, alert rule or sender, trimmed (a Forta bot id, a hash, in lower
 *     case: written in any case it is the same bot); null when the alert does not say
 */
public record AlertEmitter(String source, String name) {

  public static final List<String> SOURCES = List.of(FortaAdapter.SOURCE, OpenZeppelinMonitorAdapter.SOURCE,
      AlertmanagerAdapter.SOURCE, GenericAdapter.SOURCE);

  public AlertEmitter {
    name = name == null || name.isBlank() ? null : name.trim();
    if (name != null && FortaAdapter.SOURCE.equals(source)) {
      name = name.toLowerCase(Locale.ROOT);
    }
  }

  /** The emitter as compared and configured, e.g. {@code forta:0xabc...}; the source alone when anonymous. */
  public String key() {
    return name == null ? source : source + ":" + name;
  }

  /**
   * The monitor rule that raised an alert, as correlation keys it: the monitor followed by the detector
   * within it that fired, when the alert names one (a Forta bot's alert id, a generic sender's rule). An
   * OpenZeppelin Monitor monitor and an Alertmanager alert rule are each a rule of their own. Null when
   * the alert names no rule: a generic sender that names none, an OpenZeppelin Monitor alert in
   * template mode.
   */
  String rule(String detector) {
    if (detector != null && !detector.isBlank()) {
      return name == null ? detector.trim() : name + "/" + detector.trim();
    }
    boolean monitorIsTheRule = OpenZeppelinMonitorAdapter.SOURCE.equals(source)
        || AlertmanagerAdapter.SOURCE.equals(source);
    return monitorIsTheRule ? name : null;
  }

  /**
   * A configured emitter in the form {@code <source>:<name>}, as {@link #key} spells it; empty when the
   * text is not one (an unknown source, no name).
   */
  public static Optional<AlertEmitter> parseConfigured(String configured) {
    if (configured == null) {
      return Optional.empty();
    }
    int colon = configured.indexOf(':');
    if (colon <= 0 || colon == configured.length() - 1) {
      return Optional.empty();
    }
    String source = configured.substring(0, colon).trim();
    AlertEmitter emitter = new AlertEmitter(source, configured.substring(colon + 1));
    return SOURCES.contains(source) && emitter.name() != null ? Optional.of(emitter) : Optional.empty();
  }

  /** For people to read: "forta bot 0xabc…", "openzeppelin-monitor 'Vault drain'". */
  public String describe() {
    if (name == null) {
      return source + " (monitor not named in the alert)";
    }
    return switch (source) {
      case FortaAdapter.SOURCE -> "forta bot " + name;
      case AlertmanagerAdapter.SOURCE -> "alertmanager rule '" + name + "'";
      default -> source + " '" + name + "'";
    };
  }
}
