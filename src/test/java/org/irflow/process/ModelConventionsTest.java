package org.irflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Fails the build when a model breaks what Tasklist, Cockpit and Camunda Modeler need: a diagram
 * (DI), a history time to live, ids that say what they are, and a form in forms/ for every user task.
 */
class ModelConventionsTest {

  static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI";
  static final String CAMUNDA_BPMN = "http://camunda.org/schema/1.0/bpmn";
  static final String DMN = "https://www.omg.org/spec/DMN/20191111/MODEL/";
  static final String DMNDI = "https://www.omg.org/spec/DMN/20191111/DMNDI/";
  static final String CAMUNDA_DMN = "http://camunda.org/schema/1.0/dmn";
  /** What Camunda Modeler generates, e.g. Activity_0x7f3ab or Flow_1k2j3h4: seven characters, a digit among them. */
  static final Pattern GENERATED_ID = Pattern.compile(
      "(Activity|Event|Gateway|Flow|StartEvent|EndEvent|Task|UserTask|ServiceTask|SequenceFlow|Process|Decision|DecisionTable|Rule|Input|Output|InputClause|OutputClause|UnaryTests|LiteralExpression|TimerEventDefinition)_(?=[a-z]*[0-9])[0-9a-z]{7}");

  @Test
  void everyProcessModelIsDrawableNamedAndHasItsForms() throws Exception {
    Set<String> formIds = formIds();
    List<String> problems = new ArrayList<>();
    List<Path> models = files("bpmn", ".bpmn");
    assertThat(models).isNotEmpty();
    for (Path model : models) {
      Document xml = parse(model);
      if (xml.getElementsByTagNameNS(BPMNDI, "BPMNDiagram").getLength() == 0) {
        problems.add(model + ": no diagram (DI)");
      }
      NodeList processes = xml.getElementsByTagNameNS(BPMN, "process");
      for (int i = 0; i < processes.getLength(); i++) {
        Element process = (Element) processes.item(i);
        if (process.getAttributeNS(CAMUNDA_BPMN, "historyTimeToLive").isBlank()) {
          problems.add(model + ": process " + process.getAttribute("id") + " has no historyTimeToLive");
        }
        if (!model.getFileName().toString().equals(process.getAttribute("id") + ".bpmn")) {
          problems.add(model + ": file name differs from process id " + process.getAttribute("id"));
        }
      }
      problems.addAll(generatedIds(model, xml));
      for (String tag : List.of("userTask", "startEvent")) {
        NodeList elements = xml.getElementsByTagNameNS(BPMN, tag);
        for (int i = 0; i < elements.getLength(); i++) {
          Element element = (Element) elements.item(i);
          String formRef = element.getAttributeNS(CAMUNDA_BPMN, "formRef");
          boolean needsForm = tag.equals("userTask")
              || !element.getAttributeNS(CAMUNDA_BPMN, "formKey").isBlank() || !formRef.isBlank();
          if (needsForm && formRef.isBlank()) {
            problems.add(model + ": " + tag + " " + element.getAttribute("id") + " has no Camunda Form (formRef)");
          } else if (needsForm && !formIds.contains(formRef)) {
            problems.add(model + ": " + element.getAttribute("id") + " refers to form '" + formRef
                + "', which no file in forms/ has as id");
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyDecisionHasHistoryTimeToLiveAndADiagram() throws Exception {
    List<String> problems = new ArrayList<>();
    List<Path> tables = files("bpmn", ".dmn");
    assertThat(tables).isNotEmpty();
    for (Path table : tables) {
      Document xml = parse(table);
      if (xml.getElementsByTagNameNS(DMNDI, "DMNDiagram").getLength() == 0) {
        problems.add(table + ": no diagram (DMNDI)");
      }
      NodeList decisions = xml.getElementsByTagNameNS(DMN, "decision");
      for (int i = 0; i < decisions.getLength(); i++) {
        Element decision = (Element) decisions.item(i);
        if (decision.getAttributeNS(CAMUNDA_DMN, "historyTimeToLive").isBlank()) {
          problems.add(table + ": decision " + decision.getAttribute("id") + " has no historyTimeToLive");
        }
      }
      problems.addAll(generatedIds(table, xml));
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyFormIsNamedAfterItsFile() throws IOException {
    for (Path form : files("forms", ".form")) {
      String id = new ObjectMapper().readTree(form.toFile()).path("id").asText();
      assertThat(form.getFileName().toString()).isEqualTo(id + ".form");
    }
  }

  private static List<String> generatedIds(Path file, Document xml) {
    List<String> problems = new ArrayList<>();
    NodeList all = xml.getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      String id = ((Element) all.item(i)).getAttribute("id");
      if (GENERATED_ID.matcher(id).matches()) {
        problems.add(file + ": generated id " + id);
      }
    }
    return problems;
  }

  private static Set<String> formIds() throws IOException {
    Set<String> ids = new HashSet<>();
    for (Path form : files("forms", ".form")) {
      ids.add(new ObjectMapper().readTree(form.toFile()).path("id").asText());
    }
    return ids;
  }

  private static List<Path> files(String folder, String suffix) throws IOException {
    try (Stream<Path> paths = Files.walk(Path.of(folder))) {
      return paths.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }
}
