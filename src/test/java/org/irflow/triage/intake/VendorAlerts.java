package org.irflow.triage.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.UUID;

/**
 * Alerts as the vendors send them, read by irflow's own adapters: for tests that feed the event intake
 * directly, without the webhook's HTTP and signature (tested in WebhookIntakeTest).
 */
public final class VendorAlerts {

  private static final ObjectMapper JSON = new ObjectMapper();

  private VendorAlerts() {}

  /** The chain the tests' registry protects its contracts on (the local hardhat chain). */
  private static final long CHAIN_ID = 31337;

  /**
   * One alert of a Forta webhook batch, as forta-node posts it, from the given bot, on one address of
   * the local chain (the block's chain id decides which registered contract the address is).
   */
  public static NormalisedAlert forta(String botId, String severity, String findingType, String address) {
    return forta(botId, severity, findingType, address, CHAIN_ID);
  }

  /** As {@link #forta(String, String, String, String)}, on the given chain. */
  public static NormalisedAlert forta(String botId, String severity, String findingType, String address,
      long chainId) {
    return FortaAdapter.alerts(received("""
        {"alerts": [{"hash": "0x%s", "createdAt": "2026-11-23T10:00:00Z", "alertId": "DRAIN-%s", "name": "Funds drained",
         "protocol": "irflow-test", "description": "Large outflow from %s", "findingType": "%s", "severity": "%s",
         "metadata": {}, "addresses": ["%s"],
         "source": {"transactionHash": "0x%s", "bot": {"id": "%s"},
                    "block": {"number": 19000000, "hash": "0xb10c", "timestamp": "2026-11-23T10:00:00Z", "chainId": %d}}}]}
        """.formatted(unique(), unique(), address, findingType, severity, address, unique(), botId, chainId))).get(0);
  }

  /** OpenZeppelin Monitor's raw-mode webhook body: the named monitor matched a transaction on the contract. */
  public static NormalisedAlert monitor(String monitorName, String address) {
    return OpenZeppelinMonitorAdapter.alert(received("""
        {"EVM": {"monitor": {"name": "%s", "networks": ["ethereum_mainnet"], "paused": false,
                             "addresses": [{"address": "%s", "contract_spec": null}]},
                 "transaction": {"hash": "0x%s", "from": "0x00000000000000000000000000000000000000aa", "to": "%s"},
                 "receipt": {}, "logs": [], "network_slug": "ethereum_mainnet",
                 "matched_on": {"functions": [{"signature": "withdraw(uint256)", "expression": "amount > 1000000"}],
                                "events": [], "transactions": []},
                 "matched_on_args": null}}
        """.formatted(monitorName, address, unique(), address)));
  }

  private static String unique() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  /** The body as the webhook receives it: its text and its parsed tree. */
  private static ReceivedJson received(String json) {
    try {
      return new ReceivedJson(json, JSON.readTree(json));
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
