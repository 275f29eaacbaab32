package org.irflow.process.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The Camunda Forms of forms/, read once at start. Camunda validates these forms only in the
 * browser; irflow checks the same rules on the server so that the REST API refuses what Tasklist
 * would refuse.
 */
@Component
public class FormSchemas {

  private static final Set<String> DISPLAY_ONLY = Set.of("text", "html", "image", "spacer",
      "separator", "button", "group", "dynamiclist", "iframe", "table", "documentPreview");

  private final Map<String, FormSchema> byId = new ConcurrentHashMap<>();
  public FormSchemas(ObjectMapper json) {
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver()
          .getResources("classpath*:forms/**/*.form")) {
        try (InputStream in = resource.getInputStream()) {
          FormSchema schema = parse(json.readTree(in));
          byId.put(schema.id(), schema);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the forms under forms/", e);
    }
  }

  public Optional<FormSchema> find(String formId) {
    return Optional.ofNullable(formId).map(byId::get);
  }

  /** The schema of the Camunda Form a start event or user task references (camunda:formRef). */
  public Optional<FormSchema> find(FormDefinition definition) {
    return definition == null || definition.getCamundaFormDefinitionKey() == null ? Optional.empty()
        : find(definition.getCamundaFormDefinitionKey().getExpressionText());
  }

  public Set<String> ids() {
    return Set.copyOf(byId.keySet());
  }

  static FormSchema parse(JsonNode form) {
    List<FormField> fields = new ArrayList<>();
    collect(form.path("components"), fields);
    return new FormSchema(form.path("id").asText(), List.copyOf(fields));
  }

  private static void collect(JsonNode components, List<FormField> fields) {
    for (JsonNode component : components) {
      String type = component.path("type").asText();
      if ("dynamiclist".equals(type)) {
        fields.add(field(component, component.path("path").asText(null), rowFields(component)));
        continue;
      }
      if (component.has("components")) {
        collect(component.path("components"), fields);
      }
      String key = component.path("key").asText(null);
      if (key == null || DISPLAY_ONLY.contains(type)) {
        continue;
      }
      fields.add(field(component, key, List.of()));
    }
  }

  /** The fields of one row of a repeating group; their keys are relative to the row. */
  private static List<FormField> rowFields(JsonNode dynamicList) {
    List<FormField> rowFields = new ArrayList<>();
    collect(dynamicList.path("components"), rowFields);
    return List.copyOf(rowFields);
  }

  private static FormField field(JsonNode component, String key, List<FormField> rowFields) {
    List<FormField.Option> options = new ArrayList<>();
    component.path("values").forEach(option -> options.add(
        new FormField.Option(option.path("value").asText(), option.path("label").asText())));
    boolean input = !component.path("disabled").asBoolean(false)
        && !component.path("readonly").asBoolean(false);
    return new FormField(
        key,
        component.path("label").asText(component.path("dateLabel").asText(null)),
        component.path("type").asText(),
        component.path("validate").path("required").asBoolean(false),
        List.copyOf(options),
        component.path("properties").path("memberOf").asText(null),
        component.path("valuesKey").asText(null),
        component.path("properties").path("optionsFrom").asText(null),
        component.has("conditional"),
        input,
        component.path("validate").path("pattern").asText(null),
        component.path("validate").path("validationType").asText(null),
        rowFields,
        component.path("properties").path("textFrom").asText(null));
  }
}
