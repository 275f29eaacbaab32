package org.irflow.containment.signers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.irflow.process.SignerVariables.CHALLENGE_ID;
import static org.irflow.process.SignerVariables.CHALLENGE_MESSAGE;
import static org.irflow.process.SignerVariables.CHALLENGE_SIGNATURE;
import static org.irflow.process.SignerVariables.SIGNER_ADDRESS;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.irflow.containment.ChainAccess;
import org.irflow.containment.SafeTransaction;
import org.irflow.containment.SafeTransactionService;
import org.irflow.containment.chain.SafeTransactions;
import org.irflow.containment.chain.Web3jChainAccess;
import org.irflow.process.SignerVariables;
import org.irflow.security.Groups;
import org.irflow.support.ProcessTest;
import org.irflow.support.chain.LocalChain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * "Prove my signing address" with real keys, and the signer coverage of the local chain's 2-of-3 Safe
 * read on-chain against a roster of signers.
 */
@ExtendWith(LocalChain.class)
class SignerAddressProofProcessTest extends ProcessTest {

  static final String SAM = "sam";
  static final String TIA = "tia";

  @Autowired IdentityService identity;
  @Autowired SignerAddresses addresses;
  @Autowired SignerCoverage coverage;
  @Autowired ChainAccess chainAccess;
  @Autowired SafeTransactions safeTransactions;

  @DynamicPropertySource
  static void localChain(DynamicPropertyRegistry properties) {
    LocalChain.Deployment chain = LocalChain.deployment();
    properties.add("irflow.containment.chains[0].chain-id", chain::chainId);
    properties.add("irflow.containment.chains[0].name", () -> "Local hardhat");
    properties.add("irflow.containment.chains[0].rpc-urls[0]", chain::rpcUrl);
    properties.add("irflow.containment.chains[0].production", () -> false);
    properties.add("irflow.containment.contracts[0].name", () -> "LocalOwnableTarget");
    properties.add("irflow.containment.contracts[0].chain-id", chain::chainId);
    properties.add("irflow.containment.contracts[0].address", () -> chain.deployTargets().ownable());
    properties.add("irflow.containment.contracts[0].pause-style", () -> "OWNABLE");
    properties.add("irflow.containment.contracts[0].pausers[0]", () -> "safe:" + chain.safe());
  }

  @BeforeEach
  void signers() {
    for (String signer : List.of(SAM, TIA)) {
      if (identity.createUserQuery().userId(signer).count() == 0) {
        identity.saveUser(identity.newUser(signer));
        identity.createMembership(signer, Groups.SIGNERS);
      }
    }
  }

  @AfterEach
  void forget() {
    identity.clearAuthentication();
    jdbc.update("delete from signer_owner_address");
    jdbc.update("delete from roster_rotation where role = 'signers'");
    for (String signer : List.of(SAM, TIA)) {
      identity.deleteUser(signer);
    }
  }

  @Test
  void aChallengeSignedWithTheOwnerKeyProvesTheAddress() {
    Credentials owner = chain().owners().get(0);
    ProcessInstance proof = startProof(SAM, owner.getAddress());
    Task task = openTask(proof, "Task_SignChallenge");
    assertThat(task.getAssignee()).isEqualTo(SAM);
    String message = (String) runtime.getVariable(proof.getId(), CHALLENGE_MESSAGE);
    assertThat(message).contains(SAM, Keys.toChecksumAddress(owner.getAddress()), "Challenge: ", "Expires: ");

    submit(task, Map.of(CHALLENGE_SIGNATURE, personalSign(message, owner)));

    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(proof.getId())
        .activityId("EndEvent_AddressProven").count()).isEqualTo(1);
    Map<String, Object> row = jdbc.queryForMap("select * from signer_owner_address where user_id = ?", SAM);
    assertThat(row.get("ADDRESS")).isEqualTo(owner.getAddress().toLowerCase());
    assertThat(row.get("PROVEN")).isEqualTo(true);
    assertThat(row.get("HOW")).isEqualTo("SIGNED_CHALLENGE");

    // the same signature again: the challenge is used up
    String challengeId = (String) engine.getHistoryService().createHistoricVariableInstanceQuery()
        .processInstanceId(proof.getId()).variableName(CHALLENGE_ID).singleResult().getValue();
    assertThat(addresses.proofProblem(challengeId, personalSign(message, owner), "Signature"))
        .hasValueSatisfying(problem -> assertThat(problem).startsWith("Signature: this challenge was already used"));
    assertThatThrownBy(() -> addresses.prove(challengeId, personalSign(message, owner)))
        .hasMessageContaining("already used");
  }

  @Test
  void aSignatureOfAnotherKeyIsRefusedNamingTheFieldAndTheTaskStaysOpen() {
    Credentials owner = chain().owners().get(1);
    Credentials stranger = LocalChain.account(8);
    ProcessInstance proof = startProof(SAM, owner.getAddress());
    Task task = openTask(proof, "Task_SignChallenge");
    String message = (String) runtime.getVariable(proof.getId(), CHALLENGE_MESSAGE);

    assertThatThrownBy(() -> submit(task, Map.of(CHALLENGE_SIGNATURE, personalSign(message, stranger))))
        .hasMessageContaining("Signature: this signature was made by " + Keys.toChecksumAddress(stranger.getAddress())
            + ", not by " + Keys.toChecksumAddress(owner.getAddress())
            + "; sign the message above, exactly as shown, with the owner key of "
            + Keys.toChecksumAddress(owner.getAddress()));

    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from signer_owner_address", Integer.class)).isZero();
  }

  @Test
  void aSignatureOfATamperedMessageIsRefused() {
    Credentials owner = chain().owners().get(1);
    ProcessInstance proof = startProof(SAM, owner.getAddress());
    Task task = openTask(proof, "Task_SignChallenge");
    String message = (String) runtime.getVariable(proof.getId(), CHALLENGE_MESSAGE);
    String tampered = message.replace("Challenge: ", "Challenge: 00");

    assertThatThrownBy(() -> submit(task, Map.of(CHALLENGE_SIGNATURE, personalSign(tampered, owner))))
        .hasMessageContaining("Signature: this signature was made by 0x")
        .hasMessageContaining("not by " + Keys.toChecksumAddress(owner.getAddress()));
    assertThatThrownBy(() -> submit(task, Map.of(CHALLENGE_SIGNATURE, "0x1234")))
        .hasMessageContaining("Signature: paste the signature your wallet made");
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);
  }

  @Test
  void anExpiredChallengeIsRefusedAndTheProofEndsUnproven() {
    Credentials owner = chain().owners().get(0);
    ProcessInstance proof = startProof(SAM, owner.getAddress());
    Task task = openTask(proof, "Task_SignChallenge");
    String message = (String) runtime.getVariable(proof.getId(), CHALLENGE_MESSAGE);

    setClock(MONDAY_10_UTC.plus(SignerAddresses.CHALLENGE_VALIDITY).plusSeconds(1));
    assertThatThrownBy(() -> submit(task, Map.of(CHALLENGE_SIGNATURE, personalSign(message, owner))))
        .hasMessageContaining("Signature: this challenge expired at 2026-11-23T11:00:00Z");

    management.executeJob(management.createJobQuery().processInstanceId(proof.getId()).timers().singleResult().getId());
    assertThat(engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(proof.getId())
        .activityId("EndEvent_ChallengeExpired").count()).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from signer_owner_address", Integer.class)).isZero();
  }

  @Test
  void theStartFormRefusesAnAddressThatIsNone() {
    identity.setAuthentication(SAM, List.of(Groups.SIGNERS));
    assertThatThrownBy(() -> forms.submitStartForm(definitionId(), Map.of(SIGNER_ADDRESS, "0xabc")))
        .hasMessageContaining("Owner address: '0xabc' is not an address");
  }

  @Test
  void coverageCountsReachableOwnersHourByHourAgainstTheThresholdReadOnChain() {
    String safe = Keys.toChecksumAddress(chain().safe());
    addresses.enter(SAM, chain().owners().get(0).getAddress(), "admin");
    addresses.enter(TIA, chain().owners().get(1).getAddress(), "admin");

    // without a rotation for signers, every signer counts at every hour: 2 of 3 owners, threshold 2
    SignerCoverage.Coverage everybody = coverage.coverage(MONDAY_10_UTC, Duration.ofDays(7));
    assertThat(everybody.roster()).contains("no rotation for the role 'signers'");
    assertThat(everybody.safes()).singleElement().satisfies(covered -> {
      assertThat(covered.threshold()).isEqualTo(2);
      assertThat(covered.reachableOwnersByHour()).hasSize(168).containsOnly(2);
      assertThat(covered.gaps()).isEmpty();
      assertThat(covered.owners()).contains(new SignerCoverage.Owner(
          Keys.toChecksumAddress(chain().owners().get(1).getAddress()), List.of(TIA + " (unproven)")));
    });

    // sam around the clock; tia 09:00-18:00 in Tokyo, 00:00-09:00 UTC
    rotation("signers-always", "UTC", "00:00", "00:00", SAM);
    rotation("signers-tokyo", "Asia/Tokyo", "09:00", "18:00", TIA);

    List<CoverageGap> gaps = coverage.gaps(MONDAY_10_UTC, Duration.ofDays(7));

    assertThat(gaps).first().extracting(CoverageGap::text).isEqualTo("Safe " + safe
        + " (chain 31337) Mon 10:00–24:00 UTC: 1 of 3 owners reachable (" + SAM + " (unproven)), threshold 2");
    assertThat(gaps.get(1).text()).isEqualTo("Safe " + safe
        + " (chain 31337) Tue 09:00–24:00 UTC: 1 of 3 owners reachable (" + SAM + " (unproven)), threshold 2");
    // from Tuesday on, 09:00-24:00 every day, and the next Monday 09:00 until the horizon ends at 10:00
    assertThat(gaps).hasSize(8);
    assertThat(gaps.get(7).text()).contains("Mon 09:00–10:00 UTC");
    assertThat(coverage.coverage(MONDAY_10_UTC, Duration.ofDays(7)).safes().get(0).reachableOwnersByHour().get(14))
        .as("Tue 00:00 UTC: sam and tia").isEqualTo(2);
  }

  @Test
  void aThresholdRaisedOnChainAboveTheReachableOwnersLeavesEveryHourBelow() {
    addresses.enter(SAM, chain().owners().get(0).getAddress(), "admin");
    addresses.enter(TIA, chain().owners().get(1).getAddress(), "admin");
    changeThreshold(3);
    try {
      List<CoverageGap> gaps = coverage.gaps(MONDAY_10_UTC, Duration.ofDays(7));

      assertThat(gaps).singleElement().satisfies(gap -> {
        assertThat(gap.from()).isEqualTo(MONDAY_10_UTC);
        assertThat(gap.to()).isEqualTo(MONDAY_10_UTC.plus(Duration.ofDays(7)));
        assertThat(gap.threshold()).isEqualTo(3);
        assertThat(gap.text()).endsWith("Mon 23 Nov 10:00–Mon 30 Nov 10:00 UTC: 2 of 3 owners reachable ("
            + SAM + " (unproven), " + TIA + " (unproven)), threshold 3");
      });
    } finally {
      changeThreshold(2);
    }
    assertThat(coverage.gaps(MONDAY_10_UTC, Duration.ofDays(7))).isEmpty();
  }

  private ProcessInstance startProof(String signer, String address) {
    identity.setAuthentication(signer, List.of(Groups.SIGNERS));
    try {
      return forms.submitStartForm(definitionId(), Map.of(SIGNER_ADDRESS, address));
    } finally {
      identity.clearAuthentication();
    }
  }

  private String definitionId() {
    return engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(SignerVariables.SIGNER_ADDRESS_PROOF_PROCESS).latestVersion().singleResult().getId();
  }

  /** What a wallet's "Sign message" (EIP-191 personal_sign) gives: r||s||v, hex. */
  private static String personalSign(String message, Credentials key) {
    Sign.SignatureData signature = Sign.signPrefixedMessage(message.getBytes(StandardCharsets.UTF_8), key.getEcKeyPair());
    byte[] bytes = new byte[65];
    System.arraycopy(signature.getR(), 0, bytes, 0, 32);
    System.arraycopy(signature.getS(), 0, bytes, 32, 32);
    bytes[64] = signature.getV()[0];
    return Numeric.toHexString(bytes);
  }

  private void rotation(String name, String zone, String start, String end, String member) {
    jdbc.update("""
        insert into roster_rotation (name, role, time_zone, shift_start, shift_end, rotation_start,
                                     rotation_length_days, sort_order)
        values (?, 'signers', ?, ?, ?, date '2026-01-05', 7, 100)""", name, zone,
        java.time.LocalTime.parse(start), java.time.LocalTime.parse(end));
    jdbc.update("insert into roster_member (rotation_name, position, user_id) values (?, 0, ?)", name, member);
  }

  /** changeThreshold through the Safe itself, signed by as many owners as it needs now. */
  private void changeThreshold(int threshold) {
    ChainAccess.SafeState state = chainAccess.safeState(chain().chainId(), chain().safe());
    String data = FunctionEncoder.encode(new Function("changeThreshold", List.of(new Uint256(threshold)), List.of()));
    SafeTransaction transaction = SafeTransaction.of(chain().safe(), data, 0, state.nonce());
    String hash = safeTransactions.hash(chain().chainId(), chain().safe(), transaction);
    List<SafeTransactionService.Confirmation> signatures = new ArrayList<>();
    for (Credentials owner : chain().owners()) {
      if (state.owners().contains(owner.getAddress().toLowerCase()) && signatures.size() < state.threshold()) {
        signatures.add(new SafeTransactionService.Confirmation(owner.getAddress(),
            SafeTransactions.sign(hash, LocalChain.keyHex(owner))));
      }
    }
    LocalChain.sendAs(LocalChain.deployer(), chain().safe(),
        Web3jChainAccess.execTransactionData(transaction, SafeTransactions.joinSignatures(signatures)));
    assertThat(chainAccess.safeState(chain().chainId(), chain().safe()).threshold()).isEqualTo(threshold);
  }

  private static LocalChain.Deployment chain() {
    return LocalChain.deployment();
  }
}
