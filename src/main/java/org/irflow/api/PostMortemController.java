package org.irflow.api;

import java.nio.charset.StandardCharsets;
import org.irflow.postmortem.PostMortemService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The post-mortem document of an incident, as Markdown. */
@RestController
public class PostMortemController {

  static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

  private final PostMortemService postMortems;
  private final CurrentUser currentUser;

  public PostMortemController(PostMortemService postMortems, CurrentUser currentUser) {
    this.postMortems = postMortems;
    this.currentUser = currentUser;
  }

  /** 404 when the incident does not exist or has no post-mortem. */
  @GetMapping("/api/incidents/{incidentId}/post-mortem")
  public ResponseEntity<String> postMortem(@PathVariable String incidentId) {
    currentUser.requireProgrammeMember();
    String markdown = postMortems.document(incidentId);
    return ResponseEntity.ok()
        .contentType(MARKDOWN)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
            .filename(incidentId + "-post-mortem.md").build().toString())
        .body(markdown);
  }
}
