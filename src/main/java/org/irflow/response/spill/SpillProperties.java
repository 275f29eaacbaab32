package org.irflow.response.spill;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * irflow.spills.*
 *
 * @param systemOwners system name → the e-mail address of its owner, who is notified of a spill on it
 *     (IR-9); the entry {@code default} is notified when no named system matches. A name matches when its
 *     words appear in the spill's affected systems, ignoring case and punctuation: {@code support-drive}
 *     matches "Support drive, CRM". Names with spaces or capitals need brackets in YAML
 *     ({@code "[Support Drive]": ...}), or Spring drops those characters.
 */
@ConfigurationProperties("irflow.spills")
public record SpillProperties(Map<String, String> systemOwners) {

  public static final String DEFAULT_OWNER = "default";

  public SpillProperties {
    Map<String, String> owners = new LinkedHashMap<>();
    if (systemOwners != null) {
      systemOwners.forEach((system, address) -> {
        if (address != null && !address.isBlank()) {
          owners.put(system, address.trim());
        }
      });
    }
    systemOwners = Collections.unmodifiableMap(owners);
  }

  /**
   * The owners of the systems named in the text, in configuration order without repeats; the default
   * owner when none matches; empty when not even a default is configured.
   */
  public List<String> ownersFor(String systems) {
    String text = " " + words(systems) + " ";
    Set<String> owners = new LinkedHashSet<>();
    systemOwners.forEach((system, address) -> {
      String name = words(system);
      if (!DEFAULT_OWNER.equals(system) && !name.isEmpty() && text.contains(" " + name + " ")) {
        owners.add(address);
      }
    });
    if (owners.isEmpty() && systemOwners.containsKey(DEFAULT_OWNER)) {
      owners.add(systemOwners.get(DEFAULT_OWNER));
    }
    return List.copyOf(owners);
  }

  /** Lower case, every run of other characters than letters and digits one space. */
  static String words(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
  }
}
