package org.irflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.irflow.support.RestClient;
import org.irflow.support.RestClient.Response;
import org.irflow.support.RunningApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An operator enters and removes a signer's owner address over /api/signers; nobody else may. */
class SignerApiTest extends RunningApplicationTest {

  static final String ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

  RestClient rest;

  @BeforeEach
  void client() {
    rest = new RestClient(baseUrl());
  }

  @Test
  void anOperatorEntersAnUnprovenAddressAndRemovesIt() {
    Response entered = rest.post("admin", "/api/signers/erin/owner-addresses", Map.of("address", ADDRESS.toLowerCase()));

    assertThat(entered.status()).as(entered.text()).isEqualTo(201);
    assertThat(entered.body().path("address").asText()).isEqualTo(ADDRESS);
    assertThat(entered.body().path("proven").asBoolean()).isFalse();
    assertThat(entered.body().path("how").asText()).isEqualTo("ENTERED_BY_OPERATOR");
    assertThat(entered.body().path("recordedBy").asText()).isEqualTo("admin");

    Response listed = rest.get("dave", "/api/signers");
    assertThat(listed.status()).as(listed.text()).isEqualTo(200);
    assertThat(listed.text()).contains("\"userId\":\"erin\"", ADDRESS, "\"proven\":false");

    Response removed = rest.delete("admin", "/api/signers/erin/owner-addresses/" + ADDRESS);
    assertThat(removed.status()).as(removed.text()).isEqualTo(204);
    assertThat(rest.get("dave", "/api/signers").text()).doesNotContain(ADDRESS);
    assertThat(rest.delete("admin", "/api/signers/erin/owner-addresses/" + ADDRESS).status()).isEqualTo(404);
  }

  @Test
  void aSignerOrAnyoneElseWhoIsNoOperatorIsRefused() {
    for (String user : new String[] {"erin", "alice"}) {
      Response refused = rest.post(user, "/api/signers/erin/owner-addresses", Map.of("address", ADDRESS));
      assertThat(refused.status()).as(user + ": " + refused.text()).isEqualTo(403);
      assertThat(refused.body().path("detail").asText()).contains("only an operator");
    }
    assertThat(rest.get("admin", "/api/signers").text()).doesNotContain(ADDRESS);
  }

  @Test
  void badInputGetsAProblemNamingTheField() {
    Response notAnAddress = rest.post("admin", "/api/signers/erin/owner-addresses", Map.of("address", "0x12"));
    assertThat(notAnAddress.status()).as(notAnAddress.text()).isEqualTo(400);
    assertThat(notAnAddress.body().path("field").asText()).isEqualTo("address");
    assertThat(notAnAddress.body().path("detail").asText()).contains("'0x12' is not an address");

    Response missing = rest.post("admin", "/api/signers/erin/owner-addresses", Map.of());
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().path("field").asText()).isEqualTo("address");

    Response noSigner = rest.post("admin", "/api/signers/dave/owner-addresses", Map.of("address", ADDRESS));
    assertThat(noSigner.status()).as(noSigner.text()).isEqualTo(400);
    assertThat(noSigner.body().path("field").asText()).isEqualTo("userId");
    assertThat(noSigner.body().path("detail").asText()).contains("'dave' is not a member of the group signers");
  }
}
