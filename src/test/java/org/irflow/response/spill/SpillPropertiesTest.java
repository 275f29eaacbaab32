package org.irflow.response.spill;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matching a spill's affected systems to their owners (irflow.spills.system-owners). */
class SpillPropertiesTest {

  static SpillProperties owners() {
    Map<String, String> owners = new LinkedHashMap<>();
    owners.put("default", "office@x.example");
    owners.put("support-drive", "support@x.example");
    owners.put("CRM", "crm@x.example");
    owners.put("Web site", "web@x.example");
    return new SpillProperties(owners);
  }

  @Test
  void namedSystemsMatchAsWholeWordsIgnoringCaseAndPunctuation() {
    assertThat(owners().ownersFor("Support drive; crm")).containsExactly("support@x.example", "crm@x.example");
    assertThat(owners().ownersFor("the web-site and the CRM, again the crm")).containsExactly("crm@x.example", "web@x.example");
  }

  @Test
  void theDefaultOwnerIsToldWhenNothingMatches() {
    assertThat(owners().ownersFor("crmx, support")).containsExactly("office@x.example");
    assertThat(owners().ownersFor(null)).containsExactly("office@x.example");
  }

  @Test
  void withoutADefaultNobodyIsFoundAndEmptyConfigurationIsAllowed() {
    assertThat(new SpillProperties(Map.of("crm", "crm@x.example")).ownersFor("mailbox")).isEmpty();
    assertThat(new SpillProperties(null).ownersFor("crm")).isEmpty();
  }
}
