package org.irflow.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.irflow.process.forms.FormSchemas;
import org.irflow.process.forms.ValidatingFormHandlers;
import org.springframework.stereotype.Component;

/**
 * Engine extensions that apply to every model: server-side checks of Camunda Form submissions and
 * the timeline of task completions (decisions reach the timeline as history events).
 */
@Component
public class IrflowEnginePlugin extends AbstractProcessEnginePlugin {

  private final FormSchemas forms;
  private final TimelineListeners timelineListeners;

  public IrflowEnginePlugin(FormSchemas forms, TimelineListeners timelineListeners) {
    this.forms = forms;
    this.timelineListeners = timelineListeners;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> parseListeners = new ArrayList<>();
    if (configuration.getCustomPostBPMNParseListeners() != null) {
      parseListeners.addAll(configuration.getCustomPostBPMNParseListeners());
    }
    parseListeners.add(new ParseListener());
    configuration.setCustomPostBPMNParseListeners(parseListeners);
    // TimelineListeners is also a HistoryEventHandler bean, which the Camunda starter registers itself
  }

  private static String formId(FormDefinition definition) {
    return definition == null || definition.getCamundaFormDefinitionKey() == null ? null
        : definition.getCamundaFormDefinitionKey().getExpressionText();
  }

  private final class ParseListener extends AbstractBpmnParseListener {

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
      forms.find(formId(processDefinition.getStartFormDefinition())).ifPresent(schema -> {
        processDefinition.setStartFormHandler(
            new ValidatingFormHandlers.Start(processDefinition.getStartFormHandler(), schema));
        // a start without the form (REST /start) must meet the same rules
        processDefinition.getInitial().addListener(ExecutionListener.EVENTNAME_START,
            execution -> ValidatingFormHandlers.check(schema, execution.getVariables()));
      });
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
      TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
      forms.find(formId(task.getFormDefinition())).ifPresent(schema -> {
        task.setTaskFormHandler(new ValidatingFormHandlers.Task(task.getTaskFormHandler(), schema));
        // a completion without the form (REST /complete) must leave the task's fields filled too
        task.addTaskListener(TaskListener.EVENTNAME_COMPLETE,
            delegateTask -> ValidatingFormHandlers.check(schema, delegateTask.getVariables()));
      });
      task.addTaskListener(TaskListener.EVENTNAME_COMPLETE, timelineListeners);
    }
  }
}
