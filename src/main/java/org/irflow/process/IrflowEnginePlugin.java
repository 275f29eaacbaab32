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
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.irflow.incident.Timeline;
import org.irflow.process.forms.FormOptions;
import org.irflow.process.forms.FormRule;
import org.irflow.process.forms.FormSchema;
import org.irflow.process.forms.FormSchemas;
import org.irflow.process.forms.FormTexts;
import org.irflow.process.forms.ValidatingFormHandlers;
import org.irflow.security.PersonVariablesGuard;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Engine extensions that apply to every model: server-side checks of Camunda Form submissions, the
 * options of the forms' choice fields and the text of their computed display fields filled when a task
 * is created ({@link FormOptions}, {@link FormTexts}), the
 * incident's id and title in the name of each of its tasks ({@link IncidentTaskNames}), the
 * timeline of task completions (decisions reach the timeline as history events), and the guard that
 * keeps a person's calls to the fields of the form in question ({@link PersonVariablesGuard}), and
 * the incident on every task's card in Tasklist ({@link TaskCards}).
 */
@Component
public class IrflowEnginePlugin extends AbstractProcessEnginePlugin {

  private final FormSchemas forms;
  private final List<FormRule> formRules;
  private final TimelineListeners timelineListeners;
  private final IncidentTaskNames taskNames;
  private final Timeline timeline;
  private final FormOptions formOptions;
  private final FormTexts formTexts;

  public IrflowEnginePlugin(FormSchemas forms, List<FormRule> formRules,
      TimelineListeners timelineListeners, IncidentTaskNames taskNames, Timeline timeline,
      @Lazy FormOptions formOptions, @Lazy FormTexts formTexts) {
    this.forms = forms;
    this.formOptions = formOptions;
    this.formTexts = formTexts;
    this.formRules = formRules;
    this.timelineListeners = timelineListeners;
    this.taskNames = taskNames;
    this.timeline = timeline;
  }

  private List<FormRule> rulesOf(String formId) {
    return formRules.stream().filter(rule -> rule.formId().equals(formId)).toList();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> parseListeners = new ArrayList<>();
    if (configuration.getCustomPostBPMNParseListeners() != null) {
      parseListeners.addAll(configuration.getCustomPostBPMNParseListeners());
    }
    parseListeners.add(new ParseListener());
    configuration.setCustomPostBPMNParseListeners(parseListeners);
    // every call from outside the engine opens its command on the "transaction required" executor
    List<CommandInterceptor> interceptors = new ArrayList<>();
    interceptors.add(new PersonVariablesGuard(forms, timeline, configuration));
    if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
    }
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    // TimelineListeners is also a HistoryEventHandler bean, which the Camunda starter registers itself
  }

  private final class ParseListener extends AbstractBpmnParseListener {

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
      forms.find(processDefinition.getStartFormDefinition()).ifPresent(schema -> {
        List<FormRule> rules = rulesOf(schema.id());
        processDefinition.setStartFormHandler(
            new ValidatingFormHandlers.Start(processDefinition.getStartFormHandler(), schema, rules));
        // a start without the form (REST /start) must meet the same rules; a process called by another
        // of irflow's models (a call activity) is not a person's start: its caller's form was checked
        processDefinition.getInitial().addListener(ExecutionListener.EVENTNAME_START, execution -> {
          if (((ExecutionEntity) execution).getProcessInstance().getSuperExecution() == null) {
            ValidatingFormHandlers.check(schema, rules, execution.getVariables(), execution);
          }
        });
      });
    }

    @Override
    public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
      TaskDefinition task = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
      forms.find(task.getFormDefinition()).ifPresent(schema -> {
        List<FormRule> rules = rulesOf(schema.id());
        task.setTaskFormHandler(new ValidatingFormHandlers.Task(task.getTaskFormHandler(), schema, rules));
        // a completion without the form (REST /complete) must leave the task's fields filled too
        task.addTaskListener(TaskListener.EVENTNAME_COMPLETE, delegateTask -> {
          ValidatingFormHandlers.check(schema, rules, delegateTask.getVariables(), delegateTask);
          ValidatingFormHandlers.storeListsAsText(schema, delegateTask);
        });
        if (!schema.fieldsWithFilledOptions().isEmpty()) {
          task.addTaskListener(TaskListener.EVENTNAME_CREATE, delegateTask -> formOptions.fill(delegateTask, schema));
        }
        if (!schema.fieldsWithFilledText().isEmpty()) {
          task.addTaskListener(TaskListener.EVENTNAME_CREATE, delegateTask -> formTexts.fill(delegateTask, schema));
        }
      });
      task.addTaskListener(TaskListener.EVENTNAME_CREATE, taskNames);
      task.addTaskListener(TaskListener.EVENTNAME_COMPLETE, timelineListeners);
      task.addTaskListener(TaskListener.EVENTNAME_CREATE, new TaskCards(
          forms.find(task.getFormDefinition()).map(FormSchema::inputKeys).orElse(List.of())));
    }
  }
}
