package org.irflow.incidentpage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.irflow.incident.TimelineEntry;
import org.irflow.process.forms.FormField;
import org.irflow.process.forms.FormSchemas;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * A timeline entry as a sentence a person reads. Most entries are written as sentences already; a task
 * completion and a decision are stored for machines (the entered values and the decision's outputs as
 * JSON), and are told here in words, the entered values with the labels of the task's own form: "alice completed “Take command”: War
 * room channel #inc-bridge; Backup channel signal:inc-bridge."
 */
@Component
public class TimelineSentences {

  /** The longest value quoted in a sentence; longer ones end with an ellipsis. */
  static final int LONGEST_VALUE = 300;

  private static final Pattern TASK_COMPLETED = Pattern.compile("\"(.+)\" completed by (.+)");
  private static final Pattern MESSAGE = Pattern.compile("^(CHAT|PAGE|DISCORD|STATUSPAGE|WEBSITE|EMAIL) message\\b");
  private static final Map<String, String> CHANNELS = Map.of("CHAT", "Chat post", "PAGE", "Page",
      "DISCORD", "Discord message", "STATUSPAGE", "Statuspage update", "WEBSITE", "Website post", "EMAIL", "E-mail");

  /** Labels by form id, then by field key. */
  private final Map<String, Map<String, String>> labels = new HashMap<>();
  /** The labels of a choice field's options by form id, then by "field key/option value". */
  private final Map<String, Map<String, String>> optionLabels = new HashMap<>();
  /** The form of each user task of the models, by the task's id. */
  private final Map<String, String> formOfTask = new HashMap<>();
  private final ObjectMapper json;

  public TimelineSentences(FormSchemas forms, ObjectMapper json) {
    this.json = json;
    for (String formId : new TreeSet<>(forms.ids())) {
      forms.find(formId).ifPresent(form -> form.fields().stream()
          .filter(field -> field.label() != null && !field.label().isBlank())
          .forEach((FormField field) -> labels.computeIfAbsent(formId, id -> new HashMap<>())
              .putIfAbsent(field.key(), field.label())));
      forms.find(formId).ifPresent(form -> form.fields().forEach(field -> field.options().forEach(option ->
          optionLabels.computeIfAbsent(formId, id -> new HashMap<>())
              .putIfAbsent(field.key() + "/" + option.value(), option.label()))));
    }
    try {
      for (Resource model : new PathMatchingResourcePatternResolver().getResources("classpath*:bpmn/**/*.bpmn")) {
        try (InputStream in = model.getInputStream()) {
          for (UserTask task : Bpmn.readModelFromStream(in).getModelElementsByType(UserTask.class)) {
            if (task.getCamundaFormRef() != null) {
              formOfTask.putIfAbsent(task.getId(), task.getCamundaFormRef());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the models under bpmn/", e);
    }
  }

  public String sentence(TimelineEntry entry) {
    return switch (entry.kind()) {
      case TASK_COMPLETED -> taskCompleted(entry);
      case DECISION -> decision(entry);
      case MESSAGE_QUEUED, MESSAGE_SENT, MESSAGE_FAILED, MESSAGE_SENT_BY_HAND, MESSAGE_SKIPPED -> message(entry);
      default -> entry.summary();
    };
  }

  private String taskCompleted(TimelineEntry entry) {
    Matcher summary = TASK_COMPLETED.matcher(entry.summary());
    String task = summary.matches() ? summary.group(1) : entry.summary();
    String actor = summary.matches() ? summary.group(2) : entry.actor();
    List<String> values = new ArrayList<>();
    JsonNode entered = parse(entry.details());
    Map<String, String> labelOf = labels.getOrDefault(formOfTask.get(entry.activityId()), Map.of());
    Map<String, String> optionLabelOf = optionLabels.getOrDefault(formOfTask.get(entry.activityId()), Map.of());
    for (Iterator<Map.Entry<String, JsonNode>> fields = entered.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      // a choice as the form offered it: "Add this item; that's all", not ADD_LAST
      String chosen = field.getValue().isTextual()
          ? optionLabelOf.get(field.getKey() + "/" + field.getValue().asText()) : null;
      String value = chosen != null ? chosen : value(field.getValue());
      if (value != null) {
        String label = labelOf.getOrDefault(field.getKey(), words(field.getKey()));
        // a question is answered after it, anything else after a colon
        values.add(label + (label.endsWith("?") ? " " : ": ") + value);
      }
    }
    String told = values.isEmpty() ? "" : ": " + String.join("; ", values);
    return actor + " completed “" + task + "”" + told + (told.endsWith(".") ? "" : ".");
  }

  private String decision(TimelineEntry entry) {
    JsonNode details = parse(entry.details());
    int colon = entry.summary().indexOf(':');
    String name = colon > 0 ? entry.summary().substring(0, colon) : details.path("decision").asText("A decision");
    List<String> outputs = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = details.path("outputs").fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> output = fields.next();
      String value = value(output.getValue());
      outputs.add(words(output.getKey()) + ": " + (value == null ? "none" : value));
    }
    return outputs.isEmpty() ? name + " decided nothing." : name + " decided " + String.join("; ", outputs) + ".";
  }

  private static String message(TimelineEntry entry) {
    Matcher channel = MESSAGE.matcher(entry.summary());
    return channel.find() ? CHANNELS.get(channel.group(1)) + entry.summary().substring(channel.end()) : entry.summary();
  }

  /** A value as a person reads it, null when there is nothing to say. */
  private static String value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isBoolean()) {
      return node.asBoolean() ? "yes" : "no";
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> {
        String text = value(item);
        if (text != null) {
          items.add(text);
        }
      });
      return items.isEmpty() ? null : String.join(", ", items);
    }
    String text = node.isValueNode() ? node.asText() : node.toString();
    if (text.isBlank()) {
      return null;
    }
    text = duration(text.trim());
    return text.length() <= LONGEST_VALUE ? text : text.substring(0, LONGEST_VALUE - 1) + "…";
  }

  /** An ISO 8601 duration or period ("PT4H", "P7D", "R/PT4H") in words; any other text as it is. */
  static String duration(String text) {
    String iso = text.startsWith("R/") ? text.substring(2) : text;
    String every = text.startsWith("R/") ? "every " : "";
    if (!iso.startsWith("P")) {
      return text;
    }
    try {
      if (iso.contains("T")) {
        Duration duration = Duration.parse(iso);
        List<String> parts = new ArrayList<>();
        if (duration.toDays() > 0) {
          parts.add(duration.toDays() + (duration.toDays() == 1 ? " day" : " days"));
        }
        if (duration.toHoursPart() > 0) {
          parts.add(duration.toHoursPart() + " h");
        }
        if (duration.toMinutesPart() > 0) {
          parts.add(duration.toMinutesPart() + " min");
        }
        if (duration.toSecondsPart() > 0) {
          parts.add(duration.toSecondsPart() + " s");
        }
        return parts.isEmpty() ? text : every + String.join(" ", parts);
      }
      Period period = Period.parse(iso);
      List<String> parts = new ArrayList<>();
      if (period.getYears() > 0) {
        parts.add(period.getYears() + (period.getYears() == 1 ? " year" : " years"));
      }
      if (period.getMonths() > 0) {
        parts.add(period.getMonths() + (period.getMonths() == 1 ? " month" : " months"));
      }
      if (period.getDays() > 0) {
        parts.add(period.getDays() + (period.getDays() == 1 ? " day" : " days"));
      }
      return parts.isEmpty() ? text : every + String.join(" ", parts);
    } catch (DateTimeParseException notADuration) {
      return text;
    }
  }

  /** "teamLeadSyncEvery" as "team lead sync every". */
  static String words(String camelCase) {
    return camelCase.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }

  private JsonNode parse(String details) {
    if (details == null || details.isBlank()) {
      return json.createObjectNode();
    }
    try {
      return json.readTree(details);
    } catch (JsonProcessingException notJson) {
      return json.createObjectNode();
    }
  }
}
