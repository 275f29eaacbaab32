package org.irflow.api;

import java.nio.charset.StandardCharsets;
import org.irflow.incident.AuditVerifier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail: the chain's verification, and each incident's audit record as JSON or Markdown. */
@RestController
public class AuditController {

  static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

  private final AuditVerifier verifier;
  private final AuditExports exports;
  private final CurrentUser currentUser;

  public AuditController(AuditVerifier verifier, AuditExports exports, CurrentUser currentUser) {
    this.verifier = verifier;
    this.exports = exports;
    this.currentUser = currentUser;
  }

  /** Recomputes the whole chain: {valid, checked, sealedUpTo, unsealed, firstBreak}. */
  @GetMapping("/api/audit/verify")
  public AuditVerifier.Result verify() {
    currentUser.requireProgrammeMember();
    return verifier.verify();
  }

  @GetMapping("/api/incidents/{incidentId}/audit.json")
  public AuditExports.Export json(@PathVariable String incidentId) {
    currentUser.requireProgrammeMember();
    return exports.of(incidentId);
  }

  /** No produces= here: a 404 must still be answered as the API's JSON error. */
  @GetMapping("/api/incidents/{incidentId}/audit.md")
  public ResponseEntity<String> markdown(@PathVariable String incidentId) {
    currentUser.requireProgrammeMember();
    return ResponseEntity.ok().contentType(MARKDOWN).body(AuditExports.markdown(exports.of(incidentId)));
  }
}
