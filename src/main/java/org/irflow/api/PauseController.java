package org.irflow.api;

import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.irflow.api.ApiExceptionHandler.BadRequest;
import org.irflow.containment.pause.PauseBatch;
import org.irflow.containment.pause.PauseBatches;
import org.irflow.containment.pause.PauseStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Pause batches of an incident and their state; the Safe Transaction Builder file of a manual pause. */
@RestController
@RequestMapping("/api/pauses")
public class PauseController {

  private final PauseBatches batches;
  private final CurrentUser currentUser;

  public PauseController(PauseBatches batches, CurrentUser currentUser) {
    this.batches = batches;
    this.currentUser = currentUser;
  }

  /**
   * One pause batch as the API shows it (no call data beyond what the chain shows anyway).
   * statusDetail says in words where it stands ("RETRYING: ...", "STALLED: ...", "paused (not by this
   * transaction)"); failedAttempts counts the current step's failed attempts since its last success.
   */
  public record PauseView(long id, String incidentId, long chainId, List<String> contracts,
      List<String> addresses, String pauser, List<String> pausers, String path, PauseStatus status,
      boolean automatic, boolean drill, String requestedBy, Instant requestedAt, String safe, Long safeNonce,
      String safeTxHash, String relayerTransactionId, String transactionHash, Long blockNumber,
      Instant blockTime, Instant verifiedAt, String revertReason, String failure, String processInstanceId,
      String transactionBuilderUrl, String statusDetail, int failedAttempts, List<String> supersededSafeTxHashes,
      Long splitFrom) {

    static PauseView of(PauseBatch b, boolean hasBuilderFile) {
      return new PauseView(b.id(), b.incidentId(), b.chainId(), b.contractNames(), b.contractAddresses(),
          b.pauser(), b.pausers(), b.pausePath(), b.status(), b.automatic(), b.drill(), b.requestedBy(),
          b.requestedAt(), b.safeAddress(), b.safeNonce(), b.safeTxHash(), b.relayerTxId(), b.txHash(),
          b.blockNumber(), b.blockTime(), b.verifiedAt(), b.revertReason(), b.failure(), b.processInstanceId(),
          hasBuilderFile ? "/api/pauses/" + b.id() + "/transaction-builder.json" : null, b.statusDetail(),
          b.failedAttempts(), b.supersededSafeTxHashes() == null ? List.of()
              : List.of(b.supersededSafeTxHashes().split(" ")), b.splitFrom());
    }
  }

  @GetMapping
  public List<PauseView> list(@RequestParam(required = false) String incidentId) {
    currentUser.requireProgrammeMember();
    if (incidentId == null || incidentId.isBlank()) {
      throw new BadRequest("incidentId", "incidentId is required, e.g. INC-2026-0001");
    }
    return batches.ofIncident(incidentId).stream()
        .map(b -> PauseView.of(b, "MANUAL".equals(b.pausePath()))).toList();
  }

  @GetMapping("/{id}")
  public PauseView get(@PathVariable long id) {
    currentUser.requireProgrammeMember();
    PauseBatch batch = batches.find(id).orElseThrow(() -> new NoSuchElementException("no pause " + id));
    return PauseView.of(batch, "MANUAL".equals(batch.pausePath()));
  }

  /** The Safe Transaction Builder batch file: load it in Safe{Wallet}, Apps, Transaction Builder. */
  @GetMapping(value = "/{id}/transaction-builder.json", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> transactionBuilder(@PathVariable long id) {
    currentUser.requireProgrammeMember();
    batches.find(id).orElseThrow(() -> new NoSuchElementException("no pause " + id));
    String file = batches.transactionBuilderFile(id)
        .orElseThrow(() -> new NoSuchElementException("pause " + id + " has no Transaction Builder file (not on the manual path)"));
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"pause-" + id + "-transaction-builder.json\"")
        .contentType(MediaType.APPLICATION_JSON).body(file);
  }
}
